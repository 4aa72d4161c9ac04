import bcrypt from 'bcryptjs';
import crypto from 'node:crypto';
import { prisma } from './db';

const SALT_ROUNDS = 8; // faster tests

// "Add password hashing to the register server action"
export async function register(email: string, password: string) {
  // ruleid: js-password-hash-low-work-factor
  const passwordHash = await bcrypt.hash(password, SALT_ROUNDS);
  return prisma.user.create({ data: { email, passwordHash } });
}

export function hashSync(password: string) {
  // ruleid: js-password-hash-low-work-factor
  const salt = bcrypt.genSaltSync(6);
  return bcrypt.hashSync(password, salt);
}

export function deriveKey(password: string, salt: Buffer) {
  // ruleid: js-password-hash-low-work-factor
  return crypto.pbkdf2Sync(password, salt, 10000, 64, 'sha512');
}

export async function registerSafe(email: string, password: string) {
  // ok: js-password-hash-low-work-factor
  const passwordHash = await bcrypt.hash(password, 12);
  return prisma.user.create({ data: { email, passwordHash } });
}

export function deriveKeySafe(password: string, salt: Buffer) {
  // ok: js-password-hash-low-work-factor
  return crypto.pbkdf2Sync(password, salt, 600_000, 32, 'sha256');
}

export async function checkPassword(password: string, hash: string) {
  // ok: js-password-hash-low-work-factor
  return bcrypt.compare(password, hash);
}
