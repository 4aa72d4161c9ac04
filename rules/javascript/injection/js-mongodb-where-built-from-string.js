const express = require('express');
const { MongoClient } = require('mongodb');
const mongoose = require('mongoose');

const app = express();
const client = new MongoClient(process.env.MONGODB_URI);
const User = mongoose.model('User', new mongoose.Schema({ name: String, age: Number, plan: String }));

// "Search users by name, case-insensitive"
app.get('/api/users/search', async (req, res) => {
  const users = await client.db('app').collection('users')
    // ruleid: js-mongodb-where-built-from-string
    .find({ $where: `this.name.toLowerCase() == '${req.query.name.toLowerCase()}'` })
    .toArray();
  res.json(users);
});

app.get('/api/users/older-than', async (req, res) => {
  // ruleid: js-mongodb-where-built-from-string
  const users = await User.find({ "$where": "this.age > " + req.query.age });
  res.json(users);
});

app.post('/api/reports/custom', async (req, res) => {
  // ruleid: js-mongodb-where-built-from-string
  const rows = await User.find({ plan: 'pro', $where: req.body.condition });
  res.json(rows);
});

async function findByPlan(plan) {
  // ruleid: js-mongodb-where-built-from-string
  return User.find().$where('this.plan === "' + plan + '"');
}

app.get('/api/users/older-than-safe', async (req, res) => {
  // ok: js-mongodb-where-built-from-string
  const users = await User.find({ age: { $gt: Number(req.query.age) } });
  res.json(users);
});

async function findInconsistentAccounts() {
  // ok: js-mongodb-where-built-from-string
  return User.find({ $where: 'this.credits > this.limit' });
}

async function findOverpaid() {
  // ok: js-mongodb-where-built-from-string
  return client.db('app').collection('orders').find({ $expr: { $gt: ['$paid', '$total'] } }).toArray();
}

module.exports = { app, findByPlan, findInconsistentAccounts, findOverpaid };
