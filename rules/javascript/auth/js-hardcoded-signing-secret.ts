import bcrypt from 'bcryptjs';
import cookieParser from 'cookie-parser';
import express, { NextFunction, Request, Response } from 'express';
import session from 'express-session';
import jwt from 'jsonwebtoken';

const app = express();
app.use(express.json());

// ruleid: js-hardcoded-signing-secret
const JWT_SECRET = process.env.JWT_SECRET || 'your-secret-key';
// ok: js-hardcoded-signing-secret
const JWT_EXPIRES_IN = process.env.JWT_EXPIRES_IN || '7d';
// ok: js-hardcoded-signing-secret
const REFRESH_SECRET = 'refresh-secret-123';
const SESSION_SECRET = process.env.SESSION_SECRET;
if (!SESSION_SECRET) {
  throw new Error('SESSION_SECRET is not set');
}

// ruleid: js-hardcoded-signing-secret
app.use(cookieParser('cookie-signing-secret'));

app.use(
  // ruleid: js-hardcoded-signing-secret
  session({
    secret: 'keyboard cat',
    resave: false,
    saveUninitialized: true,
    cookie: { secure: false },
  }),
);

// ok: js-hardcoded-signing-secret
app.use(session({ secret: SESSION_SECRET, resave: false, saveUninitialized: false, cookie: { secure: true } }));

const users = new Map<string, { id: string; email: string; passwordHash: string }>();

app.post('/api/login', async (req: Request, res: Response) => {
  const user = users.get(req.body.email);
  if (!user || !(await bcrypt.compare(req.body.password, user.passwordHash))) {
    return res.status(401).json({ error: 'Invalid credentials' });
  }
  // ok: js-hardcoded-signing-secret
  const token = jwt.sign({ sub: user.id, email: user.email }, JWT_SECRET, { expiresIn: JWT_EXPIRES_IN });
  // ruleid: js-hardcoded-signing-secret
  const refreshToken = jwt.sign({ sub: user.id }, REFRESH_SECRET, { expiresIn: '30d' });
  res.json({ token, refreshToken });
});

export function authenticate(req: Request, res: Response, next: NextFunction) {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  try {
    // ruleid: js-hardcoded-signing-secret
    const payload = jwt.verify(token, 'supersecret123', { algorithms: ['HS256'] });
    (req as any).user = payload;
    next();
  } catch {
    res.status(401).json({ error: 'Unauthorized' });
  }
}

// ok: js-hardcoded-signing-secret
const SERVICE_NAME = 'billing-worker';

export function issueServiceToken(serviceId: string) {
  const key = process.env.SERVICE_SIGNING_KEY;
  if (!key) throw new Error('SERVICE_SIGNING_KEY is not set');
  // ok: js-hardcoded-signing-secret
  return jwt.sign({ sub: serviceId, scope: 'internal' }, key, { algorithm: 'HS256', expiresIn: '5m' });
}

export function issueInviteToken(email: string) {
  // ruleid: js-hardcoded-signing-secret
  return jwt.sign({ email }, process.env.INVITE_TOKEN || 'invite-token-dev', { expiresIn: '2d' });
}

export function issueRefreshToken(userId: string) {
  // ok: js-hardcoded-signing-secret
  return jwt.sign({ sub: userId }, process.env.REFRESH_TOKEN_SECRET as string, { expiresIn: '30d' });
}

app.listen(3000);
