import express, { Request, Response } from 'express';
import { NextRequest, NextResponse } from 'next/server';
import Post from './models/Post';
import { db } from './db';

const router = express.Router();
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// "Add case-insensitive search to the posts endpoint"
router.get('/posts/search', async (req: Request, res: Response) => {
  // ruleid: js-regex-from-request
  const posts = await Post.find({ title: { $regex: req.query.q, $options: 'i' } }).limit(20);
  res.json(posts);
});

router.get('/users/filter', async (req: Request, res: Response) => {
  const { name } = req.query;
  // ruleid: js-regex-from-request
  const pattern = new RegExp(name as string, 'i');
  const users = (await db.users.all()).filter((u) => pattern.test(u.name));
  res.json(users);
});

router.get('/logs', (req: Request, res: Response) => {
  // ruleid: js-regex-from-request
  const matcher = new RegExp(`^\\[${req.query.level}\\]`);
  res.json(db.logs.lines().filter((l) => matcher.test(l)));
});

export async function GET(request: NextRequest) {
  const { searchParams } = new URL(request.url);
  // ruleid: js-regex-from-request
  const re = new RegExp(searchParams.get('q') ?? '', 'i');
  const products = await db.products.all();
  return NextResponse.json(products.filter((p) => re.test(p.title)));
}

router.get('/posts/search-safe', async (req: Request, res: Response) => {
  const q = escapeRegExp(String(req.query.q ?? '').slice(0, 100));
  // ok: js-regex-from-request
  const posts = await Post.find({ title: { $regex: q, $options: 'i' } }).limit(20);
  res.json(posts);
});

router.get('/users/filter-safe', async (req: Request, res: Response) => {
  // ok: js-regex-from-request
  const pattern = new RegExp(escapeRegExp(String(req.query.name)), 'i');
  res.json((await db.users.all()).filter((u) => pattern.test(u.name)));
});

router.get('/slugs', (req: Request, res: Response) => {
  // ok: js-regex-from-request
  const slug = new RegExp('^[a-z0-9-]+$');
  res.json({ valid: slug.test(String(req.query.slug)) });
});

export default router;
