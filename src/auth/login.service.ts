import { type AuditSubject, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { notify } from '../notifications/notify';
import { AppError } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { platformAdminIds, recordLogin, userByUsername } from '../users/user-account.service';
import type { UserRow } from '../users/user.table';
import {
  ACCOUNT_CEILING,
  accountFailure,
  addressFailure,
  blockedUntil,
  FAILURES_BEFORE_BACKOFF,
  MAX_BACKOFF_MINUTES,
} from './login-throttle';
import {
  clearAddressCount,
  clearCounts,
  findAccountCount,
  findAddressCount,
  forgetStaleCounts,
  lockAccountCount,
  lockAddressCount,
  saveAccountCount,
  saveAddressCount,
} from './login-throttle.repository';
import { verifyPassword } from './password';
import { newSession } from './session.service';

// A hash with the real parameters, so an unknown user name costs the same time as a wrong password.
const NO_USER_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const DAY_MS = 24 * 60 * 60_000;

const hhmm = (d: Date) =>
  d.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' });

// The answers a caller can get. None of them depends on whether the user name exists.
const badCredentials = () => new AppError('UNAUTHENTICATED', '用户名或密码错误');
const addressBlocked = (until: Date) =>
  new AppError('ACCOUNT_LOCKED', `连续登录失败次数过多，请于 ${hhmm(until)} 后再试；忘记密码请联系管理员重置`, {
    retryAt: until.toISOString(),
  });
const accountLocked = () => new AppError('ACCOUNT_LOCKED', '该账号登录失败次数过多，已被锁定，请联系管理员解锁');

/**
 * Password login. Failures are counted per user name and client address (back-off) and per user name
 * over all addresses (a ceiling that locks until an administrator unlocks), both keyed by the name as
 * typed, so an unknown name is counted, refused and answered exactly like an existing one, and a caller
 * elsewhere cannot lock someone out. Every attempt that reaches the password check is audited.
 */
export async function login(
  deps: AppDeps,
  username: string,
  password: string,
  ip: string | null,
  userAgent: string | null,
): Promise<{ secret: string; userId: number }> {
  const now = deps.clock.now();
  const address = ip ?? '未知地址';
  const account = await findAccountCount(deps.db, username);
  if (account?.lockedAt) throw accountLocked();
  const fromAddress = await findAddressCount(deps.db, username, address);
  const refusedUntil = blockedUntil(fromAddress, now);
  if (refusedUntil) throw addressBlocked(refusedUntil);

  const user = await userByUsername(deps.db, username);
  const passwordRight = await verifyPassword(password, user?.password_hash ?? NO_USER_HASH);
  if (!user || !passwordRight) {
    // The counts are read again under lock: parallel guesses from one address must each count.
    const next = await deps.db.transaction().execute(async (trx) => {
      const byAddress = addressFailure(await lockAddressCount(trx, username, address, now), now);
      const before = await lockAccountCount(trx, username, now);
      const byAccount = accountFailure(before, now);
      await saveAddressCount(trx, username, address, byAddress);
      await saveAccountCount(trx, username, byAccount);
      await auditFailure(deps, trx, now, { username, user, address, failures: byAddress.failures });
      if (byAccount.lockedAt && !before.lockedAt)
        await lockedOut(deps, trx, now, { username, user, address, until: null });
      else if (byAddress.failures === FAILURES_BEFORE_BACKOFF)
        await lockedOut(deps, trx, now, { username, user, address, until: byAddress.blockedUntil });
      return { byAddress, byAccount };
    });
    // Outside the transaction, which holds only its own two rows: the clean-up never waits in a cycle with it.
    await forgetStaleCounts(deps.db, new Date(now.getTime() - DAY_MS));
    if (next.byAccount.lockedAt) throw accountLocked();
    if (next.byAddress.blockedUntil) throw addressBlocked(next.byAddress.blockedUntil);
    throw badCredentials();
  }
  // Only someone who knows the password learns that the account is disabled.
  if (user.status !== 'active') throw new AppError('UNAUTHENTICATED', '账号已停用，请联系管理员');
  return deps.db.transaction().execute(async (trx) => {
    await recordLogin(trx, user.id, now);
    await clearAddressCount(trx, username, address);
    const { secret } = await newSession(trx, user.id, 'browser', now, ip, null, userAgent);
    await recordAudit(trx, deps.config.auditHash, now, subjectOf(user, ip), {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      summary: `${user.username} 登录`,
    });
    return { secret, userId: user.id };
  });
}

/** An administrator's unlock, or a new account taking a name a guesser had locked: the name's counts start over. */
export const clearLoginCounts = (trx: Db, username: string): Promise<void> => clearCounts(trx, username);

const subjectOf = (user: UserRow | undefined, ip: string | null): AuditSubject =>
  user
    ? { userId: user.id, name: user.name, departmentId: user.department_id, ip }
    : { userId: null, name: '（不存在的用户名）', departmentId: null, ip };

interface Attempt {
  username: string;
  user: UserRow | undefined;
  address: string;
}

async function auditFailure(deps: AppDeps, trx: Db, now: Date, a: Attempt & { failures: number }): Promise<void> {
  await recordAudit(trx, deps.config.auditHash, now, subjectOf(a.user, a.address), {
    action: 'auth.login_failed',
    entityType: 'user',
    entityId: a.user?.id ?? null,
    summary: `${a.username} 登录失败（${a.user ? '密码错误' : '用户名不存在'}；来自 ${a.address}，该地址连续第 ${a.failures} 次）`,
  });
}

/**
 * A lock-out begins: the address's back-off (`until`) or the account's lock (`until` null). Audited;
 * the platform administrators are told when the name belongs to an account.
 */
async function lockedOut(deps: AppDeps, trx: Db, now: Date, a: Attempt & { until: Date | null }): Promise<void> {
  const summary = a.until
    ? `${a.username} 从 ${a.address} 连续 ${FAILURES_BEFORE_BACKOFF} 次登录失败，该地址暂停登录此账号至 ${hhmm(a.until)}（此后每次失败暂停时间加倍，最长 ${MAX_BACKOFF_MINUTES} 分钟）`
    : `${a.username} 一小时内累计 ${ACCOUNT_CEILING} 次登录失败，账号锁定，须管理员解锁`;
  await recordAudit(trx, deps.config.auditHash, now, subjectOf(a.user, a.address), {
    action: 'auth.lock',
    entityType: 'user',
    entityId: a.user?.id ?? null,
    summary,
  });
  if (!a.user) return;
  await notify(trx, now, {
    userIds: await platformAdminIds(trx),
    kind: 'account_locked',
    link: '/users',
    title: a.until ? `账号 ${a.username} 登录失败次数过多` : `账号 ${a.username} 已被锁定`,
    body: a.until
      ? `${a.user.name}（${a.username}）的账号从地址 ${a.address} 连续 ${FAILURES_BEFORE_BACKOFF} 次密码错误，该地址暂停登录此账号至 ${hhmm(a.until)}，其他地址不受影响。如非本人操作，请留意。`
      : `${a.user.name}（${a.username}）的账号一小时内从各地址累计 ${ACCOUNT_CEILING} 次密码错误，已锁定，须在“用户管理”中解锁；请核实情况，必要时重置密码。`,
  });
}
