const express = require('express');
const http = require('http');

const app = express();
const PORT = Number(process.env.PORT) || 3000;

app.get('/admin/debug', (req, res) => res.json(process.env));

// ruleid: js-server-bound-to-all-interfaces
app.listen(PORT, '0.0.0.0', () => console.log(`listening on ${PORT}`));

const server = http.createServer(app);
// ruleid: js-server-bound-to-all-interfaces
server.listen({ port: 8081, host: '0.0.0.0' });

// ruleid: js-server-bound-to-all-interfaces
http.createServer(app).listen(8082, '::');

// ok: js-server-bound-to-all-interfaces
app.listen(PORT, '127.0.0.1');

// ok: js-server-bound-to-all-interfaces
server.listen({ port: 8083, host: process.env.HOST ?? '127.0.0.1' });

// ok: js-server-bound-to-all-interfaces
app.listen(PORT, 'localhost', () => console.log('dev server ready'));
