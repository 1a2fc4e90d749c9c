import type { Db } from '../db/database';
import { queueDataMessage } from '../notifications/data-messages';
import { insertPush } from './publication.repository';
import type { PublicationKind, PushOperation } from './publication.table';

/** Who receives the pushes (《浦东新区“六个双”政府综合监管实施办法（暂行）》第四十条: “信用浦东” 公共信用信息服务平台). */
const CREDIT_PLATFORM = '公共信用信息服务平台';

/**
 * Queues one push of a publication to the credit information platform in the caller's transaction (outbox): the
 * national 双公示 fields, the operation (新增 / 更新 / 撤销) and the record's version. The platform forwards it to the
 * city's shared credit platform (第四十一条).
 */
export async function pushToCreditPlatform(
  trx: Db,
  now: Date,
  p: {
    publicationId: number;
    kind: PublicationKind;
    operation: PushOperation;
    version: number;
    fields: Record<string, string>;
    reason?: string | null;
  },
): Promise<void> {
  const docNo = p.kind === '行政许可' ? p.fields.XK_WSH : p.fields.CF_WSH;
  const messageId = await queueDataMessage(trx, now, {
    endpoint: 'credit',
    recipientName: CREDIT_PLATFORM,
    title: `双公示${p.kind}${p.operation}：${docNo ?? ''}`,
    payload: {
      type: p.kind === '行政许可' ? 'XZXK' : 'XZCF',
      kind: p.kind,
      operation: p.operation,
      recordId: `${p.kind === '行政许可' ? 'XK' : 'CF'}-${p.publicationId}`,
      version: p.version,
      reason: p.reason ?? null,
      data: p.fields,
      sentAt: now.toISOString(),
    },
  });
  await insertPush(trx, {
    publication_id: p.publicationId,
    operation: p.operation,
    version: p.version,
    message_id: messageId,
    created_at: now,
  });
}
