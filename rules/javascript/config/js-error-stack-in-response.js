const express = require('express');
const logger = require('./logger');
const db = require('./db');

const app = express();

app.get('/api/orders/:id', async (req, res) => {
  try {
    res.json(await db.orders.find(req.params.id));
  } catch (err) {
    // ruleid: js-error-stack-in-response
    res.status(500).json({ message: err.message, stack: err.stack });
  }
});

app.post('/api/import', async (req, res) => {
  try {
    await db.import(req.body);
    res.sendStatus(204);
  } catch (e) {
    // ruleid: js-error-stack-in-response
    res.status(400).send(`<pre>Import failed:\n${e.stack}</pre>`);
  }
});

// "Add a global error handler"
app.use((err, req, res, next) => {
  console.error(err);
  // ruleid: js-error-stack-in-response
  res.status(err.status || 500).json({ error: err.message, details: err.stack });
});

const safe = express.Router();

safe.use((err, req, res, next) => {
  logger.error({ err, requestId: req.id }, 'unhandled error');
  // ok: js-error-stack-in-response
  res.status(500).json({ error: 'Internal Server Error', requestId: req.id });
});

safe.use((err, req, res, next) => {
  res.status(500).json({
    error: 'Internal Server Error',
    // ok: js-error-stack-in-response
    stack: process.env.NODE_ENV === 'development' ? err.stack : undefined,
  });
});

safe.use((err, req, res, next) => {
  if (process.env.NODE_ENV !== 'production') {
    // ok: js-error-stack-in-response
    return res.status(500).send(err.stack);
  }
  res.sendStatus(500);
});

module.exports = { app, safe };
