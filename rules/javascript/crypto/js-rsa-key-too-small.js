const crypto = require('crypto');
const forge = require('node-forge');
const NodeRSA = require('node-rsa');

// "Generate a key pair for signing license files"
function createLicenseKeys() {
  // ruleid: js-rsa-key-too-small
  return crypto.generateKeyPairSync('rsa', {
    modulusLength: 1024,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

function quickKey() {
  // ruleid: js-rsa-key-too-small
  return new NodeRSA({ b: 512 });
}

function forgeKeys() {
  // ruleid: js-rsa-key-too-small
  return forge.pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001 });
}

function createLicenseKeysSafe() {
  // ok: js-rsa-key-too-small
  return crypto.generateKeyPairSync('rsa', {
    modulusLength: 3072,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

function edKeys() {
  // ok: js-rsa-key-too-small
  return crypto.generateKeyPairSync('ed25519');
}

function forgeKeysSafe() {
  // ok: js-rsa-key-too-small
  return forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
}

module.exports = { createLicenseKeys, quickKey, forgeKeys, createLicenseKeysSafe, edKeys, forgeKeysSafe };
