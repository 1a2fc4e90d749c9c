import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { AppError } from '../shared/app-error';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;

// scrypt with N=2^15, r=8, p=1 (≈ 32 MiB and tens of milliseconds per hash): memory-hard and in node:crypto.
const params = { N: 2 ** 15, r: 8, p: 1 };
const keyLength = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, keyLength, { ...params, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return timingSafeEqual(actual, expected);
}

/** 等保 practice: at least 8 characters drawing on at least three of upper, lower, digits and symbols. */
export function assertStrongPassword(password: string, username?: string): void {
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (password.length < 8 || password.length > 64 || classes < 3) {
    throw new AppError('VALIDATION', '密码须为 8–64 位，且至少包含大写字母、小写字母、数字、符号中的三类', [
      { field: 'password', message: '密码强度不足' },
    ]);
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    throw new AppError('VALIDATION', '密码不能包含用户名', [{ field: 'password', message: '密码不能包含用户名' }]);
  }
}
