import escapeHtml from "escape-html";
import DOMPurify from "dompurify";
import express, { Request, Response } from "express";
import { useSearchParams } from "next/navigation";

const app = express();

function renderPage(title: string, body: string) {
  return `<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`;
}

app.get("/hello", (req: Request, res: Response) => {
  const name = req.query.name;
  // ruleid: js-xss-from-request
  res.send(`<h1>Hello, ${name}!</h1>`);
});

app.get("/search", (req: Request, res: Response) => {
  const q = String(req.query.q ?? "");
  const page = renderPage("Search", "<p>Results for " + q + "</p>");
  // ruleid: js-xss-from-request
  res.status(200).send(page);
});

app.get("/error", (req: Request, res: Response) => {
  const msg = req.query.msg;
  // ruleid: js-xss-from-request
  res.status(400).send("<p class='error'>" + msg + "</p>");
});

export function SearchBanner() {
  const params = useSearchParams();
  const term = params.get("q") ?? "";
  // ruleid: js-xss-from-request
  return <div className="banner" dangerouslySetInnerHTML={{ __html: `Results for <b>${term}</b>` }} />;
}

export function showWelcome() {
  const who = new URLSearchParams(window.location.search).get("user");
  const el = document.getElementById("welcome")!;
  // ruleid: js-xss-from-request
  el.innerHTML = `Welcome back, ${who}`;
}

app.get("/hello/safe", (req: Request, res: Response) => {
  const name = escapeHtml(String(req.query.name));
  // ok: js-xss-from-request
  res.send(`<h1>Hello, ${name}!</h1>`);
});

app.get("/api/echo", (req: Request, res: Response) => {
  // ok: js-xss-from-request
  res.json({ echo: req.query.msg });
});

export function SafeBanner() {
  const params = useSearchParams();
  const html = DOMPurify.sanitize(`Results for <b>${params.get("q")}</b>`);
  // ok: js-xss-from-request
  return <div dangerouslySetInnerHTML={{ __html: html }} />;
}

export function showWelcomeSafe() {
  const who = new URLSearchParams(window.location.search).get("user");
  const el = document.getElementById("welcome")!;
  // ok: js-xss-from-request
  el.textContent = `Welcome back, ${who}`;
}

export function Greeting() {
  const params = useSearchParams();
  // ok: js-xss-from-request
  return <h1>Hello {params.get("name")}</h1>;
}

app.post("/subscriptions", (req: Request, res: Response) => {
  if (!req.body.subscription_id) {
    res.writeHead(404, { "Content-Type": "text/plain;charset=UTF-8" });
    // ok: js-xss-from-request
    return res.end(`Could not find subscription ${req.body.subscription_id}`);
  }
  res.setHeader("content-type", "application/json");
  // ok: js-xss-from-request
  res.end(`{"id": "${req.body.subscription_id}"}`);
});

app.get("/plain", (req: Request, res: Response) => {
  // ok: js-xss-from-request
  res.type("text").send(`no such page: ${req.query.page}`);
});

app.get("/html-after-all", (req: Request, res: Response) => {
  res.setHeader("Content-Type", "text/html");
  // ruleid: js-xss-from-request
  res.end(`<p>${req.query.page}</p>`);
});
