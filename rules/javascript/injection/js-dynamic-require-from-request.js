const express = require('express');
const path = require('path');

const app = express();
app.use(express.json());

const EXPORTERS = {
  csv: require('./exporters/csv'),
  pdf: require('./exporters/pdf'),
};

// "Load the right report generator based on the type in the URL"
app.get('/api/reports/:type', async (req, res) => {
  // ruleid: js-dynamic-require-from-request
  const generator = require(`./reports/${req.params.type}`);
  res.json(await generator.run(req.query));
});

app.post('/api/plugins/run', async (req, res) => {
  const { plugin, input } = req.body;
  // ruleid: js-dynamic-require-from-request
  const mod = require(path.join(__dirname, 'plugins', plugin));
  res.json(await mod.default(input));
});

app.get('/api/locales', async (req, res) => {
  // ruleid: js-dynamic-require-from-request
  const messages = await import('./locales/' + req.query.lang + '.js');
  res.json(messages.default);
});

app.get('/api/export/:format', async (req, res) => {
  const exporter = Object.hasOwn(EXPORTERS, req.params.format) ? EXPORTERS[req.params.format] : null;
  if (!exporter) return res.sendStatus(404);
  // ok: js-dynamic-require-from-request
  const { version } = require('./package.json');
  res.set('X-Exporter-Version', version).send(await exporter.render(req.query));
});

async function loadDriver(name) {
  // ok: js-dynamic-require-from-request
  return import(`./drivers/${name}.js`);
}

// ok: js-dynamic-require-from-request
const config = require(path.join(__dirname, 'config', `${process.env.NODE_ENV || 'development'}.json`));

module.exports = { app, loadDriver, config };
