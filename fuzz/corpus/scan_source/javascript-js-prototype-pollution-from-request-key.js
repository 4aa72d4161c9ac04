javascript
const express = require('express');

const app = express();
app.use(express.json());

const settings = { theme: 'light', language: 'en' };
const workspaces = { default: { members: {} } };
const ALLOWED_SETTINGS = new Set(['theme', 'language', 'timezone']);

// "Add an endpoint to update a single setting"
app.post('/api/settings', (req, res) => {
  // ruleid: js-prototype-pollution-from-request-key
  settings[req.body.key] = req.body.value;
  res.json(settings);
});

// "Let admins set a field on a workspace section"
app.put('/api/workspaces/:section', (req, res) => {
  // ruleid: js-prototype-pollution-from-request-key
  workspaces[req.params.section][req.body.field] = req.body.value;
  res.json(workspaces[req.params.section]);
});

app.patch('/api/profile/prefs', (req, res) => {
  const { key, value } = req.body;
  const prefs = req.user.prefs || {};
  // ruleid: js-prototype-pollution-from-request-key
  prefs[key] = value;
  res.json(prefs);
});

app.post('/api/i18n/:locale', (req, res) => {
  const { namespace, key, text } = req.body;
  const catalog = loadCatalog(req.params.locale);
  // ruleid: js-prototype-pollution-from-request-key
  catalog[namespace][key] = text;
  res.json({ ok: true });
});

app.post('/api/settings-safe', (req, res) => {
  const { key, value } = req.body;
  if (!ALLOWED_SETTINGS.has(key)) {
    return res.status(400).json({ error: 'Unknown setting' });
  }
  // ok: js-prototype-pollution-from-request-key
  settings[key] = String(value);
  res.json(settings);
});

app.post('/api/settings-map', (req, res) => {
  const store = new Map(Object.entries(settings));
  // ok: js-prototype-pollution-from-request-key
  store.set(req.body.key, req.body.value);
  res.json(Object.fromEntries(store));
});

app.get('/api/settings/:key', (req, res) => {
  const copy = {};
  // ok: js-prototype-pollution-from-request-key
  copy[req.params.key] = settings[req.params.key] ?? null;
  res.json(copy);
});

function loadCatalog(locale) {
  return { common: {}, locale };
}

module.exports = app;
