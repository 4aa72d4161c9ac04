javascript
const express = require('express');
const path = require('path');
const sqlite3 = require('sqlite3');

const app = express();
const db = new sqlite3.Database(path.join(__dirname, 'data.db'));

// "Serve index.html and the API from the same server"
// ruleid: js-express-static-serves-project-root
app.use(express.static(__dirname));

// ruleid: js-express-static-serves-project-root
app.use('/files', express.static('.'));

// ruleid: js-express-static-serves-project-root
app.use(express.static(process.cwd(), { extensions: ['html'] }));

// ok: js-express-static-serves-project-root
app.use(express.static(path.join(__dirname, 'public'), { dotfiles: 'ignore' }));

// ok: js-express-static-serves-project-root
app.use('/uploads', express.static(path.join(__dirname, 'uploads')));

// ok: js-express-static-serves-project-root
app.use(express.static('dist'));

app.get('/api/notes', (req, res) => {
  db.all('SELECT id, title FROM notes', (err, rows) => res.json(rows));
});

app.listen(3000);
