import { type Actor, departmentFilter, requireDepartmentScope } from '../auth/actor';
import { workCalendar } from '../calendar/calendar.service';
import { unlessYearMissing } from '../calendar/work-calendar';
import { notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { offsetOf, type Page } from '../shared/paging';
import { fieldLabelsOf } from './credit-fields';
import { PUBLICITY_WORKING_DAYS } from './publication-flow';
import { publicationsCsv, publicationsXlsx } from './publication-export';
import {
  exportRows,
  findPublicationView,
  overdueCounts,
  pagePublications,
  pushesOf,
  taskPenalties,
  transfersAwaitingPenalty,
} from './publication.repository';
import type { PublicationKind, PublicationState, PublicationStatus } from './publication.table';
import type { PublicationQuery } from './publication.schemas';

type Row = Awaited<ReturnType<typeof pagePublications>>['rows'][number];

/** 公示期满: a published penalty whose 公示截止期 has passed (no longer listed publicly). */
export function stateOf(status: PublicationStatus, publicityUntil: string | null, today: string): PublicationState {
  return (status === '已公示' || status === '已更新') && publicityUntil !== null && publicityUntil < today
    ? '公示期满'
    : status;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function summary(r: Row, today: string) {
  return {
    id: Number(r.id),
    kind: r.kind,
    recordId: Number(r.record_id),
    departmentName: r.department_name ?? null,
    counterpartName: r.counterpart_name,
    uscc: r.uscc,
    decidedOn: r.decided_on,
    dueOn: r.due_on,
    publicityUntil: r.publicity_until,
    state: stateOf(r.status, r.publicity_until, today),
    overdue: r.status === '待公示' && r.due_on !== null && r.due_on < today,
    late: Boolean(r.late),
    recordVersion: r.record_version,
    publishedVersion: r.published_version,
    publishedAt: iso(r.published_at),
    withdrawnReason: r.withdrawn_reason,
  };
}

export const fieldList = (kind: PublicationKind, fields: Record<string, string> | null) =>
  Object.entries(fieldLabelsOf(kind)).map(([name, label]) => ({ name, label, value: fields?.[name] ?? '' }));

/** The publications the actor may see (own department, or all for the offices), newest decision first. */
export async function listPublications(
  deps: AppDeps,
  actor: Actor,
  q: PublicationQuery,
): Promise<Page<ReturnType<typeof summary>>> {
  const today = chinaDate(deps.clock.now());
  const scope = departmentFilter(actor, 'publicity:record:read');
  const page = await pagePublications(
    deps.db,
    { ...q, departmentId: scope ?? q.departmentId ?? null, today },
    q.pageSize,
    offsetOf(q),
  );
  return { total: page.total, items: page.rows.map((r) => summary(r, today)) };
}

export async function publicationDetail(deps: AppDeps, actor: Actor, id: number) {
  const today = chinaDate(deps.clock.now());
  const r = await findPublicationView(deps.db, id);
  if (!r) throw notFound('公示记录');
  if (r.department_id !== null) requireDepartmentScope(actor, 'publicity:record:read', r.department_id);
  else if (departmentFilter(actor, 'publicity:record:read') !== null) throw notFound('公示记录');
  const pushes = await pushesOf(deps.db, id);
  return {
    ...summary(r, today),
    fields: fieldList(r.kind, r.public_fields),
    pushes: pushes.map((p) => ({
      operation: p.operation,
      version: p.version,
      createdAt: iso(p.created_at)!,
      status: p.status,
      sentAt: iso(p.sent_at),
      attempts: Number(p.attempts),
      lastError: p.last_error,
    })),
  };
}

/**
 * The overdue list: per department, records awaiting publication past due, those waiting within the deadline, late
 * publications; and penalties following an inspection (《黄浦区精准高效协同监管实施办法（试行）》第十六条第二款: collected
 * within 7 working days of the decision) with case transfers still 待归集.
 */
export async function overdueList(deps: AppDeps, actor: Actor) {
  const today = chinaDate(deps.clock.now());
  const scope = departmentFilter(actor, 'publicity:record:read');
  const calendar = await workCalendar(deps.db);
  const [counts, penalties, waiting] = await Promise.all([
    overdueCounts(deps.db, today, scope),
    taskPenalties(deps.db, { departmentId: scope }),
    transfersAwaitingPenalty(deps.db, scope),
  ]);
  const collections = [
    ...waiting.map((w) => ({
      taskNo: w.task_no,
      departmentId: w.department_id,
      departmentName: w.department_name ?? null,
      name: w.subject_name,
      decisionDocNo: null,
      decidedOn: null,
      collectedOn: null,
      dueOn: null,
      state: '待归集' as const,
    })),
    ...penalties.map((p) => {
      const dueOn = unlessYearMissing(() => calendar.addWorkingDays(p.decided_on, PUBLICITY_WORKING_DAYS));
      const collectedOn = chinaDate(new Date(p.received_at));
      return {
        taskNo: p.task_no,
        departmentId: p.department_id,
        departmentName: p.department_name ?? null,
        name: p.counterpart_name,
        decisionDocNo: p.decision_doc_no,
        decidedOn: p.decided_on,
        collectedOn,
        dueOn,
        state: dueOn !== null && collectedOn > dueOn ? ('逾期归集' as const) : ('按时归集' as const),
      };
    }),
  ];
  const departments = new Map<string, ReturnType<typeof row>>();
  function row(departmentId: number | null, departmentName: string) {
    return { departmentId, departmentName, overdue: 0, waiting: 0, late: 0, lateCollections: 0, awaitingCollection: 0 };
  }
  for (const c of counts) {
    const key = String(c.department_id);
    departments.set(key, {
      ...row(c.department_id === null ? null : Number(c.department_id), c.department_name),
      overdue: Number(c.overdue),
      waiting: Number(c.waiting),
      late: Number(c.late),
    });
  }
  for (const c of collections) {
    const key = String(c.departmentId);
    if (!departments.has(key)) departments.set(key, row(c.departmentId, c.departmentName ?? '（非本平台部门）'));
    const d = departments.get(key)!;
    if (c.state === '逾期归集') d.lateCollections += 1;
    if (c.state === '待归集') d.awaitingCollection += 1;
  }
  return {
    today,
    departments: [...departments.values()],
    collections: collections.map(({ departmentId: _, ...c }) => c),
  };
}

/** The penalties collected for a task (its page shows 行政处罚决定 …, 归集于 …, 是否在 7 个工作日内). */
export async function penaltiesOfTask(deps: AppDeps, taskNo: string) {
  const calendar = await workCalendar(deps.db);
  const rows = await taskPenalties(deps.db, { taskNo });
  return rows.map((p) => {
    const dueOn = unlessYearMissing(() => calendar.addWorkingDays(p.decided_on, PUBLICITY_WORKING_DAYS));
    const collectedOn = chinaDate(new Date(p.received_at));
    return {
      decisionDocNo: p.decision_doc_no,
      departmentName: p.department_name ?? null,
      decidedOn: p.decided_on,
      collectedOn,
      dueOn,
      onTime: dueOn === null ? null : collectedOn <= dueOn,
    };
  });
}

/** The publications (with their published fields) as CSV or XLSX, filtered by kind, department and decision dates. */
export async function exportPublications(
  deps: AppDeps,
  actor: Actor,
  q: {
    kind: PublicationKind;
    departmentId?: number;
    keyword?: string;
    from?: string;
    to?: string;
    format: 'csv' | 'xlsx';
  },
) {
  const today = chinaDate(deps.clock.now());
  const scope = departmentFilter(actor, 'publicity:record:export');
  const rows = await exportRows(deps.db, { ...q, departmentId: scope ?? q.departmentId ?? null, today });
  const fields = rows.map((r) => r.public_fields ?? {});
  const body = q.format === 'csv' ? publicationsCsv(q.kind, fields) : await publicationsXlsx(q.kind, fields);
  return { body, fileName: `双公示${q.kind}${today}.${q.format}`, rows: rows.length };
}
