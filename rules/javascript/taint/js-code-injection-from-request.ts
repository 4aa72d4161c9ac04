import express, { Request, Response } from "express";
import vm from "node:vm";
import serialize from "node-serialize";
import { NextRequest, NextResponse } from "next/server";

const app = express();
app.use(express.json());

const OPERATIONS: Record<string, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  mul: (a, b) => a * b,
};

function applyRule(rule: string, order: Record<string, unknown>) {
  const body = `return (${rule});`;
  // ruleid: js-code-injection-from-request
  const fn = new Function("order", body);
  return fn(order);
}

app.get("/calc", (req: Request, res: Response) => {
  const expr = String(req.query.expr ?? "1+1");
  // ruleid: js-code-injection-from-request
  const result = eval(expr);
  res.json({ result });
});

app.post("/discounts/preview", (req: Request, res: Response) => {
  const { rule, order } = req.body;
  res.json({ matches: applyRule(rule, order) });
});

app.post("/sandbox", (req: Request, res: Response) => {
  const code = req.body.code;
  const context = vm.createContext({ console });
  // ruleid: js-code-injection-from-request
  const output = vm.runInNewContext(code, context, { timeout: 1000 });
  res.json({ output });
});

app.get("/prefs", (req: Request, res: Response) => {
  const raw = Buffer.from(req.cookies.prefs, "base64").toString();
  // ruleid: js-code-injection-from-request
  const prefs = serialize.unserialize(raw);
  res.json(prefs);
});

export async function POST(request: NextRequest) {
  const { formula } = await request.json();
  // ruleid: js-code-injection-from-request
  const value = vm.runInThisContext(`(${formula})`);
  return NextResponse.json({ value });
}

app.get("/calc/safe", (req: Request, res: Response) => {
  const a = Number(req.query.a);
  const b = Number(req.query.b);
  const op = String(req.query.op);
  if (!(op in OPERATIONS)) {
    return res.status(400).json({ error: "unknown op" });
  }
  // ok: js-code-injection-from-request
  res.json({ result: OPERATIONS[op](a, b), check: eval(`${a} + ${b}`) });
});

app.get("/prefs/safe", (req: Request, res: Response) => {
  // ok: js-code-injection-from-request
  const prefs = JSON.parse(Buffer.from(req.cookies.prefs, "base64").toString());
  res.json(prefs);
});

app.get("/version", (req: Request, res: Response) => {
  const verbose = req.query.verbose;
  // ok: js-code-injection-from-request
  const build = eval("process.env.BUILD_ID");
  res.json({ build, verbose });
});
