import crypto from 'crypto';
import CryptoJS from 'crypto-js';

const key24 = Buffer.from(process.env.LEGACY_3DES_KEY!, 'hex');

// "Encrypt the session payload (3DES like the old PHP app)"
export function encryptSession(data: string, iv: Buffer) {
  // ruleid: js-broken-cipher-algorithm
  const cipher = crypto.createCipheriv('des-ede3-cbc', key24, iv);
  return cipher.update(data, 'utf8', 'base64') + cipher.final('base64');
}

export function obfuscate(text: string, key: Buffer) {
  // ruleid: js-broken-cipher-algorithm
  const rc4 = crypto.createCipheriv('rc4', key, null);
  return rc4.update(text, 'utf8', 'hex');
}

export function encryptVoucher(code: string, secret: string) {
  // ruleid: js-broken-cipher-algorithm
  return CryptoJS.TripleDES.encrypt(code, secret).toString();
}

export function encryptSessionSafe(data: string, key: Buffer) {
  const iv = crypto.randomBytes(12);
  // ok: js-broken-cipher-algorithm
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(data, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64');
}

export function encryptVoucherSafe(code: string, secret: string) {
  // ok: js-broken-cipher-algorithm
  return CryptoJS.AES.encrypt(code, secret).toString();
}

export function streamCipher(key: Buffer, nonce: Buffer) {
  // ok: js-broken-cipher-algorithm
  return crypto.createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
}
