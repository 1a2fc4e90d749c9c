import { type AuditSubject, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import type { AppDeps } from '../shared/context';
import { pushToCreditPlatform } from './credit-push';
import { lockPublicationOf, updatePublication } from './publication.repository';

/**
 * A penalty's publicity ends early because its credit repair was approved (《失信行为纠正后的信用信息修复管理办法
 * （试行）》: 修复后停止公示): the publication is taken down (已撤下, with the reason), the public 双公示 page no longer
 * shows it, and the credit information platform is told (operation 撤销 with the reason) in the caller's transaction.
 * Returns false when there was nothing public to end.
 */
export async function endPenaltyPublicityEarly(
  trx: Db,
  deps: AppDeps,
  who: AuditSubject,
  penaltyId: number,
  reason: string,
): Promise<boolean> {
  const now = deps.clock.now();
  const pub = await lockPublicationOf(trx, '行政处罚', penaltyId);
  if (!pub || (pub.status !== '已公示' && pub.status !== '已更新')) return false;
  await updatePublication(trx, pub.id, { status: '已撤下', withdrawn_reason: reason, updated_at: now });
  const fields = (pub.public_fields ?? {}) as Record<string, string>;
  await pushToCreditPlatform(trx, now, {
    publicationId: pub.id,
    kind: '行政处罚',
    operation: '撤销',
    version: pub.published_version ?? pub.record_version,
    fields,
    reason,
  });
  await recordAudit(trx, deps.config.auditHash, now, who, {
    action: 'publication.end_early',
    entityType: 'publication',
    entityId: pub.id,
    summary: `行政处罚 ${fields.CF_WSH ?? ''}（${pub.counterpart_name}）提前停止公示：${reason}，已推送信用平台`,
    before: { status: pub.status },
    after: { status: '已撤下', reason },
  });
  return true;
}
