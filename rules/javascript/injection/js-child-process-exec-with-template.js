const express = require('express');
const path = require('path');
const util = require('util');
const { exec, execSync, execFile, spawn } = require('child_process');
const childProcess = require('child_process');

const execAsync = util.promisify(exec);
const app = express();
app.use(express.json());
const UPLOADS = '/srv/uploads';

app.post('/api/videos/:id/thumbnail', (req, res) => {
  const input = path.join(UPLOADS, req.params.id);
  const time = req.body.time || '00:00:01';
  // ruleid: js-child-process-exec-with-template
  exec(`ffmpeg -i ${input} -ss ${time} -vframes 1 ${input}.jpg`, (err) => {
    if (err) return res.status(500).json({ error: err.message });
    res.json({ thumbnail: `${req.params.id}.jpg` });
  });
});

app.post('/api/videos/:id/thumbnail-safe', (req, res) => {
  const input = path.join(UPLOADS, path.basename(req.params.id));
  // ok: js-child-process-exec-with-template
  execFile('ffmpeg', ['-i', input, '-ss', String(req.body.time || '1'), '-vframes', '1', `${input}.jpg`], (err) => {
    if (err) return res.status(500).json({ error: err.message });
    res.json({ ok: true });
  });
});

app.get('/api/ping', (req, res) => {
  try {
    // ruleid: js-child-process-exec-with-template
    const out = execSync('ping -c 1 ' + req.query.host).toString();
    res.type('text').send(out);
  } catch (e) {
    res.status(500).send('ping failed');
  }
});

app.post('/api/repos/clone', async (req, res) => {
  const { repoUrl, branch } = req.body;
  const cmd = `git clone --branch ${branch} ${repoUrl} /tmp/repos/${Date.now()}`;
  // ruleid: js-child-process-exec-with-template
  const { stdout } = await execAsync(cmd);
  res.json({ output: stdout });
});

app.get('/api/logs/:service', (req, res) => {
  // ruleid: js-child-process-exec-with-template
  childProcess.exec(`journalctl -u ${req.params.service} -n 100`, (err, stdout) => {
    res.type('text').send(err ? err.message : stdout);
  });
});

app.get('/api/disk', (req, res) => {
  // ok: js-child-process-exec-with-template
  exec('df -h /', (err, stdout) => res.type('text').send(stdout));
});

app.get('/api/logs-safe/:service', (req, res) => {
  // ok: js-child-process-exec-with-template
  const child = spawn('journalctl', ['-u', req.params.service, '-n', '100']);
  child.stdout.pipe(res);
});

function findLinks(html) {
  const re = /href="([^"]+)"/g;
  // ok: js-child-process-exec-with-template
  return re.exec(`${html}`);
}

app.listen(3000);
