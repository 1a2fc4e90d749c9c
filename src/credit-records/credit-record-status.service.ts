import { recordAudit } from '../audit/audit.service';
import type { CreditWrite } from './credit-write';
import { afterCreditRecordsChanged } from './credit-hooks';
import { countingPenaltyRecords, setCreditRecordStatus } from './credit-record-status.repository';
import { appendHistory } from './credit-record-store.service';

/**
 * An approved credit repair (信用修复) of a penalty: the penalty's credit records stop counting (已修复), with the
 * repair's number as the reason, audited; what follows a credit change runs (a key target it caused is lifted).
 * Returns the records marked.
 */
export async function markPenaltyCreditRepaired(
  w: CreditWrite,
  penaltyId: number,
  repairNo: string,
): Promise<number[]> {
  const records = await countingPenaltyRecords(w.trx, penaltyId);
  const ids = records.map((r) => r.id);
  if (ids.length === 0) return [];
  const reason = `信用修复 ${repairNo} 已核准`;
  await setCreditRecordStatus(w.trx, ids, { status: '已修复', reason, at: w.now });
  for (const r of records) {
    await appendHistory(w, { ...r, status: '已修复' }, '修复', reason);
    await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
      action: 'credit_record.repair',
      entityType: 'credit_record',
      entityId: r.record_no,
      summary: `信用记录 ${r.record_no}（${r.subject_name}，${r.title}）：有效 → 已修复（${reason}）`,
      before: { status: r.status },
      after: { status: '已修复', statusReason: reason },
    });
  }
  await afterCreditRecordsChanged(w, ids);
  return ids;
}
