import axios from "axios";
import express, { Request, Response } from "express";
import { NextRequest, NextResponse } from "next/server";

const app = express();
app.use(express.json());

const ALLOWED_HOSTS = new Set(["api.github.com", "hooks.slack.com"]);
const API_BASE = "https://api.example.com";

async function fetchPreview(link: string) {
  // ruleid: js-ssrf-from-request
  const res = await fetch(link, { headers: { "User-Agent": "preview-bot" } });
  const html = await res.text();
  return html.match(/<title>(.*?)<\/title>/)?.[1] ?? "";
}

app.get("/preview", async (req: Request, res: Response) => {
  const url = req.query.url as string;
  res.json({ title: await fetchPreview(url) });
});

app.post("/webhooks/test", async (req: Request, res: Response) => {
  const { callbackUrl, payload } = req.body;
  // ruleid: js-ssrf-from-request
  const r = await axios.post(callbackUrl, payload, { timeout: 5000 });
  res.json({ status: r.status });
});

export async function GET(request: NextRequest) {
  const imageUrl = request.nextUrl.searchParams.get("src");
  if (!imageUrl) return NextResponse.json({ error: "missing src" }, { status: 400 });
  // ruleid: js-ssrf-from-request
  const upstream = await fetch(imageUrl);
  return new NextResponse(upstream.body, { headers: { "Content-Type": "image/png" } });
}

app.get("/proxy", async (req: Request, res: Response) => {
  const host = req.query.host;
  const target = `http://${host}/status`;
  // ruleid: js-ssrf-from-request
  const r = await axios.get(target);
  res.json(r.data);
});

app.get("/preview/safe", async (req: Request, res: Response) => {
  const url = req.query.url as string;
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" || !ALLOWED_HOSTS.has(parsed.hostname)) {
    return res.status(400).json({ error: "host not allowed" });
  }
  // ok: js-ssrf-from-request
  const r = await fetch(url, { redirect: "error" });
  res.send(await r.text());
});

app.get("/users/:name", async (req: Request, res: Response) => {
  // ok: js-ssrf-from-request
  const r = await fetch(`https://api.github.com/users/${encodeURIComponent(req.params.name)}`);
  res.json(await r.json());
});

app.get("/items/:id", async (req: Request, res: Response) => {
  // ok: js-ssrf-from-request
  const r = await axios.get(`${API_BASE}/items/${req.params.id}`);
  res.json(r.data);
});

app.get("/health", async (req: Request, res: Response) => {
  const verbose = req.query.verbose === "1";
  // ok: js-ssrf-from-request
  const r = await fetch("https://status.example.com/api/v2/status.json");
  res.json(verbose ? await r.json() : { ok: r.ok });
});
