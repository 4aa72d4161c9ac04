const express = require('express');
const bcrypt = require('bcryptjs');
const pino = require('pino');
const db = require('./db');

const app = express();
const logger = pino();
app.use(express.json());

app.post('/login', async (req, res) => {
  const user = await db.users.findByEmail(String(req.body.email));
  if (!user || !(await bcrypt.compare(String(req.body.password), user.passwordHash))) {
    // ruleid: js-log-injection-from-request
    console.warn(`Failed login attempt for ${req.body.email} from ${req.ip}`);
    return res.status(401).json({ error: 'Invalid credentials' });
  }
  // ruleid: js-log-injection-from-request
  logger.info('User logged in: ' + req.body.email);
  res.json({ ok: true });
});

app.get('/search', (req, res) => {
  // ruleid: js-log-injection-from-request
  console.log('search query:', req.query.q);
  res.json(db.search(String(req.query.q)));
});

app.post('/login-structured', async (req, res) => {
  // ok: js-log-injection-from-request
  logger.warn({ email: req.body.email, ip: req.ip }, 'failed login');
  res.status(401).end();
});

app.get('/health', (req, res) => {
  // ok: js-log-injection-from-request
  console.log(`health check from ${req.ip}`);
  // ok: js-log-injection-from-request
  console.log(`health check with ${Object.keys(req.query).length} params`);
  res.send('ok');
});

module.exports = app;
