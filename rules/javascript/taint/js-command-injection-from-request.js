const express = require("express");
const { exec, execSync, execFile, spawn } = require("child_process");
const util = require("util");
const shellQuote = require("shell-quote");

const execAsync = util.promisify(exec);
const app = express();
app.use(express.json());

const ALLOWED_HOSTS = ["db.internal", "cache.internal"];

async function convertImage(input, width) {
  const output = input.replace(/\.\w+$/, ".webp");
  const cmd = `convert /uploads/${input} -resize ${width} /uploads/${output}`;
  // ruleid: js-command-injection-from-request
  await execAsync(cmd);
  return output;
}

app.get("/ping", (req, res) => {
  const host = req.query.host;
  // ruleid: js-command-injection-from-request
  exec("ping -c 1 " + host, (err, stdout) => {
    if (err) return res.status(500).send("ping failed");
    res.type("text/plain").send(stdout);
  });
});

app.post("/images/resize", async (req, res) => {
  const { file, width } = req.body;
  const out = await convertImage(file, width || 200);
  res.json({ out });
});

app.post("/git/checkout", (req, res) => {
  const branch = req.body.branch;
  // ruleid: js-command-injection-from-request
  const child = spawn("sh", ["-c", `git fetch origin && git checkout ${branch}`], { cwd: "/srv/repo" });
  child.on("close", (code) => res.json({ code }));
});

app.get("/logs/:service", (req, res) => {
  const lines = req.query.lines || "100";
  // ruleid: js-command-injection-from-request
  const out = execSync(`journalctl -u ${req.params.service} -n ${lines}`).toString();
  res.type("text/plain").send(out);
});

app.get("/ping/safe", (req, res) => {
  const host = req.query.host;
  // ok: js-command-injection-from-request
  execFile("ping", ["-c", "1", "--", host], (err, stdout) => res.type("text/plain").send(stdout));
});

app.get("/ping/allowed", (req, res) => {
  const host = req.query.host;
  if (!ALLOWED_HOSTS.includes(host)) {
    return res.status(400).json({ error: "unknown host" });
  }
  // ok: js-command-injection-from-request
  exec(`ping -c 1 ${host}`, (err, stdout) => res.type("text/plain").send(stdout));
});

app.get("/du", (req, res) => {
  const dir = req.query.dir;
  // ok: js-command-injection-from-request
  exec("du -sh " + shellQuote.quote([dir]), (err, stdout) => res.send(stdout));
});

app.get("/wait", (req, res) => {
  const seconds = parseInt(req.query.s, 10) || 1;
  // ok: js-command-injection-from-request
  execSync(`sleep ${seconds}`);
  res.send("done");
});

app.get("/ping/checked", (req, res) => {
  const host = req.query.host;
  if (req.query.dryRun || !ALLOWED_HOSTS.includes(host)) return res.status(400).end();
  // ok: js-command-injection-from-request
  exec(`ping -c 1 ${host}`, (err, stdout) => res.type("text/plain").send(stdout));
});

app.get("/ping/strict", (req, res) => {
  const host = req.query.host;
  if (req.query.strict && !ALLOWED_HOSTS.includes(host)) return res.status(400).end();
  // ruleid: js-command-injection-from-request
  exec(`ping -c 1 ${host}`, (err, stdout) => res.type("text/plain").send(stdout));
});

class ArchiveTool {
  pack(dir) {
    // Only called with constants: `this.pack(...)` in ReportController is that class's.
    // ok: js-command-injection-from-request
    return execSync(`tar czf /tmp/out.tgz ${dir}`);
  }
  nightly() {
    return this.pack("/srv/data");
  }
}

class ReportController {
  pack(name) {
    return name === "weekly" ? "/reports/weekly.tgz" : "/reports/daily.tgz";
  }
  download(req, res) {
    res.download(this.pack(req.query.name));
  }
}

class GitRepo {
  checkout(branch) {
    // ruleid: js-command-injection-from-request
    return execSync(`git checkout ${branch}`, { cwd: "/srv/repo" });
  }
}

app.post("/checkout", (req, res) => {
  const repo = new GitRepo();
  repo.checkout(req.body.branch);
  res.json({ ok: true });
});

const TOOLS = { uptime: "uptime", disk: "df -h" };

app.get("/tools/:name", (req, res) => {
  // The request only picks one of the server's own commands (allow-list map).
  const cmd = TOOLS[req.params.name];
  // ok: js-command-injection-from-request
  execSync(cmd);
  const custom = req.body.commands;
  // ruleid: js-command-injection-from-request
  execSync(custom[req.params.name]);
  res.json({ ok: true });
});
