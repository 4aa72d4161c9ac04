typescript
import express, { Request, Response } from "express";
import fs from "node:fs";
import { readFile, unlink } from "node:fs/promises";
import path from "node:path";
import { NextRequest, NextResponse } from "next/server";

const app = express();
const UPLOAD_DIR = path.resolve("./uploads");
const DOCS_DIR = "/srv/docs";

function readTemplate(name: string) {
  const file = path.join(__dirname, "templates", `${name}.html`);
  // ruleid: js-path-traversal-from-request
  return fs.readFileSync(file, "utf8");
}

app.get("/download", (req: Request, res: Response) => {
  const filename = req.query.file as string;
  const filePath = path.join(UPLOAD_DIR, filename);
  // ruleid: js-path-traversal-from-request
  res.download(filePath);
});

app.get("/templates/:name", (req: Request, res: Response) => {
  res.send(readTemplate(req.params.name));
});

app.delete("/files/:id", async (req: Request, res: Response) => {
  // ruleid: js-path-traversal-from-request
  await unlink(path.resolve(UPLOAD_DIR, req.params.id));
  res.status(204).end();
});

export async function GET(request: NextRequest) {
  const doc = request.nextUrl.searchParams.get("doc") ?? "index.md";
  const target = `${DOCS_DIR}/${doc}`;
  // ruleid: js-path-traversal-from-request
  const content = await readFile(target, "utf8");
  return NextResponse.json({ content });
}

app.get("/avatar/:user", (req: Request, res: Response) => {
  // ruleid: js-path-traversal-from-request
  const stream = fs.createReadStream(path.join(UPLOAD_DIR, "avatars", req.params.user + ".png"));
  stream.pipe(res);
});

app.get("/download/safe", (req: Request, res: Response) => {
  const name = path.basename(req.query.file as string);
  // ok: js-path-traversal-from-request
  res.download(path.join(UPLOAD_DIR, name));
});

app.get("/download/checked", (req: Request, res: Response) => {
  const full = path.resolve(UPLOAD_DIR, req.query.file as string);
  if (!full.startsWith(UPLOAD_DIR + path.sep)) {
    return res.status(403).send("forbidden");
  }
  // ok: js-path-traversal-from-request
  res.sendFile(full);
});

app.get("/static/:file", (req: Request, res: Response) => {
  // ok: js-path-traversal-from-request
  res.sendFile(req.params.file, { root: UPLOAD_DIR, dotfiles: "deny" });
});

app.get("/report", (req: Request, res: Response) => {
  const year = Number(req.query.year);
  // ok: js-path-traversal-from-request
  res.sendFile(path.join(DOCS_DIR, `report-${year}.pdf`));
});

// Next.js dynamic route: app/files/[name]/route.ts
export async function DELETE(req: NextRequest, { params }: { params: { name: string } }) {
  const target = path.join(UPLOAD_DIR, params.name);
  // ENGINE GAP: in TypeScript, `function $F(...)` / `function $F($A, $B)` patterns do not
  // match functions with two or more (typed) parameters, so `params` of typed route
  // handlers is not recognised as request data.
  // todoruleid: js-path-traversal-from-request
  await unlink(target);
  return NextResponse.json({ deleted: true });
}
