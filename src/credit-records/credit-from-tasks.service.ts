import { chinaDate } from '../shared/china-date';
import type { CreditWrite } from './credit-write';
import { afterCreditRecordsChanged } from './credit-hooks';
import { type CreditRecordDraft, storeCreditRecord } from './credit-record-store.service';
import { recordsBySourcePrefix } from './credit-record.repository';
import { findingSeverity, followUpSeverity } from './credit-severity';
import { followUpsAnswered, taskFindings } from './credit-sources.repository';

/** How long an inspection finding counts: three years from the inspection. */
export const FINDING_COUNTS_YEARS = 3;

export function yearsAfter(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + years, m - 1, d));
  if (end.getUTCMonth() !== m - 1) end.setUTCDate(0); // 02-29 → 02-28
  return end.toISOString().slice(0, 10);
}

type Finding = NonNullable<Awaited<ReturnType<typeof taskFindings>>>['findings'][number];
const listed = (fs: readonly Finding[]) =>
  fs.map((f, i) => `${i + 1}. ${f.content}：不符合${f.notes ? `（${f.notes}）` : ''}`).join('\n');

/**
 * When a task is inspected (the `complete` transition, src/tasks/task-transition.ts), each department that found
 * 不符合 gets one credit record of the subject listing the check items (kind 检查发现问题, source 检查结果;
 * 《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十八条: 检查结果 enter the subject's credit records). A department
 * whose 双跟踪 obligation the task answered gets the follow-up's record instead (source 双跟踪): operating without a
 * licence is 较重, and problems found after a signed 承诺书 are a violated commitment (违反告知承诺, 第十一条).
 * A task re-inspected without 不符合 revokes the department's earlier record. Returns the ids written.
 */
export async function recordCreditFromTask(w: CreditWrite, taskId: number): Promise<number[]> {
  const found = await taskFindings(w.trx, taskId);
  if (!found) return [];
  const { task, findings } = found;
  const today = chinaDate(w.now);
  const base = { channel: '平台' as const, uscc: task.uscc, subjectName: task.subject_name };
  const drafts: CreditRecordDraft[] = [];
  const followed = new Set<number>();
  for (const f of await followUpsAnswered(w.trx, taskId)) {
    followed.add(Number(f.department_id));
    const own = findings.filter((x) => x.department_id === Number(f.department_id));
    const on = f.followed_up_on ?? today;
    const problem = f.outcome === '发现问题' || f.outcome === '发现无证经营';
    drafts.push({
      ...base,
      source: '双跟踪',
      sourceRef: `followup:${f.follow_up_no}`,
      senderDepartmentId: Number(f.department_id),
      departmentName: f.department_name,
      kind: f.committed ? '违反告知承诺' : '检查发现问题',
      severity: followUpSeverity(f.outcome === '发现无证经营', own.length),
      title: `照后证前跟踪 ${f.follow_up_no}（任务 ${task.task_no}）${f.outcome}${f.committed ? '，违反告知承诺' : ''}`,
      detail: own.length ? listed(own) : f.outcome_notes,
      occurredOn: on,
      countsFrom: on,
      countsUntil: yearsAfter(on, FINDING_COUNTS_YEARS),
      end: problem ? null : { status: '已撤销', on: today, reason: `任务 ${task.task_no} 复查未发现问题` },
    });
  }
  const byDepartment = new Map<number, Finding[]>();
  for (const f of findings)
    if (!followed.has(f.department_id))
      byDepartment.set(f.department_id, [...(byDepartment.get(f.department_id) ?? []), f]);
  for (const r of await recordsBySourcePrefix(w.trx, '检查结果', `task:${task.task_no}:`)) {
    const departmentId = Number(r.source_ref.split(':')[2]);
    if (!byDepartment.has(departmentId) && r.status === '有效')
      drafts.push({
        ...base,
        source: '检查结果',
        sourceRef: r.source_ref,
        senderDepartmentId: r.sender_department_id,
        departmentName: r.department_name,
        kind: r.kind,
        severity: r.severity,
        title: r.title,
        detail: r.detail,
        occurredOn: r.occurred_on,
        countsFrom: r.counts_from,
        countsUntil: r.counts_until,
        end: { status: '已撤销', on: today, reason: `任务 ${task.task_no} 复查后无不符合项` },
      });
  }
  for (const [departmentId, own] of byDepartment) {
    const on = own.find((f) => f.conducted_on)?.conducted_on ?? task.checked_in_on ?? today;
    drafts.push({
      ...base,
      source: '检查结果',
      sourceRef: `task:${task.task_no}:${departmentId}`,
      senderDepartmentId: departmentId,
      departmentName: own[0]!.department_name,
      kind: '检查发现问题',
      severity: findingSeverity(own.length),
      title: `检查任务 ${task.task_no}：${own.length} 项检查内容不符合`,
      detail: listed(own),
      occurredOn: on,
      countsFrom: on,
      countsUntil: yearsAfter(on, FINDING_COUNTS_YEARS),
    });
  }
  const ids: number[] = [];
  for (const d of drafts) {
    const stored = await storeCreditRecord(w, d);
    if (stored.outcome === 'created' || stored.outcome === 'updated') ids.push(stored.record!.id);
  }
  await afterCreditRecordsChanged(w, ids);
  return ids;
}
