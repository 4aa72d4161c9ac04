const https = require('https');
const tls = require('tls');
const fs = require('fs');
const axios = require('axios');

// "The bank's SOAP endpoint only speaks TLS 1.0, make the request work"
const legacyAgent = new https.Agent({
  // ruleid: js-insecure-tls-protocol-version
  secureProtocol: 'TLSv1_method',
  keepAlive: true,
});

async function fetchStatement(id) {
  const { data } = await axios.get(`https://legacy.bank.example/statements/${id}`, { httpsAgent: legacyAgent });
  return data;
}

const server = tls.createServer({
  key: fs.readFileSync('server.key'),
  cert: fs.readFileSync('server.crt'),
  // ruleid: js-insecure-tls-protocol-version
  minVersion: 'TLSv1',
});

// ruleid: js-insecure-tls-protocol-version
tls.DEFAULT_MIN_VERSION = 'TLSv1.1';

const modernAgent = new https.Agent({
  // ok: js-insecure-tls-protocol-version
  minVersion: 'TLSv1.2',
  keepAlive: true,
});

const strictServer = tls.createServer({
  key: fs.readFileSync('server.key'),
  cert: fs.readFileSync('server.crt'),
  // ok: js-insecure-tls-protocol-version
  minVersion: 'TLSv1.3',
});

// ok: js-insecure-tls-protocol-version
const agent13 = new https.Agent({ secureProtocol: 'TLSv1_2_method' });

module.exports = { fetchStatement, server, modernAgent, strictServer, agent13 };
