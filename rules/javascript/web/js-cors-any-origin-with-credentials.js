const express = require('express');
const cors = require('cors');
const { Server } = require('socket.io');

const app = express();
const ALLOWED_ORIGINS = ['https://app.example.com', 'https://admin.example.com'];

// "Fix the CORS error: my frontend can't send cookies to the API"
// ruleid: js-cors-any-origin-with-credentials
app.use(cors({ origin: true, credentials: true }));

// ruleid: js-cors-any-origin-with-credentials
app.use('/api/v2', cors({
  origin: (origin, callback) => callback(null, true),
  credentials: true,
}));

app.use((req, res, next) => {
  // ruleid: js-cors-any-origin-with-credentials
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Access-Control-Allow-Methods', 'GET,POST,PUT,DELETE');
  next();
});

// ok: js-cors-any-origin-with-credentials
app.use('/safe', cors({ origin: ALLOWED_ORIGINS, credentials: true }));

// ok: js-cors-any-origin-with-credentials
app.use('/public', cors({ origin: '*' }));

app.use('/checked', (req, res, next) => {
  const origin = req.headers.origin;
  if (ALLOWED_ORIGINS.includes(origin)) {
    // ok: js-cors-any-origin-with-credentials
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
  }
  next();
});

const server = app.listen(3000);
const io = new Server(server, {
  // ok: js-cors-any-origin-with-credentials
  cors: { origin: ALLOWED_ORIGINS, credentials: true },
});

module.exports = { app, io };
