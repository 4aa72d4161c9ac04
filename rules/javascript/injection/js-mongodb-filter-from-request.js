const express = require('express');
const bcrypt = require('bcryptjs');
const jwt = require('jsonwebtoken');
const User = require('./models/User');
const Product = require('./models/Product');

const router = express.Router();

// "Create a login route with MongoDB"
router.post('/login', async (req, res) => {
  // ruleid: js-mongodb-filter-from-request
  const user = await User.findOne({ username: req.body.username, password: req.body.password });
  if (!user) return res.status(401).json({ message: 'Invalid credentials' });
  const token = jwt.sign({ id: user._id }, process.env.JWT_SECRET, { expiresIn: '1h' });
  res.json({ token });
});

router.post('/forgot-password', async (req, res) => {
  const { email } = req.body;
  // ruleid: js-mongodb-filter-from-request
  const user = await User.findOne({ email });
  if (user) await sendResetEmail(user);
  res.json({ message: 'If that account exists, an email was sent.' });
});

// "Filter products with query params, e.g. /products?category=books&brand=acme"
router.get('/products', async (req, res) => {
  // ruleid: js-mongodb-filter-from-request
  const products = await Product.find(req.query).limit(50);
  res.json(products);
});

router.delete('/products', async (req, res) => {
  // ruleid: js-mongodb-filter-from-request
  const result = await Product.deleteMany({ owner: req.user.id, sku: req.query.sku });
  res.json({ deleted: result.deletedCount });
});

router.post('/login-safe', async (req, res) => {
  const { email, password } = req.body;
  if (typeof email !== 'string' || typeof password !== 'string') {
    return res.status(400).json({ message: 'Invalid input' });
  }
  // ok: js-mongodb-filter-from-request
  const user = await User.findOne({ email });
  if (!user || !(await bcrypt.compare(password, user.passwordHash))) {
    return res.status(401).json({ message: 'Invalid credentials' });
  }
  res.json({ token: jwt.sign({ id: user._id }, process.env.JWT_SECRET, { expiresIn: '1h' }) });
});

router.get('/products/:id', async (req, res) => {
  // ok: js-mongodb-filter-from-request
  const product = await Product.findOne({ _id: req.params.id });
  res.json(product);
});

router.get('/products-safe', async (req, res) => {
  // ok: js-mongodb-filter-from-request
  const products = await Product.find({ category: String(req.query.category ?? '') }).limit(50);
  res.json(products);
});

function pickTags(req) {
  // ok: js-mongodb-filter-from-request
  return req.body.tags.find((t) => t.primary);
}

async function sendResetEmail(user) {
  return user;
}

module.exports = { router, pickTags };
