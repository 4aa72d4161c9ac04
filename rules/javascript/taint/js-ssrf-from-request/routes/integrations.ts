// Express routes for third-party integrations.
import express, { Request, Response } from "express";
import { fetchJson, fetchStatus, postEvent } from "../lib/http";

export const router = express.Router();

router.get("/integrations/metadata", async (req: Request, res: Response) => {
  const source = req.query.source as string;
  // ruleid: js-ssrf-from-request
  const data = await fetchJson(source);
  res.json(data);
});

router.post("/integrations/webhook/test", async (req: Request, res: Response) => {
  const { endpoint } = req.body;
  // ruleid: js-ssrf-from-request
  const r = await postEvent(endpoint, { type: "ping" });
  res.json({ status: r.status });
});

router.get("/integrations/status", async (req: Request, res: Response) => {
  const verbose = req.query.verbose === "1";
  // ok: js-ssrf-from-request
  const status = await fetchStatus();
  res.json(verbose ? status : { ok: true });
});
