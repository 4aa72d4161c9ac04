typescript
import Database from "better-sqlite3";
import { Pool } from "pg";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { openai } from "@ai-sdk/openai";
import { generateText, tool } from "ai";
import { z } from "zod";

const pool = new Pool();
const db = new Database("analytics.db");
const server = new McpServer({ name: "analytics", version: "1.0.0" });

const SCHEMA = "orders(id, user_id, status, total, created_at)";
const REPORTS: Record<string, string> = {
  revenue: "SELECT date(created_at) AS day, sum(total) FROM orders WHERE user_id = $1 GROUP BY 1",
  open: "SELECT id, total FROM orders WHERE user_id = $1 AND status = 'open'",
};

async function textToSql(question: string) {
  const { text } = await generateText({
    model: openai("gpt-4o-mini"),
    system: `Translate questions to PostgreSQL. Schema: ${SCHEMA}. Reply with SQL only.`,
    prompt: question,
  });
  return text.trim().replace(/^```sql|```$/g, "");
}

export async function answer(question: string) {
  const sql = await textToSql(question);
  // ruleid: js-llm-output-to-sql
  const { rows } = await pool.query(sql);
  return rows;
}

server.tool("query", "Run SQL against the analytics database", { sql: z.string() }, async ({ sql }) => {
  // ruleid: js-llm-output-to-sql
  const rows = db.prepare(sql).all();
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});

export const searchOrders = tool({
  description: "Search orders with a SQL WHERE clause",
  parameters: z.object({ where: z.string() }),
  execute: async ({ where }) => {
    // ruleid: js-llm-output-to-sql
    const { rows } = await pool.query(`SELECT id, total FROM orders WHERE ${where} LIMIT 50`);
    return rows;
  },
});

server.tool("report", "Run a predefined report", { name: z.string(), userId: z.number() }, async ({ name, userId }) => {
  if (!Object.keys(REPORTS).includes(name)) {
    return { content: [{ type: "text", text: "unknown report" }] };
  }
  // ok: js-llm-output-to-sql
  const { rows } = await pool.query(REPORTS[name], [userId]);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});

export const ordersByStatus = tool({
  description: "List the user's orders with a status",
  parameters: z.object({ status: z.string(), userId: z.number() }),
  execute: async ({ status, userId }) => {
    // ok: js-llm-output-to-sql
    const { rows } = await pool.query("SELECT id, total FROM orders WHERE user_id = $1 AND status = $2", [userId, status]);
    return rows;
  },
});

export async function logAnswer(question: string) {
  const { text } = await generateText({ model: openai("gpt-4o-mini"), prompt: question });
  // ok: js-llm-output-to-sql
  await pool.query("INSERT INTO answers(question, answer) VALUES ($1, $2)", [question, text]);
  return text;
}
