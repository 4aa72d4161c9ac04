const fs = require('fs');
const path = require('path');

const UPLOAD_DIR = path.join(__dirname, 'uploads');

// "Fix EACCES when nginx tries to read the uploads"
// ruleid: js-world-writable-permissions
fs.mkdirSync(UPLOAD_DIR, { recursive: true, mode: 0o777 });

function saveScript(name, code) {
  const file = path.join(__dirname, 'scripts', `${name}.sh`);
  fs.writeFileSync(file, code);
  // ruleid: js-world-writable-permissions
  fs.chmodSync(file, 0o777);
  return file;
}

function writeSocketConfig(cfg) {
  // ruleid: js-world-writable-permissions
  fs.writeFileSync('/var/run/app/config.json', JSON.stringify(cfg), { mode: 0o666 });
}

// ok: js-world-writable-permissions
fs.mkdirSync(path.join(__dirname, 'cache'), { recursive: true, mode: 0o750 });

function saveKey(keyPem) {
  // ok: js-world-writable-permissions
  fs.writeFileSync(path.join(__dirname, 'keys', 'private.pem'), keyPem, { mode: 0o600 });
}

function makeExecutable(file) {
  // ok: js-world-writable-permissions
  fs.chmodSync(file, 0o755);
}

module.exports = { saveScript, writeSocketConfig, saveKey, makeExecutable };
