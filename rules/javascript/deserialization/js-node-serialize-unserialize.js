const express = require('express');
const cookieParser = require('cookie-parser');
const serialize = require('node-serialize');
const funcster = require('funcster');

const app = express();
app.use(cookieParser(process.env.COOKIE_SECRET));
app.use(express.json());

// "Remember the user's profile in a cookie between visits"
app.get('/', (req, res) => {
  if (req.cookies.profile) {
    const raw = Buffer.from(req.cookies.profile, 'base64').toString();
    // ruleid: js-node-serialize-unserialize
    const profile = serialize.unserialize(raw);
    return res.send(`Welcome back, ${profile.username}`);
  }
  res.send('Hello, stranger');
});

app.post('/api/jobs', (req, res) => {
  // ruleid: js-node-serialize-unserialize
  const job = serialize.unserialize(req.body.payload);
  res.json({ queued: job.name });
});

function restoreHandlers(stored) {
  // ruleid: js-node-serialize-unserialize
  return funcster.deepDeserialize(JSON.parse(stored));
}

app.get('/safe', (req, res) => {
  const raw = req.signedCookies.profile;
  // ok: js-node-serialize-unserialize
  const profile = raw ? JSON.parse(Buffer.from(raw, 'base64').toString()) : null;
  res.send(profile ? `Welcome back, ${String(profile.username)}` : 'Hello');
});

app.post('/api/profile', (req, res) => {
  // ok: js-node-serialize-unserialize
  const cookie = Buffer.from(serialize.serialize({ username: String(req.body.username) })).toString('base64');
  res.cookie('profile', cookie, { httpOnly: true, signed: true }).sendStatus(204);
});

// ok: js-node-serialize-unserialize
const DEFAULTS = serialize.unserialize('{"theme":"light"}');

module.exports = { app, restoreHandlers, DEFAULTS };
