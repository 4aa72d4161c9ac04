const crypto = require('crypto');
const CryptoJS = require('crypto-js');

const KEY = Buffer.from(process.env.ENCRYPTION_KEY, 'hex');

// "Encrypt the card number before saving it (AES, no IV needed)"
function encryptCardNumber(pan) {
  // ruleid: js-aes-ecb-mode
  const cipher = crypto.createCipheriv('aes-256-ecb', KEY, null);
  return Buffer.concat([cipher.update(pan, 'utf8'), cipher.final()]).toString('base64');
}

function decryptCardNumber(stored) {
  // ruleid: js-aes-ecb-mode
  const decipher = crypto.createDecipheriv('AES-128-ECB', KEY.subarray(0, 16), null);
  return Buffer.concat([decipher.update(Buffer.from(stored, 'base64')), decipher.final()]).toString('utf8');
}

function encryptForLegacyClient(text, key) {
  const opts = { padding: CryptoJS.pad.Pkcs7 };
  // ruleid: js-aes-ecb-mode
  return CryptoJS.AES.encrypt(text, CryptoJS.enc.Utf8.parse(key), { ...opts, mode: CryptoJS.mode.ECB }).toString();
}

function encryptCardNumberSafe(pan) {
  const iv = crypto.randomBytes(12);
  // ok: js-aes-ecb-mode
  const cipher = crypto.createCipheriv('aes-256-gcm', KEY, iv);
  const ct = Buffer.concat([cipher.update(pan, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64');
}

function encryptForClientSafe(text, key, iv) {
  // ok: js-aes-ecb-mode
  return CryptoJS.AES.encrypt(text, key, { iv, mode: CryptoJS.mode.CBC }).toString();
}

function encryptStream(key, iv) {
  // ok: js-aes-ecb-mode
  return crypto.createCipheriv('aes-256-ctr', key, iv);
}

module.exports = { encryptCardNumber, decryptCardNumber, encryptForLegacyClient, encryptCardNumberSafe, encryptForClientSafe, encryptStream };
