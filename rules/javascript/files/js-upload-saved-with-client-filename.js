const express = require('express');
const multer = require('multer');
const path = require('path');
const crypto = require('crypto');

const app = express();
app.use('/uploads', express.static(path.join(__dirname, 'uploads')));

// "Add avatar upload with multer, keep the original file name"
const storage = multer.diskStorage({
  destination: (req, file, cb) => cb(null, 'uploads/'),
  // ruleid: js-upload-saved-with-client-filename
  filename: (req, file, cb) => cb(null, file.originalname),
});

const docsStorage = multer.diskStorage({
  destination: 'uploads/docs',
  filename: function (req, file, callback) {
    // ruleid: js-upload-saved-with-client-filename
    callback(null, Date.now() + '-' + file.originalname);
  },
});

const mediaStorage = multer.diskStorage({
  destination: 'uploads/media',
  // ruleid: js-upload-saved-with-client-filename
  filename: (req, file, cb) => cb(null, `${req.user.id}-${file.originalname}`),
});

const ALLOWED = { 'image/png': '.png', 'image/jpeg': '.jpg', 'image/webp': '.webp' };

const safeStorage = multer.diskStorage({
  destination: 'uploads/',
  // ok: js-upload-saved-with-client-filename
  filename: (req, file, cb) => cb(null, `${crypto.randomUUID()}${ALLOWED[file.mimetype] ?? '.bin'}`),
});

const extStorage = multer.diskStorage({
  destination: 'uploads/',
  // ok: js-upload-saved-with-client-filename
  filename: (req, file, cb) => cb(null, crypto.randomBytes(16).toString('hex') + path.extname(file.originalname).toLowerCase().replace(/[^.a-z0-9]/g, '')),
});

const upload = multer({ storage, limits: { fileSize: 5 * 1024 * 1024 } });

app.post('/api/avatar', upload.single('avatar'), (req, res) => {
  // ok: js-upload-saved-with-client-filename
  res.json({ url: `/uploads/${req.file.filename}`, originalName: req.file.originalname });
});

module.exports = { app, docsStorage, mediaStorage, safeStorage, extStorage };
