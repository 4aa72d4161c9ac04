const express = require('express');

const app = express();

// "Only allow redirects back to our own site"
app.get('/auth/callback', (req, res) => {
  const returnTo = String(req.query.returnTo || '/');
  // ruleid: js-url-host-checked-with-substring
  if (returnTo.includes('example.com')) {
    return res.redirect(returnTo);
  }
  res.redirect('/');
});

// "Allow CORS only from our frontend"
app.use((req, res, next) => {
  const origin = req.headers.origin || '';
  // ruleid: js-url-host-checked-with-substring
  if (origin.indexOf('myapp.io') !== -1) {
    res.setHeader('Access-Control-Allow-Origin', origin);
  }
  next();
});

function isTrustedWebhook(webhookUrl) {
  // ruleid: js-url-host-checked-with-substring
  return webhookUrl.startsWith('https://hooks.slack.com');
}

function isTrustedWebhookSafe(webhookUrl) {
  // ok: js-url-host-checked-with-substring
  return new URL(webhookUrl).hostname === 'hooks.slack.com';
}

function isOwnSubdomain(hostname) {
  // ok: js-url-host-checked-with-substring
  return hostname === 'example.com' || hostname.endsWith('.example.com');
}

function isSlackPath(webhookUrl) {
  // ok: js-url-host-checked-with-substring
  return webhookUrl.startsWith('https://hooks.slack.com/services/');
}

module.exports = { app, isTrustedWebhook, isTrustedWebhookSafe, isOwnSubdomain, isSlackPath };
