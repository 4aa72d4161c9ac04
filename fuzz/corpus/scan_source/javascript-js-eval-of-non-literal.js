javascript
const express = require('express');
const vm = require('vm');
const { evaluate } = require('mathjs');
const OpenAI = require('openai');

const app = express();
app.use(express.json());
const openai = new OpenAI();

app.post('/api/calculate', (req, res) => {
  const { expression } = req.body;
  try {
    // ruleid: js-eval-of-non-literal
    const result = eval(expression);
    res.json({ result });
  } catch (err) {
    res.status(400).json({ error: err.message });
  }
});

app.post('/api/calculate/safe', (req, res) => {
  // ok: js-eval-of-non-literal
  const result = evaluate(req.body.expression);
  res.json({ result });
});

app.post('/api/rules/test', (req, res) => {
  const { condition, record } = req.body;
  // ruleid: js-eval-of-non-literal
  const predicate = new Function('record', `return (${condition});`);
  res.json({ matches: Boolean(predicate(record)) });
});

app.post('/api/sandbox', async (req, res) => {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: `Write a JS expression that ${req.body.task}` }],
  });
  const code = completion.choices[0].message.content;
  // ruleid: js-eval-of-non-literal
  const output = vm.runInNewContext(code, { Math, Date });
  res.json({ output });
});

function scheduleRefresh(widgetId, delayMs) {
  // ruleid: js-eval-of-non-literal
  setTimeout('refreshWidget("' + widgetId + '")', delayMs);
}

function scheduleRefreshSafe(widgetId, delayMs) {
  // ok: js-eval-of-non-literal
  setTimeout(() => refreshWidget(widgetId), delayMs);
}

function parseConfig(text) {
  // ok: js-eval-of-non-literal
  return JSON.parse(text);
}

function add() {
  // ok: js-eval-of-non-literal
  const sum = new Function('a', 'b', 'return a + b');
  // ok: js-eval-of-non-literal
  return eval('2 + 2') + sum(1, 2);
}

function refreshWidget(id) {
  return fetch(`/api/widgets/${id}`);
}

app.listen(3000);
