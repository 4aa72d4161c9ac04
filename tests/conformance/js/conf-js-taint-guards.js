const child_process = require("child_process");
const ALLOWED = ["status", "uptime"];

app.post("/run", (req, res) => {
  const { cmd, args } = req.body;
  // ruleid: conf-js-taint-guards
  child_process.exec(args);
  if (!ALLOWED.includes(cmd)) return res.status(400).end();
  // ok: conf-js-taint-guards
  child_process.exec(cmd);
});

app.post("/run2", (req, res) => {
  const { cmd } = req.body;
  if (!ALLOWED.includes(cmd)) {
    res.status(400).end();
  }
  // ruleid: conf-js-taint-guards
  child_process.exec(cmd);
});

app.post("/run3", (req, res) => {
  const n = parseInt(req.body.n, 10);
  // ok: conf-js-taint-guards
  child_process.exec(`sleep ${n}`);
});
