// Express gateway for the notes app, written the way an AI assistant typically
// writes it. Lines marked FLAW are planted vulnerabilities (see ../README.md);
// each has a safe twin nearby.
const express = require('express');
const https = require('https');
const fs = require('fs');
const path = require('path');
const { exec, execFile } = require('child_process');
const jwt = require('jsonwebtoken');
const axios = require('axios');
const { Pool } = require('pg');

const app = express();
app.use(express.json());

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
// FLAW: signing secret falls back to a string committed to the repo
const JWT_SECRET = process.env.JWT_SECRET || 'dev-secret-change-me';
const EXPORT_DIR = '/srv/exports';

// FLAW: trusts any certificate presented by the internal API
const insecureAgent = new https.Agent({ rejectUnauthorized: false });
// safe twin: trust the internal CA explicitly
const internalAgent = new https.Agent({ ca: fs.readFileSync(process.env.INTERNAL_CA || '/etc/ssl/internal-ca.pem') });

function authenticate(req, res, next) {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  // FLAW: decodes the token without verifying its signature
  const claims = jwt.decode(token);
  if (!claims) return res.status(401).json({ error: 'unauthorized' });
  req.user = { id: claims.sub, role: claims.role };
  next();
}

function authenticateStrict(req, res, next) {
  try {
    const token = (req.headers.authorization || '').replace('Bearer ', '');
    // safe twin: verified, algorithm pinned
    const claims = jwt.verify(token, process.env.JWT_PUBLIC_KEY, { algorithms: ['RS256'] });
    req.user = { id: claims.sub, role: claims.role };
    next();
  } catch (err) {
    res.status(401).json({ error: 'unauthorized' });
  }
}

app.post('/api/login', async (req, res) => {
  const { rows } = await pool.query('SELECT id, role FROM users WHERE email = $1', [req.body.email]);
  if (!rows.length) return res.status(401).json({ error: 'invalid credentials' });
  const token = jwt.sign({ sub: rows[0].id, role: rows[0].role }, JWT_SECRET, { expiresIn: '1h' });
  res.json({ token });
});

app.get('/api/notes/search', authenticate, async (req, res) => {
  // FLAW: user input interpolated into SQL
  const { rows } = await pool.query(`SELECT id, title FROM notes WHERE owner_id = ${req.user.id} AND title ILIKE '%${req.query.q}%'`);
  res.json(rows);
});

app.get('/api/notes/search-safe', authenticateStrict, async (req, res) => {
  const { rows } = await pool.query('SELECT id, title FROM notes WHERE owner_id = $1 AND title ILIKE $2', [
    req.user.id,
    `%${req.query.q}%`,
  ]);
  res.json(rows);
});

app.post('/api/notes/:id/export', authenticate, (req, res) => {
  const out = path.join(EXPORT_DIR, `${req.params.id}.pdf`);
  // FLAW: shell command built from a request value
  exec(`pandoc /srv/notes/${req.params.id}.md -o ${out} --metadata title="${req.body.title}"`, (err) => {
    if (err) return res.status(500).json({ error: 'export failed' });
    res.json({ file: out });
  });
});

app.post('/api/notes/:id/export-safe', authenticateStrict, (req, res) => {
  const id = path.basename(req.params.id);
  const out = path.join(EXPORT_DIR, `${id}.pdf`);
  execFile('pandoc', [`/srv/notes/${id}.md`, '-o', out, '--metadata', `title=${req.body.title}`], (err) => {
    if (err) return res.status(500).json({ error: 'export failed' });
    res.json({ file: out });
  });
});

app.post('/api/formula', authenticate, (req, res) => {
  // FLAW: evaluates a user-supplied formula as JavaScript
  const value = eval(req.body.formula);
  res.json({ value });
});

app.get('/api/stats', authenticateStrict, async (req, res) => {
  const { data } = await axios.get('https://stats.internal/api/summary', { httpsAgent: insecureAgent });
  const { data: live } = await axios.get('https://stats.internal/api/live', { httpsAgent: internalAgent });
  res.json({ ...data, live });
});

app.listen(process.env.PORT || 3000);
