import type { AppDeps } from '../shared/context';
import {
  claimDueMessages,
  countMessagesByStatus,
  markMessageSent,
  messageAttempts,
  recordMessageFailure,
} from './outbox.repository';
import { CONTACT_SECRET } from './contact-messages';
import { claimDueDataMessages } from './data-message.repository';
import { type DataAdapter, dataAdapterFor } from './data-adapters';
import { adapterFor, type OutboundAdapter, type OutboundPayload } from './outbound-adapters';

/** Minutes before the next attempt after the 1st, 2nd, … failure (the last value repeats). */
export const RETRY_BACKOFF_MINUTES = [1, 5, 30, 120];
/** A claimed message is not claimed again for this long (a crashed sender's message is retried after it). */
const CLAIM_LEASE_MS = 10 * 60_000;
// Small enough that a batch at the 10 s timeout each ends well within the claim lease.
const BATCH = 30;
/** In place of a secret already erased (the message cannot carry it any more). */
const LOST_SECRET = '（已失效，请联系发放部门重新发放）';

export interface DispatchReport {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Claims due messages (待发送, next attempt reached), pushing their next attempt ahead by a lease in the
 * same statement so no other dispatcher takes them (FOR UPDATE SKIP LOCKED on PostgreSQL), then sends.
 */
async function claim(deps: AppDeps, now: Date, ids?: number[]): Promise<OutboundPayload[]> {
  return deps.db.transaction().execute(async (trx) => {
    const rows = await claimDueMessages(trx, now, new Date(now.getTime() + CLAIM_LEASE_MS), BATCH, ids);
    // Links leave the platform here: absolute when its public address is configured.
    const publicBaseUrl = deps.config.publicBaseUrl;
    return rows.map((r) => ({
      messageId: Number(r.id),
      recipient: { name: r.name, phone: r.phone, ...(r.to_contact ? { email: r.email } : {}) },
      title: r.title,
      // The secret goes into the text only here, on its way to the gateway.
      body: r.to_contact ? r.body.replaceAll(CONTACT_SECRET, r.secret ?? LOST_SECRET) : r.body,
      link: r.link && publicBaseUrl && r.link.startsWith('/') ? `${publicBaseUrl}${r.link}` : r.link,
      taskNo: r.task_no,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  });
}

/**
 * Sends due outbound messages once (all of them, or only `ids`). A message that was 已发送 is never
 * claimed again; a failure is retried after the backoff and becomes 发送失败 after the configured attempts.
 */
export async function dispatchOutbox(
  deps: AppDeps,
  options: { adapter?: OutboundAdapter; dataAdapter?: DataAdapter; ids?: number[] } = {},
): Promise<DispatchReport> {
  const adapter = options.adapter ?? adapterFor(deps.config);
  const report: DispatchReport = { sent: 0, retrying: 0, failed: 0 };
  await dispatchDataMessages(deps, report, options.dataAdapter, options.ids);
  for (;;) {
    const now = deps.clock.now();
    const batch = await claim(deps, now, options.ids);
    for (const message of batch) {
      try {
        await adapter.send(message);
        await markMessageSent(deps.db, message.messageId, deps.clock.now());
        report.sent += 1;
      } catch (error) {
        const gaveUp = await recordFailure(deps, message.messageId, error);
        if (gaveUp) report.failed += 1;
        else report.retrying += 1;
      }
    }
    if (batch.length < BATCH || options.ids) return report;
  }
}

/** Data messages (e.g. 双公示 to the credit information platform): the same claim, retries and statuses, their own endpoint. */
async function dispatchDataMessages(
  deps: AppDeps,
  report: DispatchReport,
  adapter: DataAdapter | undefined,
  ids: number[] | undefined,
): Promise<void> {
  for (;;) {
    const now = deps.clock.now();
    const batch = await deps.db
      .transaction()
      .execute((trx) => claimDueDataMessages(trx, now, new Date(now.getTime() + CLAIM_LEASE_MS), BATCH, ids));
    for (const message of batch) {
      const messageId = Number(message.message_id);
      try {
        await (adapter ?? dataAdapterFor(deps.config, message.endpoint)).send({ messageId, ...message.payload });
        await markMessageSent(deps.db, messageId, deps.clock.now());
        report.sent += 1;
      } catch (error) {
        if (await recordFailure(deps, messageId, error)) report.failed += 1;
        else report.retrying += 1;
      }
    }
    if (batch.length < BATCH || ids) return;
  }
}

async function recordFailure(deps: AppDeps, id: number, error: unknown): Promise<boolean> {
  const now = deps.clock.now();
  const attempts = (await messageAttempts(deps.db, id)) + 1;
  const gaveUp = attempts >= deps.config.notify.maxAttempts;
  const delay = RETRY_BACKOFF_MINUTES[Math.min(attempts, RETRY_BACKOFF_MINUTES.length) - 1]!;
  const message = error instanceof Error ? (error.name === 'TimeoutError' ? '网关超时' : error.message) : String(error);
  await recordMessageFailure(deps.db, id, {
    attempts,
    lastError: message.slice(0, 500),
    status: gaveUp ? '发送失败' : '待发送',
    nextAttemptAt: gaveUp ? now : new Date(now.getTime() + delay * 60_000),
  });
  return gaveUp;
}

/** Counts per status (for the admin page's summary). */
export async function outboxCounts(deps: AppDeps): Promise<Record<string, number>> {
  return countMessagesByStatus(deps.db);
}
