const crypto = require('crypto');
const { createCipher } = require('crypto');

const PASSPHRASE = process.env.DATA_KEY;

// "Encrypt the API tokens before storing them in the database"
function encryptToken(token) {
  // ruleid: js-cipher-without-iv
  const cipher = crypto.createCipher('aes-256-cbc', PASSPHRASE);
  return cipher.update(token, 'utf8', 'hex') + cipher.final('hex');
}

function decryptToken(encrypted) {
  // ruleid: js-cipher-without-iv
  const decipher = crypto.createDecipher('aes-256-cbc', PASSPHRASE);
  return decipher.update(encrypted, 'hex', 'utf8') + decipher.final('utf8');
}

function encryptNote(text, password) {
  // ruleid: js-cipher-without-iv
  const c = createCipher('aes192', password);
  return c.update(text, 'utf8', 'base64') + c.final('base64');
}

const KEY = crypto.scryptSync(PASSPHRASE, 'app-salt-v1', 32);

function encryptTokenSafe(token) {
  const iv = crypto.randomBytes(12);
  // ok: js-cipher-without-iv
  const cipher = crypto.createCipheriv('aes-256-gcm', KEY, iv);
  const data = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64');
}

function decryptTokenSafe(stored) {
  const raw = Buffer.from(stored, 'base64');
  // ok: js-cipher-without-iv
  const decipher = crypto.createDecipheriv('aes-256-gcm', KEY, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

function fingerprint(text) {
  // ok: js-cipher-without-iv
  return crypto.createHash('sha256').update(text).digest('hex');
}

module.exports = { encryptToken, decryptToken, encryptNote, encryptTokenSafe, decryptTokenSafe, fingerprint };
