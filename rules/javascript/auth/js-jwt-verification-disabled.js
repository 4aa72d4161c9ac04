const express = require('express');
const jwt = require('jsonwebtoken');
const jwksClient = require('jwks-rsa');

const app = express();
const JWT_SECRET = process.env.JWT_SECRET;
const jwks = jwksClient({ jwksUri: 'https://auth.example.com/.well-known/jwks.json' });

// Auth middleware generated for "protect the admin routes"
function authenticate(req, res, next) {
  const header = req.headers.authorization || '';
  const token = header.replace('Bearer ', '');
  // ruleid: js-jwt-verification-disabled
  const payload = jwt.decode(token);
  if (!payload) {
    return res.status(401).json({ error: 'Invalid token' });
  }
  req.user = { id: payload.sub, role: payload.role };
  next();
}

function authenticateSafe(req, res, next) {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  try {
    // ok: js-jwt-verification-disabled
    const payload = jwt.verify(token, JWT_SECRET, { algorithms: ['HS256'] });
    req.user = { id: payload.sub, role: payload.role };
    next();
  } catch (err) {
    res.status(401).json({ error: 'Invalid token' });
  }
}

async function verifyWithJwks(token) {
  // ok: js-jwt-verification-disabled
  const { header } = jwt.decode(token, { complete: true });
  const key = await jwks.getSigningKey(header.kid);
  return jwt.verify(token, key.getPublicKey(), { algorithms: ['RS256'], audience: 'api' });
}

app.get('/api/me', (req, res) => {
  const token = (req.headers.authorization || '').split(' ')[1];
  // ruleid: js-jwt-verification-disabled
  const { sub, email } = jwt.decode(token) || {};
  res.json({ sub, email });
});

app.post('/api/token/refresh', (req, res) => {
  try {
    // ruleid: js-jwt-verification-disabled
    const claims = jwt.verify(req.body.refreshToken, JWT_SECRET, { ignoreExpiration: true });
    const accessToken = jwt.sign({ sub: claims.sub }, JWT_SECRET, { expiresIn: '15m' });
    res.json({ accessToken });
  } catch (err) {
    res.status(401).json({ error: 'Invalid refresh token' });
  }
});

function verifyLegacyToken(token, publicKey) {
  // ruleid: js-jwt-verification-disabled
  return jwt.verify(token, publicKey, { algorithms: ['RS256', 'HS256', 'none'] });
}

app.get('/api/admin/users', authenticate, (req, res) => {
  if (req.user.role !== 'admin') return res.status(403).json({ error: 'Forbidden' });
  res.json([{ id: 1, email: 'admin@example.com' }]);
});

module.exports = { app, authenticateSafe, verifyWithJwks, verifyLegacyToken };

// A function expression that reads the key id from the header, then verifies.
const authenticateWithToken = async function authenticateWithToken(token, keys) {
    // ok: js-jwt-verification-disabled
    const decoded = jwt.decode(token, {complete: true});
    if (!decoded || !decoded.header || !decoded.header.kid) {
        throw new Error('invalid token');
    }
    const secret = keys[decoded.header.kid];
    try {
        jwt.verify(token, secret, {algorithms: ['HS256'], maxAge: '5m'});
    } catch (err) {
        throw new Error('invalid token');
    }
    return decoded.payload;
};

const userFromToken = async function userFromToken(token) {
    // ruleid: js-jwt-verification-disabled
    const claims = jwt.decode(token);
    return {id: claims.sub, role: claims.role};
};
