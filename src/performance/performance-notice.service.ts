import type { z } from 'zod';
import { type Actor, can, requirePermission, scopeOf } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { workCalendar } from '../calendar/calendar.service';
import { unlessYearMissing } from '../calendar/work-calendar';
import type { Db } from '../db/database';
import { notify } from '../notifications/notify';
import { AppError, forbidden, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { computations } from './performance-catalog';
import {
  findEvaluation,
  indicatorResultsOf,
  insertNotice,
  lastNoticeNo,
  listNotices as listNoticeRows,
  lockNotice,
  type NoticeListRow,
  noticeRecipients,
  openNoticeOf,
  scoresOf,
  updateNotice,
} from './performance.repository';
import type { answerInput, escalateInput, issueInput, issueOutcome, noticeList } from './performance.schemas';

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

/**
 * What a department must put right, from its indicator results: items not claimed or without a check list
 * (《朔州市平鲁区“互联网+监管”系统运行管理办法》第四十五条), data not reported or anomalies not fixed in time (第四十六条).
 */
async function reasonsOf(db: Db, evaluationId: number, departmentId: number): Promise<string[]> {
  const results = await indicatorResultsOf(db, evaluationId, departmentId);
  return results
    .filter((r) => r.applicable && r.evidence_total > 0)
    .flatMap((r) => {
      const article = computations[r.indicator_code as keyof typeof computations]?.noticeArticle;
      if (!article) return [];
      const shown = r.evidence.slice(0, 5).join('；');
      return [
        `${article}（${r.name}，得分 ${fmt(r.score)}/${fmt(r.points)}）：${r.evidence_total} 条问题——${shown}${r.evidence_total > 5 ? ' 等' : ''}`,
      ];
    });
}

/**
 * 限期整改通知 (第四十五条、第四十六条) by the evaluating department to one department, or to every department of the
 * evaluation below a score (default: its pass score) that has something to put right. A department with an open
 * notice of the same evaluation is skipped (a retried click issues nothing twice). The department's admins are told.
 */
export async function issueNotices(
  deps: AppDeps,
  actor: Actor,
  input: z.infer<typeof issueInput>,
): Promise<z.infer<typeof issueOutcome>> {
  requirePermission(actor, 'performance:manage');
  const now = deps.clock.now();
  const today = chinaDate(now);
  return deps.db.transaction().execute(async (trx) => {
    const evaluation = await findEvaluation(trx, input.evaluationId);
    if (!evaluation) throw notFound('履职评价');
    const scores = await scoresOf(trx, evaluation.id);
    const below = input.below ?? evaluation.pass_score;
    const targets =
      input.departmentId !== undefined
        ? scores.filter((s) => s.department_id === input.departmentId)
        : scores.filter((s) => s.total < below);
    if (input.departmentId !== undefined && targets.length === 0) throw notFound('该部门的评价结果');
    const calendar = await workCalendar(trx);
    const dueOn = unlessYearMissing(() => calendar.addWorkingDays(today, input.deadlineDays));
    const year = Number(today.slice(0, 4));
    let last = await lastNoticeNo(trx, year);
    const issued: { noticeNo: string; departmentName: string }[] = [];
    const skipped: { departmentName: string; reason: string }[] = [];
    for (const s of targets) {
      const open = await openNoticeOf(trx, s.department_id, evaluation.id);
      if (open) {
        skipped.push({ departmentName: s.department_name, reason: `已有未办结的整改通知 ${open.notice_no}` });
        continue;
      }
      const reasons = await reasonsOf(trx, evaluation.id, s.department_id);
      if (reasons.length === 0) {
        skipped.push({
          departmentName: s.department_name,
          reason: '没有未认领事项、未编制清单、未报送或逾期未整改的数据',
        });
        continue;
      }
      last += 1;
      const noticeNo = `ZGTZ${year}-${String(last).padStart(4, '0')}`;
      const requirement =
        input.requirement ||
        `请于 ${input.deadlineDays} 个工作日内${dueOn ? `（${dueOn} 前）` : ''}完成认领、编制或整改，并在平台反馈整改情况；拒不整改的将予以通报。`;
      const id = await insertNotice(trx, {
        notice_no: noticeNo,
        department_id: s.department_id,
        evaluation_id: evaluation.id,
        reasons: JSON.stringify(reasons),
        requirement,
        deadline_days: input.deadlineDays,
        due_on: dueOn,
        issued_at: now,
        issued_by: actor.userId,
        issued_by_name: actor.name,
        answered_at: null,
        answered_by_name: null,
        escalated_at: null,
        escalated_by_name: null,
      });
      await notify(trx, now, {
        userIds: await noticeRecipients(trx, s.department_id),
        kind: 'performance_notice',
        title: `限期整改通知 ${noticeNo}`,
        body: `${actor.departmentName}通知：${evaluation.evaluation_no} 评价发现 ${reasons.length} 类问题，${requirement}`,
        link: '/performance/notices',
      });
      await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
        action: 'performance_notice.issue',
        entityType: 'performance_notice',
        entityId: id,
        summary: `向${s.department_name}下发限期整改通知 ${noticeNo}（${evaluation.evaluation_no}，得分 ${fmt(s.total)}，${input.deadlineDays} 个工作日${dueOn ? `，${dueOn} 前` : ''}）`,
        after: { noticeNo, departmentId: s.department_id, deadlineDays: input.deadlineDays, dueOn, status: '待整改' },
      });
      issued.push({ noticeNo, departmentName: s.department_name });
    }
    if (input.departmentId !== undefined && issued.length === 0)
      throw new AppError('CONFLICT', `${skipped[0]!.departmentName}：${skipped[0]!.reason}，未下发通知`);
    return { issued, skipped };
  });
}

/** A notice the actor may see: its own department's, or any with scope 'all'; another's answers 404. */
async function lockedNotice(trx: Db, actor: Actor, id: number) {
  const row = await lockNotice(trx, id);
  if (!row || (scopeOf(actor, 'performance:read') !== 'all' && row.department_id !== actor.departmentId))
    throw notFound('整改通知');
  return row;
}

/** The department reports what it put right (已整改); after the deadline it is recorded as late. */
export async function answerNotice(deps: AppDeps, actor: Actor, id: number, input: z.infer<typeof answerInput>) {
  requirePermission(actor, 'performance:read');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const row = await lockedNotice(trx, actor, id);
    if (row.department_id !== actor.departmentId) throw forbidden('只有被通知的部门可以反馈整改情况');
    if (row.status !== '待整改')
      throw new AppError('CONFLICT', `整改通知 ${row.notice_no} 当前为“${row.status}”，不能再反馈`, {
        status: row.status,
      });
    const late = row.due_on !== null && chinaDate(now) > row.due_on;
    await updateNotice(trx, id, {
      status: '已整改',
      answered_at: now,
      answered_by_name: actor.name,
      answer_note: input.note,
      answered_late: late,
    });
    if (row.issued_by)
      await notify(trx, now, {
        userIds: [row.issued_by],
        kind: 'performance_notice',
        title: `整改通知 ${row.notice_no} 已反馈`,
        body: `${actor.departmentName}反馈整改情况${late ? '（逾期反馈）' : ''}：${input.note}`,
        link: '/performance/notices',
      });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'performance_notice.answer',
      entityType: 'performance_notice',
      entityId: id,
      summary: `反馈整改通知 ${row.notice_no} 的整改情况${late ? '（逾期）' : ''}`,
      before: { status: row.status },
      after: { status: '已整改', note: input.note },
    });
  });
}

/** 通报: a notice ignored past its deadline (第四十五条、第四十六条 “拒不…的，予以通报”). */
export async function escalateNotice(deps: AppDeps, actor: Actor, id: number, input: z.infer<typeof escalateInput>) {
  requirePermission(actor, 'performance:manage');
  const now = deps.clock.now();
  const today = chinaDate(now);
  await deps.db.transaction().execute(async (trx) => {
    const row = await lockedNotice(trx, actor, id);
    if (row.status !== '待整改')
      throw new AppError('CONFLICT', `整改通知 ${row.notice_no} 当前为“${row.status}”，不能通报`, {
        status: row.status,
      });
    if (row.due_on === null || today <= row.due_on)
      throw new AppError('CONFLICT', `整改通知 ${row.notice_no} 的整改期限（${row.due_on ?? '未定'}）未过，不能通报`);
    await updateNotice(trx, id, {
      status: '已通报',
      escalated_at: now,
      escalated_by_name: actor.name,
      escalation_note: input.note,
    });
    await notify(trx, now, {
      userIds: await noticeRecipients(trx, row.department_id),
      kind: 'performance_notice',
      title: `整改通知 ${row.notice_no} 逾期未整改，予以通报`,
      body: input.note,
      link: '/performance/notices',
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'performance_notice.escalate',
      entityType: 'performance_notice',
      entityId: id,
      summary: `整改通知 ${row.notice_no} 逾期（期限 ${row.due_on}）未整改，予以通报`,
      before: { status: row.status },
      after: { status: '已通报', note: input.note },
    });
  });
}

function viewOf(actor: Actor, today: string, r: NoticeListRow) {
  const overdue = r.status === '待整改' && r.due_on !== null && today > r.due_on;
  return {
    id: r.id,
    noticeNo: r.notice_no,
    departmentId: r.department_id,
    departmentName: r.department_name,
    evaluationNo: r.evaluation_no,
    reasons: r.reasons,
    requirement: r.requirement,
    deadlineDays: r.deadline_days,
    dueOn: r.due_on,
    status: r.status,
    overdue,
    issuedAt: r.issued_at.toISOString(),
    issuedByName: r.issued_by_name,
    answeredAt: r.answered_at?.toISOString() ?? null,
    answeredByName: r.answered_by_name,
    answerNote: r.answer_note,
    answeredLate: r.answered_late,
    escalatedAt: r.escalated_at?.toISOString() ?? null,
    escalatedByName: r.escalated_by_name,
    escalationNote: r.escalation_note,
    mayAnswer: r.status === '待整改' && r.department_id === actor.departmentId,
    mayEscalate: overdue && can(actor, 'performance:manage'),
  };
}

/** The notices: a department sees its own, the evaluating department and the joint office see all. */
export async function listNotices(
  deps: AppDeps,
  actor: Actor,
  evaluationId: number | undefined,
): Promise<z.infer<typeof noticeList>> {
  requirePermission(actor, 'performance:read');
  const own = scopeOf(actor, 'performance:read') === 'all' ? null : actor.departmentId;
  const today = chinaDate(deps.clock.now());
  const rows = await listNoticeRows(deps.db, own, evaluationId ?? null);
  return { items: rows.map((r) => viewOf(actor, today, r)) };
}
