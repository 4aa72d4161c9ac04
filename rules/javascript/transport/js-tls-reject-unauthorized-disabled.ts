import axios from 'axios';
import express, { Request, Response } from 'express';
import fs from 'fs';
import https from 'https';
import { Pool } from 'pg';

// ruleid: js-tls-reject-unauthorized-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

const app = express();

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  // ruleid: js-tls-reject-unauthorized-disabled
  ssl: { rejectUnauthorized: false },
});

// ok: js-tls-reject-unauthorized-disabled
const poolSafe = new Pool({
  connectionString: process.env.DATABASE_URL,
  ssl: { rejectUnauthorized: true, ca: fs.readFileSync('/etc/ssl/certs/rds-ca.pem').toString() },
});

// ruleid: js-tls-reject-unauthorized-disabled
const insecureAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });

// ok: js-tls-reject-unauthorized-disabled
const internalAgent = new https.Agent({ keepAlive: true, ca: fs.readFileSync('/etc/ssl/internal-ca.pem') });

app.get('/api/inventory/:sku', async (req: Request, res: Response) => {
  const { data } = await axios.get(`https://inventory.internal/api/items/${req.params.sku}`, {
    // ruleid: js-tls-reject-unauthorized-disabled
    httpsAgent: new https.Agent({ rejectUnauthorized: false }),
    timeout: 5000,
  });
  res.json(data);
});

app.get('/api/inventory-safe/:sku', async (req: Request, res: Response) => {
  const { data } = await axios.get(`https://inventory.internal/api/items/${req.params.sku}`, {
    httpsAgent: internalAgent,
    timeout: 5000,
  });
  res.json(data);
});

export function legacyRequestOptions(url: string) {
  return {
    url,
    json: true,
    // ruleid: js-tls-reject-unauthorized-disabled
    agentOptions: { strictSSL: false },
  };
}

export function configureTls(env: string) {
  if (env === 'production') {
    // ok: js-tls-reject-unauthorized-disabled
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';
  }
  return { pool, poolSafe, insecureAgent };
}

app.listen(3000);
