javascript
const crypto = require('crypto');

const KEY = Buffer.from(process.env.ENCRYPTION_KEY, 'hex');
const IV = Buffer.alloc(16, 0);

// "Encrypt emails deterministically so we can look users up by encrypted email"
function encryptEmail(email) {
  // ruleid: js-static-iv-or-nonce
  const cipher = crypto.createCipheriv('aes-256-cbc', KEY, IV);
  return cipher.update(email, 'utf8', 'hex') + cipher.final('hex');
}

function encryptField(value) {
  // ruleid: js-static-iv-or-nonce
  const cipher = crypto.createCipheriv('aes-256-gcm', KEY, Buffer.from(process.env.ENCRYPTION_IV, 'hex'));
  const ct = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return Buffer.concat([cipher.getAuthTag(), ct]).toString('base64');
}

function encryptLegacy(text) {
  // ruleid: js-static-iv-or-nonce
  const cipher = crypto.createCipheriv('aes-128-cbc', KEY.subarray(0, 16), '1234567890123456');
  return cipher.update(text, 'utf8', 'base64') + cipher.final('base64');
}

function encryptFieldSafe(value) {
  const iv = crypto.randomBytes(12);
  // ok: js-static-iv-or-nonce
  const cipher = crypto.createCipheriv('aes-256-gcm', KEY, iv);
  const ct = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64');
}

function decryptField(stored) {
  const raw = Buffer.from(stored, 'base64');
  // ok: js-static-iv-or-nonce
  const decipher = crypto.createDecipheriv('aes-256-gcm', KEY, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

function emailLookupKey(email) {
  // deterministic lookups: a keyed hash, not encryption with a fixed IV
  // ok: js-static-iv-or-nonce
  return crypto.createHmac('sha256', KEY).update(email.toLowerCase()).digest('hex');
}

module.exports = { encryptEmail, encryptField, encryptLegacy, encryptFieldSafe, decryptField, emailLookupKey };
