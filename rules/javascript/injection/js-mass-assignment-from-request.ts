import express, { Request, Response } from 'express';
import crypto from 'crypto';
import { z } from 'zod';
import { PrismaClient } from '@prisma/client';
import User from './models/User';
import Order from './models/Order';

const prisma = new PrismaClient();
const router = express.Router();

// "Add a register endpoint"
router.post('/register', async (req: Request, res: Response) => {
  // ruleid: js-mass-assignment-from-request
  const user = new User(req.body);
  await user.save();
  res.status(201).json({ id: user.id });
});

// "Let users update their profile"
router.put('/users/:id', async (req: Request, res: Response) => {
  // ruleid: js-mass-assignment-from-request
  const user = await User.findByIdAndUpdate(req.params.id, req.body, { new: true });
  res.json(user);
});

router.patch('/me', async (req: Request, res: Response) => {
  const user = await User.findById(req.user.id);
  if (!user) return res.sendStatus(404);
  // ruleid: js-mass-assignment-from-request
  Object.assign(user, req.body);
  await user.save();
  res.json(user);
});

router.post('/orders', async (req: Request, res: Response) => {
  // ruleid: js-mass-assignment-from-request
  const order = await prisma.order.create({ data: { ...req.body, userId: req.user.id } });
  res.status(201).json(order);
});

const UpdateProfile = z.object({ name: z.string().max(80), bio: z.string().max(500).optional() });

router.patch('/me-safe', async (req: Request, res: Response) => {
  const data = UpdateProfile.parse(req.body);
  // ok: js-mass-assignment-from-request
  const user = await prisma.user.update({ where: { id: req.user.id }, data });
  res.json(user);
});

router.put('/users-safe/:id', async (req: Request, res: Response) => {
  const { name, bio, avatarUrl } = req.body;
  // ok: js-mass-assignment-from-request
  const user = await User.findByIdAndUpdate(req.user.id, { name, bio, avatarUrl }, { new: true, runValidators: true });
  res.json(user);
});

router.post('/webhooks/billing', express.raw({ type: 'application/json' }), async (req: Request, res: Response) => {
  const hmac = crypto.createHmac('sha256', process.env.WEBHOOK_SECRET!);
  // ok: js-mass-assignment-from-request
  const expected = hmac.update(req.body).digest('hex');
  if (!crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(String(req.headers['x-signature'])))) {
    return res.sendStatus(401);
  }
  // ok: js-mass-assignment-from-request
  const params = new URLSearchParams(req.body);
  await Order.updateOne({ externalId: params.get('id') }, { status: 'paid' });
  res.sendStatus(204);
});

export default router;
