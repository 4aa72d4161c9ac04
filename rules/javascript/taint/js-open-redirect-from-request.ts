import express, { Request, Response } from "express";
import { NextRequest, NextResponse } from "next/server";

const app = express();
app.use(express.urlencoded({ extended: false }));

const ALLOWED_RETURN_URLS = ["/dashboard", "/settings", "/billing"];

app.post("/login", async (req: Request, res: Response) => {
  const user = await authenticate(req.body.email, req.body.password);
  req.session.userId = user.id;
  const returnTo = (req.query.returnTo as string) || "/dashboard";
  // ruleid: js-open-redirect-from-request
  res.redirect(returnTo);
});

app.get("/logout", (req: Request, res: Response) => {
  req.session.destroy(() => {
    // ruleid: js-open-redirect-from-request
    res.redirect(302, req.query.next as string);
  });
});

export async function GET(request: NextRequest) {
  const code = request.nextUrl.searchParams.get("code");
  const state = request.nextUrl.searchParams.get("state") ?? "/";
  await exchangeCode(code);
  const destination = decodeURIComponent(state);
  // ruleid: js-open-redirect-from-request
  return NextResponse.redirect(destination);
}

export function continueAfterConsent() {
  const params = new URLSearchParams(window.location.search);
  const next = params.get("continue");
  // ruleid: js-open-redirect-from-request
  window.location.href = next;
}

app.post("/login/safe", async (req: Request, res: Response) => {
  const target = String(req.query.next ?? "/");
  if (!target.startsWith("/") || target.startsWith("//")) {
    return res.redirect("/");
  }
  // ok: js-open-redirect-from-request
  res.redirect(target);
});

app.get("/go", (req: Request, res: Response) => {
  const dest = req.query.dest as string;
  if (!ALLOWED_RETURN_URLS.includes(dest)) {
    return res.redirect("/dashboard");
  }
  // ok: js-open-redirect-from-request
  res.redirect(dest);
});

export async function POST(request: NextRequest) {
  const form = await request.formData();
  await saveProfile(form);
  // ok: js-open-redirect-from-request
  return NextResponse.redirect(new URL("/profile", request.url));
}

app.get("/old-path", (req: Request, res: Response) => {
  const id = Number(req.query.id);
  // ok: js-open-redirect-from-request
  res.redirect(301, `/items/${id}`);
});

app.get("/l/:slug", async (req: Request, res: Response) => {
  // The slug only selects a stored link; its destination was saved by the site's editors.
  const link = await Link.findOneBy({ slug: req.params.slug });
  // ok: js-open-redirect-from-request
  res.redirect(301, link.destination);
});

app.get("/go/:id", async (req: Request, res: Response) => {
  const link = await Link.findById(req.params.id);
  // ruleid: js-open-redirect-from-request
  res.redirect(link ? link.destination : (req.query.fallback as string));
});

app.get("/private", (req: Request, res: Response) => {
  let redirectUrl = urlUtils.urlFor({ relativeUrl: "/private/" });
  redirectUrl += "?r=" + encodeURIComponent(req.url);
  // ok: js-open-redirect-from-request
  return res.redirect(redirectUrl);
});

app.post("/private", (req: Request, res: Response) => {
  const forward = req.query.r as string;
  // ok: js-open-redirect-from-request
  return res.redirect(urlUtils.urlFor({ relativeUrl: forward }));
});

app.get("/unsubscribe", (req: Request, res: Response) => {
  const redirectUrl = new URL("https://example.com/unsubscribe/");
  redirectUrl.searchParams.append("key", req.query.key as string);
  // ok: js-open-redirect-from-request
  return res.redirect(302, redirectUrl.href);
});

app.get("/members/signin", (req: Request, res: Response) => {
  const referrer = req.query.r as string;
  const siteUrl = urlUtils.getSiteUrl();
  if (referrer && referrer.startsWith(siteUrl)) {
    // ok: js-open-redirect-from-request
    return res.redirect(referrer);
  }
  const prefix = req.query.prefix as string;
  if (referrer.startsWith(prefix)) {
    // ruleid: js-open-redirect-from-request
    return res.redirect(referrer);
  }
  // ruleid: js-open-redirect-from-request
  res.redirect(referrer + "?from=" + encodeURIComponent(req.url));
});
