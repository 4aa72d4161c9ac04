import express, { Request, Response } from 'express';
import session from 'express-session';
import jwt from 'jsonwebtoken';
import { cookies } from 'next/headers';

const app = express();

app.use(
  // ruleid: js-session-cookie-without-secure-flags
  session({
    secret: process.env.SESSION_SECRET!,
    resave: false,
    saveUninitialized: false,
    cookie: { secure: false, maxAge: 24 * 60 * 60 * 1000 },
  }),
);

// "Return the JWT in a cookie so the React app can read it"
app.post('/api/login', async (req: Request, res: Response) => {
  const token = jwt.sign({ sub: req.body.email }, process.env.JWT_SECRET!, { expiresIn: '1h' });
  // ruleid: js-session-cookie-without-secure-flags
  res.cookie('token', token, { httpOnly: false, sameSite: 'lax' });
  res.json({ ok: true });
});

export async function loginAction(formData: FormData) {
  'use server';
  const sessionId = await createSession(String(formData.get('email')));
  // ruleid: js-session-cookie-without-secure-flags
  (await cookies()).set('session_id', sessionId, { httpOnly: true, secure: false, path: '/' });
}

app.post('/api/login-safe', async (req: Request, res: Response) => {
  const token = jwt.sign({ sub: req.body.email }, process.env.JWT_SECRET!, { expiresIn: '15m' });
  // ok: js-session-cookie-without-secure-flags
  res.cookie('token', token, { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax' });
  res.json({ ok: true });
});

app.post('/api/preferences', (req: Request, res: Response) => {
  // ok: js-session-cookie-without-secure-flags
  res.cookie('theme', String(req.body.theme), { httpOnly: false, maxAge: 31536000000 });
  res.sendStatus(204);
});

app.use(
  // ok: js-session-cookie-without-secure-flags
  session({
    secret: process.env.SESSION_SECRET!,
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, secure: true, sameSite: 'strict' },
  }),
);

async function createSession(email: string) {
  return `${email}-${Date.now()}`;
}

export default app;
