const express = require('express');
const crypto = require('crypto');

const app = express();
const WEBHOOK_SECRET = process.env.WEBHOOK_SECRET;

// "Verify the GitHub webhook signature"
app.post('/webhooks/github', express.raw({ type: 'application/json' }), (req, res) => {
  const signature = req.headers['x-hub-signature-256'];
  const expected = 'sha256=' + crypto.createHmac('sha256', WEBHOOK_SECRET).update(req.body).digest('hex');
  // ruleid: js-secret-compared-with-equals
  if (signature !== expected) {
    return res.status(401).send('Invalid signature');
  }
  res.sendStatus(204);
});

// "Protect the internal API with an API key header"
function requireApiKey(req, res, next) {
  // ruleid: js-secret-compared-with-equals
  if (req.headers['x-api-key'] === process.env.INTERNAL_API_KEY) return next();
  res.status(401).json({ error: 'Unauthorized' });
}

function verifyPayload(payload, sig) {
  // ruleid: js-secret-compared-with-equals
  return crypto.createHmac('sha256', WEBHOOK_SECRET).update(JSON.stringify(payload)).digest('hex') === sig;
}

app.post('/webhooks/stripe-safe', express.raw({ type: 'application/json' }), (req, res) => {
  const given = Buffer.from(String(req.headers['x-signature'] || ''), 'hex');
  const expected = crypto.createHmac('sha256', WEBHOOK_SECRET).update(req.body).digest();
  // ok: js-secret-compared-with-equals
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return res.sendStatus(401);
  }
  res.sendStatus(204);
});

function checkConfig() {
  // ok: js-secret-compared-with-equals
  if (process.env.INTERNAL_API_KEY === undefined) throw new Error('INTERNAL_API_KEY missing');
  // ok: js-secret-compared-with-equals
  return process.env.AUTH_TOKEN_MODE === 'strict';
}

function sameFile(a, b) {
  // ok: js-secret-compared-with-equals
  return a.checksum === b.checksum;
}

module.exports = { app, requireApiKey, verifyPayload, checkConfig, sameFile };
