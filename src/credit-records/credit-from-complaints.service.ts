import { FINDING_COUNTS_YEARS, yearsAfter } from './credit-from-tasks.service';
import { afterCreditRecordsChanged } from './credit-hooks';
import { storeCreditRecord } from './credit-record-store.service';
import type { CreditWrite } from './credit-write';

export interface VerifiedComplaint {
  ticketNo: string;
  uscc: string;
  subjectName: string;
  departmentId: number;
  departmentName: string;
  result: '属实' | '部分属实';
  notes: string;
  verifiedOn: string;
}

/**
 * A complaint verified as 属实 or 部分属实 against a subject of the register enters its credit records (kind
 * 投诉举报属实, source 投诉举报, one record per complaint, counting three years like an inspection finding): the
 * one way the complaints capability adds a platform credit record. Returns the record id, or null when unchanged.
 */
export async function recordCreditFromComplaint(w: CreditWrite, c: VerifiedComplaint): Promise<number | null> {
  const stored = await storeCreditRecord(w, {
    source: '投诉举报',
    sourceRef: `complaint:${c.ticketNo}`,
    channel: '平台',
    senderDepartmentId: c.departmentId,
    departmentName: c.departmentName,
    uscc: c.uscc,
    subjectName: c.subjectName,
    kind: '投诉举报属实',
    severity: c.result === '属实' ? '一般' : '轻微',
    title: `投诉举报 ${c.ticketNo} 经核查${c.result}`,
    detail: c.notes,
    occurredOn: c.verifiedOn,
    countsFrom: c.verifiedOn,
    countsUntil: yearsAfter(c.verifiedOn, FINDING_COUNTS_YEARS),
  });
  if (stored.outcome !== 'created' && stored.outcome !== 'updated') return null;
  await afterCreditRecordsChanged(w, [stored.record!.id]);
  return stored.record!.id;
}
