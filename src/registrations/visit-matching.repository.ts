import { sql } from 'kysely';
import type { Db } from '../db/database';
import { offsetOf, type Page } from '../shared/paging';
import type { RegisteredItem } from './registration.table';
import { isProactive } from './visit-rules';
import type { MatchableVisit } from './visit-matching';
import type { ProposalQuery, ProposalView } from './visit-matching.schemas';
import type { RegistrationKind } from './registration.table';

const yearBounds = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/**
 * The visits of a year that may still be matched: active registrations and inspection tasks that
 * are neither void nor merged away, minus those already in an open or merged overlap proposal, and
 * minus proactive visits (draw tasks, routine/special/follow-up registrations) to whitelisted subjects.
 */
export async function loadMatchableVisits(
  db: Db,
  year: number,
  subjectIds: readonly number[] | null,
): Promise<MatchableVisit[]> {
  if (subjectIds && subjectIds.length === 0) return [];
  const { from, to } = yearBounds(year);
  const taken = (column: 'registration_id' | 'task_id') =>
    sql<boolean>`EXISTS (SELECT 1 FROM merge_proposal_sources ps JOIN merge_proposals p ON p.id = ps.proposal_id
      WHERE ps.${sql.ref(column)} = x.id AND p.kind = '重叠' AND p.status IN ('待答复', '已合并'))`;
  let registrations = db
    .selectFrom('inspection_registrations as x')
    .innerJoin('subjects as s', 's.id', 'x.subject_id')
    .select(['x.id', 'x.subject_id', 'x.department_id', 'x.kind', 'x.window_from', 'x.window_to', 's.whitelisted'])
    .where('x.status', '=', '有效')
    .where('x.year', '=', year)
    .where(sql<boolean>`NOT ${taken('registration_id')}`);
  let tasks = db
    .selectFrom('inspection_tasks as x')
    .innerJoin('subjects as s', 's.id', 'x.subject_id')
    .select(['x.id', 'x.subject_id', 'x.window_from', 'x.window_to', 's.whitelisted'])
    .select(
      sql<
        number[]
      >`coalesce((SELECT array_agg(DISTINCT ti.department_id) FROM inspection_task_items ti WHERE ti.task_id = x.id), '{}')`.as(
        'department_ids',
      ),
    )
    .where('x.status', 'in', ['待发布', '已发布'])
    .where('x.window_from', '>=', from)
    .where('x.window_from', '<=', to)
    .where('s.whitelisted', '=', false)
    .where(sql<boolean>`NOT ${taken('task_id')}`);
  if (subjectIds) {
    registrations = registrations.where('x.subject_id', 'in', [...subjectIds]);
    tasks = tasks.where('x.subject_id', 'in', [...subjectIds]);
  }
  const [r, t] = await Promise.all([registrations.execute(), tasks.execute()]);
  return [
    ...r
      .filter((x) => !(x.whitelisted && isProactive(x.kind as RegistrationKind)))
      .map((x) => ({
        ref: `r${x.id}`,
        subjectId: x.subject_id,
        departmentIds: [x.department_id],
        from: x.window_from,
        to: x.window_to,
      })),
    ...t.map((x) => ({
      ref: `t${x.id}`,
      subjectId: x.subject_id,
      departmentIds: x.department_ids.map(Number),
      from: x.window_from,
      to: x.window_to,
    })),
  ];
}

export async function existingMatchKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('merge_proposals')
    .select('match_key')
    .where('match_key', 'in', [...keys])
    .execute();
  return new Set(rows.map((r) => r.match_key));
}

export const refIds = (refs: readonly string[]) => ({
  registrationIds: refs.filter((r) => r.startsWith('r')).map((r) => Number(r.slice(1))),
  taskIds: refs.filter((r) => r.startsWith('t')).map((r) => Number(r.slice(1))),
});

function proposalsFiltered(db: Db, q: ProposalQuery & { scopeDepartmentId: number | null }) {
  let query = db
    .selectFrom('merge_proposals as p')
    .innerJoin('subjects as s', 's.id', 'p.subject_id')
    .leftJoin('inspection_tasks as t', 't.id', 'p.merged_task_id');
  if (q.year) query = query.where('p.year', '=', q.year);
  if (q.status) query = query.where('p.status', '=', q.status);
  for (const departmentId of [q.departmentId, q.scopeDepartmentId]) {
    if (!departmentId) continue;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('merge_proposal_parties as pp')
          .select('pp.proposal_id')
          .whereRef('pp.proposal_id', '=', 'p.id')
          .where('pp.department_id', '=', departmentId)
          .$if(q.pending === true, (w) => w.where('pp.answer', 'is', null)),
      ),
    );
  }
  if (q.pending === true) query = query.where('p.status', '=', '待答复');
  return query;
}

const proposalColumns = [
  'p.id',
  'p.proposal_no',
  'p.kind',
  'p.subject_id',
  'p.uscc',
  's.name',
  'p.year',
  'p.window_from',
  'p.window_to',
  'p.status',
  'p.outcome',
  't.task_no as merged_task_no',
  'p.created_at',
] as const;

export async function findProposals(
  db: Db,
  q: ProposalQuery & { scopeDepartmentId: number | null },
): Promise<Page<ProposalView>> {
  const base = proposalsFiltered(db, q);
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base.select(proposalColumns).orderBy('p.id', 'desc').limit(q.pageSize).offset(offsetOf(q)).execute(),
  ]);
  return { total: Number(total), items: await presentProposals(db, rows) };
}

export async function findProposal(
  db: Db,
  where: { proposalNo: string } | { ids: readonly number[] },
): Promise<ProposalView[]> {
  let query = proposalsFiltered(db, { page: 1, pageSize: 1, scopeDepartmentId: null }).select(proposalColumns);
  query =
    'proposalNo' in where
      ? query.where('p.proposal_no', '=', where.proposalNo)
      : where.ids.length
        ? query.where('p.id', 'in', [...where.ids])
        : query.where(sql<boolean>`false`);
  return presentProposals(db, await query.orderBy('p.id').execute());
}

interface ProposalRow {
  id: number;
  proposal_no: string;
  kind: ProposalView['kind'];
  subject_id: number;
  uscc: string;
  name: string;
  year: number;
  window_from: string;
  window_to: string;
  status: ProposalView['status'];
  outcome: string | null;
  merged_task_no: string | null;
  created_at: Date;
}

async function presentProposals(db: Db, rows: ProposalRow[]): Promise<ProposalView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [registrations, tasks, taskItems, parties] = await Promise.all([
    db
      .selectFrom('merge_proposal_sources as ps')
      .innerJoin('inspection_registrations as r', 'r.id', 'ps.registration_id')
      .innerJoin('departments as d', 'd.id', 'r.department_id')
      .select([
        'ps.proposal_id',
        'r.registration_no',
        'r.kind',
        'r.window_from',
        'r.window_to',
        'r.department_id',
        'd.name',
        'r.items',
      ])
      .where('ps.proposal_id', 'in', ids)
      .orderBy('r.id')
      .execute(),
    db
      .selectFrom('merge_proposal_sources as ps')
      .innerJoin('inspection_tasks as t', 't.id', 'ps.task_id')
      .select(['ps.proposal_id', 't.id', 't.task_no', 't.source', 't.window_from', 't.window_to'])
      .where('ps.proposal_id', 'in', ids)
      .orderBy('t.id')
      .execute(),
    db
      .selectFrom('merge_proposal_sources as ps')
      .innerJoin('inspection_task_items as ti', 'ti.task_id', 'ps.task_id')
      .innerJoin('departments as d', 'd.id', 'ti.department_id')
      .select(['ti.task_id', 'ti.department_id', 'd.name', 'ti.item_code', 'ti.item_name'])
      .where('ps.proposal_id', 'in', ids)
      .orderBy('ti.department_id')
      .orderBy('ti.item_code')
      .execute(),
    db
      .selectFrom('merge_proposal_parties as pp')
      .innerJoin('departments as d', 'd.id', 'pp.department_id')
      .select([
        'pp.proposal_id',
        'pp.department_id',
        'd.name',
        'pp.role',
        'pp.answer',
        'pp.reason',
        'pp.items',
        'pp.answered_at',
      ])
      .where('pp.proposal_id', 'in', ids)
      .orderBy('pp.department_id')
      .execute(),
  ]);
  const taskDepartments = (taskId: number) => {
    const out = new Map<number, { id: number; name: string; items: RegisteredItem[] }>();
    for (const it of taskItems) {
      if (it.task_id !== taskId) continue;
      const d = out.get(it.department_id) ?? { id: it.department_id, name: it.name, items: [] };
      d.items.push({ code: it.item_code, name: it.item_name });
      out.set(it.department_id, d);
    }
    return [...out.values()];
  };
  return rows.map((p) => ({
    proposalNo: p.proposal_no,
    kind: p.kind,
    subject: { id: p.subject_id, uscc: p.uscc, name: p.name },
    year: p.year,
    window: { from: p.window_from, to: p.window_to },
    status: p.status,
    outcome: p.outcome,
    mergedTaskNo: p.merged_task_no,
    createdAt: p.created_at.toISOString(),
    sources: [
      ...registrations
        .filter((r) => r.proposal_id === p.id)
        .map((r) => ({
          type: '登记' as const,
          no: r.registration_no,
          kind: r.kind,
          window: { from: r.window_from, to: r.window_to },
          departments: [{ id: r.department_id, name: r.name, items: r.items }],
        })),
      ...tasks
        .filter((t) => t.proposal_id === p.id)
        .map((t) => ({
          type: '任务' as const,
          no: t.task_no,
          kind: t.source === '抽取' ? '双随机抽取' : `${t.source}任务`,
          window: { from: t.window_from, to: t.window_to },
          departments: taskDepartments(t.id),
        })),
    ],
    // Source departments first, then the invited ones.
    parties: parties
      .filter((x) => x.proposal_id === p.id)
      .sort((a, b) => (a.role === b.role ? 0 : a.role === '来源' ? -1 : 1))
      .map((x) => ({
        department: { id: x.department_id, name: x.name },
        role: x.role,
        answer: x.answer,
        reason: x.reason,
        items: x.items,
        answeredAt: x.answered_at?.toISOString() ?? null,
      })),
  }));
}
