typescript
import { prisma } from './db';
import { sendEmail, sendSms } from './notify';

// "Add forgot-password: generate a reset token and email a link"
export async function requestPasswordReset(email: string) {
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user) return;
  // ruleid: js-insecure-random-for-secret
  const resetToken = Math.random().toString(36).substring(2) + Date.now().toString(36);
  await prisma.passwordReset.create({ data: { userId: user.id, token: resetToken, expiresAt: new Date(Date.now() + 3600_000) } });
  await sendEmail(email, `https://app.example.com/reset?token=${resetToken}`);
}

// "Send a 6-digit verification code by SMS"
export async function sendLoginCode(phone: string) {
  // ruleid: js-insecure-random-for-secret
  const code = Math.floor(100000 + Math.random() * 900000).toString();
  await prisma.loginCode.create({ data: { phone, code } });
  await sendSms(phone, `Your code is ${code}`);
}

export function generatePassword(length = 12) {
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!@#$%';
  let out = '';
  for (let i = 0; i < length; i++) {
    // ruleid: js-insecure-random-for-secret
    out += chars[Math.floor(Math.random() * chars.length)];
  }
  return out;
}

export async function sendLoginCodeSafe(phone: string) {
  const { randomInt } = await import('node:crypto');
  // ok: js-insecure-random-for-secret
  const code = randomInt(100000, 1000000).toString();
  await sendSms(phone, `Your code is ${code}`);
}

export function jitter(ms: number) {
  // ok: js-insecure-random-for-secret
  const delay = ms + Math.random() * 250;
  return new Promise((r) => setTimeout(r, delay));
}

export function pickColor() {
  const palette = ['#f87171', '#60a5fa', '#34d399'];
  // ok: js-insecure-random-for-secret
  const colorCode = palette[Math.floor(Math.random() * palette.length)];
  return colorCode;
}
