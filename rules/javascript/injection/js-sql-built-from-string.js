const express = require('express');
const { Pool } = require('pg');
const Database = require('better-sqlite3');
const axios = require('axios');

const app = express();
app.use(express.json());
const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const db = new Database('app.db');

app.get('/api/users/:id', async (req, res) => {
  // ruleid: js-sql-built-from-string
  const { rows } = await pool.query(`SELECT id, email, name FROM users WHERE id = ${req.params.id}`);
  res.json(rows[0] || null);
});

app.get('/api/users-safe/:id', async (req, res) => {
  // ok: js-sql-built-from-string
  const { rows } = await pool.query('SELECT id, email, name FROM users WHERE id = $1', [req.params.id]);
  res.json(rows[0] || null);
});

app.get('/api/products/search', (req, res) => {
  const { q, sort = 'name' } = req.query;
  const sql = `
    SELECT id, name, price
    FROM products
    WHERE name LIKE '%${q}%'
    ORDER BY ${sort}
  `;
  // ruleid: js-sql-built-from-string
  const products = db.prepare(sql).all();
  res.json(products);
});

app.get('/api/products-safe/search', (req, res) => {
  // ok: js-sql-built-from-string
  const products = db.prepare('SELECT id, name, price FROM products WHERE name LIKE ?').all(`%${req.query.q}%`);
  res.json(products);
});

app.delete('/api/orders/:id', async (req, res) => {
  // ruleid: js-sql-built-from-string
  await pool.query("DELETE FROM orders WHERE id = '" + req.params.id + "'");
  res.status(204).end();
});

app.get('/api/orders', async (req, res) => {
  let sql = 'SELECT * FROM orders WHERE 1=1';
  if (req.query.status) {
    sql += ` AND status = '${req.query.status}'`;
  }
  // ruleid: js-sql-built-from-string
  const { rows } = await pool.query(sql);
  res.json(rows);
});

app.get('/api/orders-safe', async (req, res) => {
  const params = [];
  let sql = 'SELECT * FROM orders WHERE 1=1';
  if (req.query.status) {
    params.push(req.query.status);
    sql += ` AND status = $${params.length}`;
  }
  // ok: js-sql-built-from-string
  const { rows } = await pool.query(sql, params);
  res.json(rows);
});

app.get('/api/weather/:city', async (req, res) => {
  // ok: js-sql-built-from-string
  const { data } = await axios.get(`https://api.weather.example.com/v1/current?city=${req.params.city}`);
  res.json(data);
});

app.get('/api/cache/:key', (req, res) => {
  // ok: js-sql-built-from-string
  res.json(req.app.get(`cache:${req.params.key}`));
});

app.listen(3000);

class ReportStore {
  constructor(client) {
    this.client = client;
  }

  async query(sql, params) {
    return this.client.query(sql, params);
  }

  async tableSize(table) {
    const name = this.quoteIdentifier(table);
    // ok: js-sql-built-from-string
    return this.query(`SELECT COUNT(*) AS n FROM ${name}`);
  }

  async reportFor(accountId) {
    // ruleid: js-sql-built-from-string
    return this.client.query(`SELECT * FROM reports WHERE account_id = ${accountId}`);
  }
}

async function resetSchema(conn, schema) {
  // ok: js-sql-built-from-string
  await conn.query(`DROP SCHEMA IF EXISTS ${conn.escapeId(schema)} CASCADE`);
  // ok: js-sql-built-from-string
  await conn.exec(`PRAGMA journal_mode = ${process.env.JOURNAL_MODE || 'WAL'}`);
}

async function countRows(pool, table) {
  // a table name cannot be a bound parameter; the rule is about values
  // ok: js-sql-built-from-string
  const { rows } = await pool.query(`SELECT COUNT(*) AS n FROM ${table}`);
  return rows[0].n;
}

async function searchOrders(pool, status, customer) {
  let sql = "SELECT * FROM orders WHERE status = $1";
  const params = [status];
  if (customer) {
    sql += ` AND customer_name = '${customer}'`;
  }
  // ruleid: js-sql-built-from-string
  const { rows } = await pool.query(sql);
  return rows;
}

const INDEX_NAME = "posts_published_at_idx";

async function indexExists(knex) {
  // ok: js-sql-built-from-string
  const rows = await knex.raw(`SELECT * FROM sqlite_master WHERE type = 'index' AND name = '${INDEX_NAME}'`);
  return rows.length > 0;
}
