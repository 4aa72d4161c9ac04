import express, { Request, Response } from "express";
import { Pool } from "pg";
import { PrismaClient } from "@prisma/client";
import knex from "knex";
import { NextRequest, NextResponse } from "next/server";

const app = express();
app.use(express.json());
const pool = new Pool();
const prisma = new PrismaClient();
const db = knex({ client: "pg", connection: process.env.DATABASE_URL });

const SORT_COLUMNS = ["created_at", "title", "price"];

async function findProducts(category: string, sort: string) {
  const sql = `SELECT id, title, price FROM products WHERE category = '${category}' ORDER BY ${sort}`;
  // ruleid: js-sql-injection-from-request
  const { rows } = await pool.query(sql);
  return rows;
}

app.get("/api/products", async (req: Request, res: Response) => {
  const category = req.query.category as string;
  const sort = (req.query.sort as string) || "created_at";
  res.json(await findProducts(category, sort));
});

app.post("/api/login", async (req: Request, res: Response) => {
  const { email, password } = req.body;
  const user = await prisma.$queryRawUnsafe(
    // ruleid: js-sql-injection-from-request
    `SELECT * FROM "User" WHERE email = '${email}' AND password = '${password}'`
  );
  res.json(user);
});

app.get("/api/orders", async (req: Request, res: Response) => {
  const status = req.query.status;
  // ruleid: js-sql-injection-from-request
  const orders = await db("orders").whereRaw("status = '" + status + "'");
  res.json(orders);
});

export async function GET(request: NextRequest) {
  const search = request.nextUrl.searchParams.get("q") ?? "";
  const like = "%" + search + "%";
  // ruleid: js-sql-injection-from-request
  const result = await pool.query(`SELECT * FROM posts WHERE title ILIKE '${like}'`);
  return NextResponse.json(result.rows);
}

app.get("/api/products/safe", async (req: Request, res: Response) => {
  const category = req.query.category as string;
  // ok: js-sql-injection-from-request
  const { rows } = await pool.query("SELECT id, title FROM products WHERE category = $1", [category]);
  res.json(rows);
});

app.get("/api/products/sorted", async (req: Request, res: Response) => {
  const sort = req.query.sort as string;
  if (!SORT_COLUMNS.includes(sort)) {
    return res.status(400).json({ error: "bad sort" });
  }
  // ok: js-sql-injection-from-request
  const { rows } = await pool.query(`SELECT id, title FROM products ORDER BY ${sort}`);
  res.json(rows);
});

app.get("/api/products/page", async (req: Request, res: Response) => {
  const limit = parseInt(req.query.limit as string, 10) || 20;
  // ok: js-sql-injection-from-request
  const { rows } = await pool.query(`SELECT id, title FROM products LIMIT ${limit}`);
  res.json(rows);
});

app.post("/api/login/safe", async (req: Request, res: Response) => {
  const { email } = req.body;
  // ok: js-sql-injection-from-request
  const user = await prisma.$queryRaw`SELECT * FROM "User" WHERE email = ${email}`;
  res.json(user);
});

app.get("/api/orders/safe", async (req: Request, res: Response) => {
  // ok: js-sql-injection-from-request
  const orders = await db("orders").whereRaw("status = ?", [req.query.status]);
  res.json(orders);
});

app.get("/api/users/:id", async (req: Request, res: Response) => {
  // ok: js-sql-injection-from-request
  const user = await userRepository.get(req.params.id);
  // ok: js-sql-injection-from-request
  const profile = await apolloClient.query({ query: GET_PROFILE, variables: { id: req.params.id } });
  res.json({ user, profile: profile.data });
});

export async function forward(httpClient: HttpClient, req: Request) {
  const upstream = buildRequest(req.headers["x-target"], req.body);
  // an HTTP client's execute sends a request; it is not SQL
  // ok: js-sql-injection-from-request
  return httpClient.execute(upstream);
}

export const subscribe = (client: Client, req: Request) =>
  // ok: js-sql-injection-from-request
  client.execute(postRequest(req.query.url as string, req.body, "text/event-stream"));

export async function rawCount(client: PoolClient, req: Request) {
  // ruleid: js-sql-injection-from-request
  return client.execute(buildQuery(req.query.table as string));
}
