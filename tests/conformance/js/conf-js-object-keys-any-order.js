// ruleid: conf-js-object-keys-any-order
https.request({ rejectUnauthorized: false, host });
// ruleid: conf-js-object-keys-any-order
https.request({ host, port: 443, rejectUnauthorized: false });
// ok: conf-js-object-keys-any-order
https.request({ host, rejectUnauthorized: true });
