// Shared HTTP helpers (no request data is read in this file).
import axios from "axios";

export async function fetchJson(url: string) {
  // ok: js-ssrf-from-request
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  return res.json();
}

export async function postEvent(endpoint: string, event: unknown) {
  // ok: js-ssrf-from-request
  return axios.post(endpoint, event, { timeout: 3000 });
}

export async function fetchStatus() {
  // ok: js-ssrf-from-request
  const res = await fetch("https://status.example.com/api/v2/status.json");
  return res.json();
}
