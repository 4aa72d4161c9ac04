const express = require('express');
const db = require('./db');

const app = express();
app.set('view engine', 'ejs');
app.use(express.urlencoded({ extended: true }));

// "Render the search page with the current filters filled in"
app.get('/search', async (req, res) => {
  // ruleid: js-template-locals-from-request
  res.render('search', req.query);
});

app.post('/contact', (req, res) => {
  // ruleid: js-template-locals-from-request
  res.render('contact-confirmation', { ...req.body, sentAt: new Date() });
});

app.get('/reports', (req, res) => {
  // ruleid: js-template-locals-from-request
  res.render('reports', { user: req.user, ...req.query });
});

app.get('/profile/:username', async (req, res) => {
  // route params have fixed keys and string values
  // ok: js-template-locals-from-request
  res.render('profile', req.params);
});

app.get('/search-safe', async (req, res) => {
  const q = String(req.query.q ?? '');
  const results = await db.search(q);
  // ok: js-template-locals-from-request
  res.render('search', { q, results, page: Number(req.query.page) || 1 });
});

app.post('/contact-safe', (req, res) => {
  const { name, email } = req.body;
  // ok: js-template-locals-from-request
  res.render('contact-confirmation', { name: String(name), email: String(email) });
});

app.get('/dashboard', (req, res) => {
  // ok: js-template-locals-from-request
  res.render('dashboard', req.user);
});

module.exports = app;
