const express = require('express');
const path = require('path');
const { spawn, spawnSync, execFile } = require('child_process');
const cp = require('node:child_process');

const app = express();
app.use(express.json());
const WORKDIR = '/srv/builds';

// "Add an endpoint that converts an uploaded video with ffmpeg"
app.post('/api/convert', (req, res) => {
  const { input, format } = req.body;
  const output = path.join(WORKDIR, `${Date.now()}.${format}`);
  // ruleid: js-child-process-spawn-with-shell
  const ff = spawn(`ffmpeg -i ${input} ${output}`, { shell: true });
  ff.on('close', (code) => res.json({ code, output }));
});

app.post('/api/repos/clone', (req, res) => {
  // ruleid: js-child-process-spawn-with-shell
  const git = spawn('git', ['clone', '--depth', '1', req.body.repoUrl, WORKDIR], { shell: true });
  git.on('close', (code) => res.json({ ok: code === 0 }));
});

app.post('/api/packages/install', (req, res) => {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // ruleid: js-child-process-spawn-with-shell
  const result = spawnSync(npm, ['install', req.body.name], {
    cwd: WORKDIR,
    shell: process.platform === 'win32',
    encoding: 'utf8',
  });
  res.json({ stdout: result.stdout });
});

function runUserScript(script, cb) {
  // ruleid: js-child-process-spawn-with-shell
  cp.execFile(script.command, script.args, { shell: '/bin/bash', timeout: 10000 }, cb);
}

app.post('/api/packages/install-safe', (req, res) => {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // ok: js-child-process-spawn-with-shell
  const result = spawnSync(npm, ['install', '--', req.body.name], { cwd: WORKDIR, encoding: 'utf8' });
  res.json({ stdout: result.stdout });
});

app.post('/api/repos/clone-safe', (req, res) => {
  // ok: js-child-process-spawn-with-shell
  const git = spawn('git', ['clone', '--depth', '1', '--', req.body.repoUrl, WORKDIR], { shell: false });
  git.on('close', (code) => res.json({ ok: code === 0 }));
});

function buildFrontend() {
  // ok: js-child-process-spawn-with-shell
  return spawnSync('npm run build && npm run test -- --ci', { shell: true, stdio: 'inherit' });
}

function listFiles(cb) {
  // ok: js-child-process-spawn-with-shell
  execFile('ls', ['-la', '/srv/builds'], { shell: true }, cb);
}

module.exports = { app, runUserScript, buildFrontend, listFiles };
