javascript
const express = require('express');
const crypto = require('crypto');
const CryptoJS = require('crypto-js');
const argon2 = require('argon2');
const md5 = require('md5');
const db = require('./db');

const router = express.Router();

// "Create a signup endpoint that hashes the password before saving it"
router.post('/signup', async (req, res) => {
  const { email, password } = req.body;
  // ruleid: js-weak-hash-for-password
  const passwordHash = crypto.createHash('sha256').update(password).digest('hex');
  await db.users.insert({ email, passwordHash });
  res.status(201).json({ ok: true });
});

router.post('/login', async (req, res) => {
  const user = await db.users.findByEmail(String(req.body.email));
  const salt = user.salt;
  // ruleid: js-weak-hash-for-password
  const attempt = crypto.createHash('md5').update(salt + req.body.password).digest('hex');
  if (attempt !== user.passwordHash) return res.sendStatus(401);
  res.json({ ok: true });
});

function hashPasswordLegacy(user) {
  // ruleid: js-weak-hash-for-password
  return CryptoJS.SHA256(user.password).toString();
}

router.post('/signup-safe', async (req, res) => {
  // ok: js-weak-hash-for-password
  const passwordHash = await argon2.hash(String(req.body.password));
  await db.users.insert({ email: req.body.email, passwordHash });
  res.status(201).json({ ok: true });
});

function storeResetToken(userId) {
  const resetToken = crypto.randomBytes(32).toString('hex');
  // ok: js-weak-hash-for-password
  const resetPasswordToken = crypto.createHash('sha256').update(resetToken).digest('hex');
  return db.resets.insert({ userId, tokenHash: resetPasswordToken });
}

function legacyCheck(user, password) {
  // ruleid: js-weak-hash-for-password
  return md5(password) === user.passwordMd5;
}

function etag(body) {
  // ok: js-weak-hash-for-password
  return crypto.createHash('sha1').update(body).digest('base64');
}

module.exports = { router, hashPasswordLegacy, storeResetToken, legacyCheck, etag };
