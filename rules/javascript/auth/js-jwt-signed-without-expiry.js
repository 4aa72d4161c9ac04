const express = require('express');
const jwt = require('jsonwebtoken');
const bcrypt = require('bcryptjs');
const db = require('./db');

const router = express.Router();
const JWT_SECRET = process.env.JWT_SECRET;
const TOKEN_OPTIONS = { algorithm: 'HS256', expiresIn: '15m' };

// "Return a JWT on successful login"
router.post('/login', async (req, res) => {
  const user = await db.users.findByEmail(String(req.body.email));
  if (!user || !(await bcrypt.compare(String(req.body.password), user.passwordHash))) return res.sendStatus(401);
  // ruleid: js-jwt-signed-without-expiry
  const token = jwt.sign({ id: user.id, role: user.role }, JWT_SECRET);
  res.json({ token });
});

router.post('/api-tokens', (req, res) => {
  // ruleid: js-jwt-signed-without-expiry
  const token = jwt.sign({ sub: req.user.id, scope: 'api' }, JWT_SECRET, { algorithm: 'HS256' });
  res.json({ token });
});

function issueAsync(user, cb) {
  // ruleid: js-jwt-signed-without-expiry
  jwt.sign({ sub: user.id }, JWT_SECRET, (err, token) => cb(err, token));
}

router.post('/login-safe', async (req, res) => {
  // ok: js-jwt-signed-without-expiry
  const token = jwt.sign({ sub: req.user.id }, JWT_SECRET, { algorithm: 'HS256', expiresIn: '15m' });
  res.json({ token });
});

function issueWithClaim(user) {
  // ok: js-jwt-signed-without-expiry
  return jwt.sign({ sub: user.id, exp: Math.floor(Date.now() / 1000) + 900 }, JWT_SECRET);
}

function issueWithSharedOptions(user) {
  // ok: js-jwt-signed-without-expiry
  return jwt.sign({ sub: user.id }, JWT_SECRET, { ...TOKEN_OPTIONS });
}

module.exports = { router, issueAsync, issueWithClaim, issueWithSharedOptions };
