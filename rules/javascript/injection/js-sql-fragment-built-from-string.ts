import express, { Request, Response } from 'express';
import knex from 'knex';
import { Sequelize, Op } from 'sequelize';
import { sql } from 'drizzle-orm';
import { AppDataSource } from './data-source';
import { User } from './entity/User';
import { db, products } from './drizzle';

const pg = knex({ client: 'pg', connection: process.env.DATABASE_URL });
const sequelize = new Sequelize(process.env.DATABASE_URL!);
const router = express.Router();

// "Search users by email, case-insensitive"
router.get('/users/search', async (req: Request, res: Response) => {
  // ruleid: js-sql-fragment-built-from-string
  const rows = await pg('users').whereRaw(`LOWER(email) LIKE '%${String(req.query.q).toLowerCase()}%'`);
  res.json(rows);
});

router.get('/posts', async (req: Request, res: Response) => {
  const { sort = 'created_at', dir = 'desc' } = req.query;
  // ruleid: js-sql-fragment-built-from-string
  const rows = await pg('posts').select('*').orderByRaw(sort + ' ' + dir).limit(20);
  res.json(rows);
});

router.get('/users/by-name', async (req: Request, res: Response) => {
  const user = await AppDataSource.getRepository(User)
    .createQueryBuilder('user')
    // ruleid: js-sql-fragment-built-from-string
    .where(`user.name = '${req.query.name}'`)
    .getOne();
  res.json(user);
});

router.get('/orders/:id/total', async (req: Request, res: Response) => {
  const total = await sequelize.models.Order.findOne({
    // ruleid: js-sql-fragment-built-from-string
    where: sequelize.literal(`id = ${req.params.id}`),
  });
  res.json(total);
});

router.get('/products', async (req: Request, res: Response) => {
  // ruleid: js-sql-fragment-built-from-string
  const rows = await db.select().from(products).where(sql.raw(`price < ${req.query.max}`));
  res.json(rows);
});

router.get('/users/search-safe', async (req: Request, res: Response) => {
  // ok: js-sql-fragment-built-from-string
  const rows = await pg('users').whereRaw('LOWER(email) LIKE ?', [`%${String(req.query.q).toLowerCase()}%`]);
  res.json(rows);
});

router.get('/users/by-name-safe', async (req: Request, res: Response) => {
  const user = await AppDataSource.getRepository(User)
    .createQueryBuilder('user')
    // ok: js-sql-fragment-built-from-string
    .where('user.name = :name', { name: req.query.name })
    .getOne();
  res.json(user);
});

router.get('/products-safe', async (req: Request, res: Response) => {
  // ok: js-sql-fragment-built-from-string
  const rows = await db.select().from(products).where(sql`${products.price} < ${Number(req.query.max)}`);
  res.json(rows);
});

router.get('/stats', async (_req: Request, res: Response) => {
  // ok: js-sql-fragment-built-from-string
  const rows = await pg('orders').select('status').count('* as n').groupByRaw('status').havingRaw('count(*) > ?', [10]);
  res.json(rows);
});

router.get('/signups', async (req: Request, res: Response) => {
  const utcOffset = String(req.query.offset ?? '+00:00');
  // escaped quotes inside one literal; the offset is a bound parameter
  // ok: js-sql-fragment-built-from-string
  const rows = await pg('members').select(pg.raw('count(*) as n')).groupByRaw('DATE(CONVERT_TZ(created_at, \'+00:00\', ?))', [utcOffset]);
  res.json(rows);
});

export default router;
