import https from 'https';
import tls from 'tls';
import fs from 'fs';
import { Pool } from 'pg';

const ca = fs.readFileSync('/etc/ssl/internal-ca.pem');

// "Connect to the database by IP; fix 'Hostname/IP does not match certificate's altnames'"
export const pool = new Pool({
  host: '10.0.3.17',
  // ruleid: js-tls-hostname-check-disabled
  ssl: { ca, checkServerIdentity: () => undefined },
});

// ruleid: js-tls-hostname-check-disabled
export const agent = new https.Agent({ ca, checkServerIdentity: (host, cert) => { return undefined; } });

export function connectBroker(host: string) {
  // ruleid: js-tls-hostname-check-disabled
  return tls.connect({ host, port: 8883, ca, checkServerIdentity: function () {} });
}

// ok: js-tls-hostname-check-disabled
export const poolSafe = new Pool({ host: '10.0.3.17', ssl: { ca, servername: 'db.internal.example.com' } });

const PINNED = 'AB:CD:EF:01';
// ok: js-tls-hostname-check-disabled
export const pinnedAgent = new https.Agent({
  checkServerIdentity: (host, cert) => {
    const err = tls.checkServerIdentity(host, cert);
    if (err) return err;
    if (cert.fingerprint256 !== PINNED) return new Error('certificate pin mismatch');
    return undefined;
  },
});

// ok: js-tls-hostname-check-disabled
export const defaultAgent = new https.Agent({ ca, keepAlive: true });
