const fs = require('fs');
const express = require('express');
const yaml = require('js-yaml');
const jsTypes = require('js-yaml-js-types');

const app = express();
app.use(express.text({ type: ['application/yaml', 'text/yaml'] }));

const SCHEMA_WITH_FUNCTIONS = yaml.DEFAULT_SCHEMA.extend(jsTypes.all);

// "Import workflow definitions uploaded as YAML (steps can contain JS functions)"
app.post('/api/workflows/import', (req, res) => {
  // ruleid: js-yaml-load-with-js-types
  const workflow = yaml.load(req.body, { schema: SCHEMA_WITH_FUNCTIONS });
  res.json({ name: workflow.name, steps: workflow.steps.length });
});

function loadLegacyConfig(path) {
  // ruleid: js-yaml-load-with-js-types
  return yaml.load(fs.readFileSync(path, 'utf8'), { schema: yaml.DEFAULT_FULL_SCHEMA });
}

function loadAllDocs(text, onDoc) {
  // ruleid: js-yaml-load-with-js-types
  yaml.loadAll(text, onDoc, { schema: yaml.DEFAULT_FULL_SCHEMA });
}

app.post('/api/workflows/import-safe', (req, res) => {
  // ok: js-yaml-load-with-js-types
  const workflow = yaml.load(req.body);
  res.json({ name: workflow.name });
});

function loadStrict(text) {
  // ok: js-yaml-load-with-js-types
  return yaml.load(text, { schema: yaml.CORE_SCHEMA, json: true });
}

function loadJsonCompatible(text) {
  // ok: js-yaml-load-with-js-types
  return yaml.load(text, { schema: yaml.JSON_SCHEMA });
}

module.exports = { app, loadLegacyConfig, loadAllDocs, loadStrict, loadJsonCompatible };
