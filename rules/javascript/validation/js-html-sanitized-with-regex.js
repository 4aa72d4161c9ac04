const express = require('express');
const DOMPurify = require('isomorphic-dompurify');
const db = require('./db');

const app = express();
app.use(express.json());

// "Strip any script tags from comments before saving"
function sanitizeComment(html) {
  // ruleid: js-html-sanitized-with-regex
  return html.replace(/<script\b[^<]*(?:(?!<\/script>)<[^<]*)*<\/script>/gi, '');
}

function stripDangerous(html) {
  return html
    // ruleid: js-html-sanitized-with-regex
    .replace(/<iframe.*?>.*?<\/iframe>/gis, '')
    // ruleid: js-html-sanitized-with-regex
    .replace(/ on\w+="[^"]*"/gi, '')
    // ruleid: js-html-sanitized-with-regex
    .replace(/javascript:/gi, '');
}

app.post('/api/comments', async (req, res) => {
  const body = sanitizeComment(String(req.body.body));
  await db.comments.insert({ postId: req.body.postId, body });
  res.sendStatus(201);
});

function sanitizeCommentSafe(html) {
  // ok: js-html-sanitized-with-regex
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });
}

function slugify(title) {
  // ok: js-html-sanitized-with-regex
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function plainText(html) {
  // ok: js-html-sanitized-with-regex
  return html.replace(/\s+/g, ' ').trim();
}

module.exports = { app, stripDangerous, sanitizeCommentSafe, slugify, plainText };
