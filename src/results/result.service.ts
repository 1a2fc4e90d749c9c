import { readableTaskHead } from '../tasks/task-access';
import { sql } from 'kysely';
import { type Actor, departmentFilter, requirePermission, scopeOf } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { workCalendar } from '../calendar/calendar.service';
import type { Db } from '../db/database';
import { lockTaskHead, type TaskHead } from '../tasks/task-lookup.service';
import { inspectedOnSql, publicationDueOn, resultsDueOn, taskInspectedOn } from '../tasks/task-dates';
import { AppError, forbidden } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { likeContains, offsetOf, type Page } from '../shared/paging';
import type { TaskStatus, TaskTransition } from '../tasks/task-lifecycle';
import { transitionTask } from '../tasks/task-transition';
import {
  type DeadlineOverview,
  type OverviewTask,
  type PublicResult,
  type PublicResultQuery,
  type ReturnInput,
  type ReviewInput,
  type ReviewView,
} from './result.schemas';
import type { PublishedDepartment } from './result.table';
import { notify } from '../notifications/notify';
import { drawSourcesOf, planTitleOf } from '../tasks/task-draw-sources';
import { notifyResultsReturned } from '../notifications/task-events';
import { type DepartmentInspection, departmentInspections } from '../inspections/department-inspections';

const entity = 'inspection_task';

/** The department whose results are reviewed: the admin's own, or any of the task's for the joint office. */
function reviewedDepartment(actor: Actor, head: TaskHead, input: ReviewInput): number {
  const all = scopeOf(actor, 'task:result:approve') === 'all';
  const departmentId = input.departmentId ?? actor.departmentId;
  if (!all && departmentId !== actor.departmentId) throw forbidden('只能审核本部门的检查结果');
  if (!head.departmentIds.includes(departmentId)) {
    if (!all) throw forbidden('本任务没有本部门的检查事项，不能审核');
    throw new AppError('VALIDATION', '本任务没有该部门的检查事项', [
      { field: 'departmentId', message: '不是本任务的部门' },
    ]);
  }
  return departmentId;
}

/** The department's inspection awaiting review (submitted results or an off-site record); refused when there is none or it is approved. */
async function submissionOf(trx: Db, head: TaskHead, departmentId: number): Promise<DepartmentInspection> {
  const [s] = await departmentInspections(trx, [head.id], departmentId);
  if (!s) throw new AppError('CONFLICT', '该部门尚未提交检查结果，不能审核');
  const approved = await trx
    .selectFrom('result_reviews')
    .select('id')
    .where('task_id', '=', head.id)
    .where('department_id', '=', departmentId)
    .where('decision', '=', '通过')
    .executeTakeFirst();
  if (approved) throw new AppError('CONFLICT', '该部门的检查结果已审核通过');
  return s;
}

async function departmentName(trx: Db, id: number): Promise<string> {
  return (await trx.selectFrom('departments').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name;
}

interface Decision {
  trx: Db;
  actor: Actor;
  head: TaskHead;
  departmentId: number;
  s: DepartmentInspection;
  now: Date;
}

/**
 * The common part of approving and returning: the reviewer's department, the inspection under review,
 * the task row locked (two reviewers deciding at once are serialised, so a result is published once),
 * and the review row (通过 when `reason` is null, else 退回); then `then` in the same transaction.
 */
async function decide(
  deps: AppDeps,
  actor: Actor | null,
  taskNo: string,
  input: ReviewInput,
  reason: string | null,
  then: (d: Decision) => Promise<void>,
): Promise<void> {
  requirePermission(actor, 'task:result:approve');
  await deps.db.transaction().execute(async (trx) => {
    const head = await lockTaskHead(trx, taskNo);
    const departmentId = reviewedDepartment(actor, head, input);
    const s = await submissionOf(trx, head, departmentId);
    const now = deps.clock.now();
    await trx
      .insertInto('result_reviews')
      .values({
        task_id: head.id,
        department_id: departmentId,
        decision: reason === null ? '通过' : '退回',
        reason,
        submitted_at: s.submittedAt,
        decided_by: actor.userId,
        decided_by_name: actor.name,
        decided_at: now,
      })
      .execute();
    await then({ trx, actor, head, departmentId, s, now });
  });
}

/**
 * A department admin (the joint office for any department) approves a department's submitted results.
 * When every department of the task has approved, the task becomes 已办结 and its result is published.
 */
export async function approveResults(
  deps: AppDeps,
  actor: Actor | null,
  taskNo: string,
  input: ReviewInput,
): Promise<ReviewView> {
  await decide(deps, actor, taskNo, input, null, async ({ trx, actor, head, departmentId, s, now }) => {
    const name = await departmentName(trx, departmentId);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'result.approve',
      entityType: entity,
      entityId: taskNo,
      summary: `${actor.name} 审核通过检查任务 ${taskNo} ${name}的${s.offsite ? '非现场' : ''}检查结果（${s.overall}）`,
      after: { departmentId, decision: '通过', overall: s.overall, offsite: s.offsite },
    });
    const approved = await trx
      .selectFrom('result_reviews')
      .select('department_id')
      .where('task_id', '=', head.id)
      .where('decision', '=', '通过')
      .execute();
    if (head.departmentIds.every((d) => approved.some((a) => Number(a.department_id) === d)))
      await publish(deps, trx, actor, head, now);
  });
  return reviewOf(deps, actor, taskNo);
}

/** Writes the public result row and closes the task (已办结). */
async function publish(deps: AppDeps, trx: Db, actor: Actor, head: TaskHead, now: Date): Promise<void> {
  const task = await trx
    .selectFrom('inspection_tasks as t')
    .innerJoin('subjects as s', 's.id', 't.subject_id')
    .leftJoin('special_plans as sp', 'sp.id', 't.special_plan_id')
    .select(['t.uscc', 's.name', 'sp.title as special_plan_title'])
    .where('t.id', '=', head.id)
    .executeTakeFirstOrThrow();
  // The random-check plan(s) the task came from, or the special plan it carries out.
  const planTitle = planTitleOf(await drawSourcesOf(trx, [head.id]), head.id) ?? task.special_plan_title;
  const visit = await trx
    .selectFrom('inspection_visits')
    .select('checked_in_on')
    .where('task_id', '=', head.id)
    .executeTakeFirst();
  const inspections = await departmentInspections(trx, [head.id]);
  const inspectedOn = taskInspectedOn(
    visit?.checked_in_on ?? null,
    inspections.map((i) => i.inspectedOn),
  )!;
  const [items, departments] = await Promise.all([
    trx
      .selectFrom('inspection_task_items')
      .select(['department_id', 'item_name'])
      .where('task_id', '=', head.id)
      .orderBy('department_id')
      .orderBy('item_code')
      .execute(),
    trx.selectFrom('departments').select(['id', 'name']).where('id', 'in', head.departmentIds).execute(),
  ]);
  const published: PublishedDepartment[] = head.departmentIds.map((id) => ({
    name: departments.find((d) => Number(d.id) === id)!.name,
    items: items.filter((i) => Number(i.department_id) === id).map((i) => i.item_name),
    result: inspections.find((s) => s.departmentId === id)!.overall === '发现问题' ? '发现问题' : '未发现问题',
  }));
  const today = chinaDate(now);
  // A deadline in a year whose holiday notice is not loaded yet is stored as unknown (null), not refused.
  const calendar = await workCalendar(trx);
  const due = publicationDueOn(calendar, inspectedOn);
  const late = due !== null && today > due;
  await trx
    .insertInto('published_results')
    .values({
      task_id: head.id,
      task_no: head.taskNo,
      subject_name: task.name,
      uscc: task.uscc,
      plan_title: planTitle,
      inspected_on: inspectedOn,
      departments: JSON.stringify(published),
      published_at: now,
      published_on: today,
      publish_due_on: due,
      late,
    })
    .execute();
  await transitionTask({ trx, deps, now, who: auditSubjectOf(actor) }, head.id, 'close');
  await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
    action: 'result.publish',
    entityType: entity,
    entityId: head.taskNo,
    summary: `检查任务 ${head.taskNo} 各部门结果均已审核通过，任务办结，结果公告已发布${late ? `（逾期发布，期限 ${due}）` : ''}${due === null ? `（${inspectedOn.slice(0, 4)} 年后的节假日安排未载入，公示期限暂不能计算）` : ''}`,
    after: { inspectedOn, publishDueOn: due, late, departments: published },
  });
}

/** Where a 已检查 task goes back to when a department's results are returned: 检查中 after a check-in, else 已排期 or 已发布. */
async function reopening(trx: Db, taskId: number): Promise<TaskTransition> {
  const visit = await trx
    .selectFrom('inspection_visits')
    .select('checked_in_at')
    .where('task_id', '=', taskId)
    .executeTakeFirst();
  return visit?.checked_in_at ? 'reopenInProgress' : visit ? 'reopenScheduled' : 'reopenPublished';
}

/** An off-site record as it stood, for the audit entry of its return. */
async function offsiteEvidence(trx: Db, taskId: number, departmentId: number) {
  const [head, results] = await Promise.all([
    trx
      .selectFrom('offsite_inspections')
      .select(['method', 'data_source', 'conducted_on', 'recorded_by', 'recorded_by_name'])
      .where('task_id', '=', taskId)
      .where('department_id', '=', departmentId)
      .executeTakeFirstOrThrow(),
    trx
      .selectFrom('offsite_results')
      .select(['check_item_id', 'item_code', 'result', 'notes'])
      .where('task_id', '=', taskId)
      .where('department_id', '=', departmentId)
      .orderBy('check_item_id')
      .execute(),
  ]);
  return {
    method: head.method,
    dataSource: head.data_source,
    conductedOn: head.conducted_on,
    recordedById: Number(head.recorded_by),
    recordedBy: head.recorded_by_name,
    results,
  };
}

/** Returns a department's submitted results with a reason: the submission is withdrawn so the inspector can correct and resubmit. */
export async function returnResults(
  deps: AppDeps,
  actor: Actor | null,
  taskNo: string,
  input: ReturnInput,
): Promise<ReviewView> {
  await decide(deps, actor, taskNo, input, input.reason, async ({ trx, actor, head, departmentId, s, now }) => {
    const offsiteRecord = s.offsite ? await offsiteEvidence(trx, head.id, departmentId) : null;
    if (s.offsite) {
      // The off-site record is withdrawn so the department can record it again; the audit entry keeps what it said.
      await trx
        .deleteFrom('offsite_results')
        .where('task_id', '=', head.id)
        .where('department_id', '=', departmentId)
        .execute();
      await trx
        .deleteFrom('offsite_inspections')
        .where('task_id', '=', head.id)
        .where('department_id', '=', departmentId)
        .execute();
    } else {
      await trx
        .deleteFrom('inspection_submissions')
        .where('task_id', '=', head.id)
        .where('department_id', '=', departmentId)
        .execute();
    }
    if (head.status === '已检查')
      await transitionTask({ trx, deps, now, who: auditSubjectOf(actor) }, head.id, await reopening(trx, head.id), {
        note: input.reason,
      });
    // Whoever has to correct it is told: the department's inspectors on the task, or whoever recorded the off-site check.
    if (offsiteRecord) {
      await notify(trx, now, {
        userIds: [offsiteRecord.recordedById],
        kind: 'results_returned',
        taskNo,
        link: `/inspection-records?taskNo=${encodeURIComponent(taskNo)}`,
        title: `检查任务 ${taskNo} 的非现场检查被退回`,
        body: `退回理由：${input.reason}。请重新录入非现场检查。`,
      });
    } else {
      await notifyResultsReturned(trx, now, { taskId: head.id, taskNo, departmentId, reason: input.reason });
    }
    const name = await departmentName(trx, departmentId);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'result.return',
      entityType: entity,
      entityId: taskNo,
      summary: `${actor.name} 退回检查任务 ${taskNo} ${name}的${s.offsite ? '非现场' : ''}检查结果，理由：${input.reason}`,
      before: {
        departmentId,
        overall: s.overall,
        offsite: s.offsite,
        submittedAt: s.submittedAt.toISOString(),
        ...(offsiteRecord ? { offsiteRecord } : {}),
      },
      after: { departmentId, decision: '退回', reason: input.reason },
    });
  });
  return reviewOf(deps, actor, taskNo);
}

/** Each department's submission and latest review decision, to anyone who may read the task. */
export async function reviewOf(deps: AppDeps, actor: Actor | null, taskNo: string): Promise<ReviewView> {
  const head = await readableTaskHead(deps.db, actor, taskNo);
  const [departments, submissions, reviews, published] = await Promise.all([
    deps.db
      .selectFrom('departments')
      .select(['id', 'name'])
      .where('id', 'in', head.departmentIds.length ? head.departmentIds : [0])
      .orderBy('id')
      .execute(),
    departmentInspections(deps.db, [head.id]),
    deps.db.selectFrom('result_reviews').selectAll().where('task_id', '=', head.id).orderBy('id', 'desc').execute(),
    deps.db.selectFrom('published_results').select('id').where('task_id', '=', head.id).executeTakeFirst(),
  ]);
  return {
    taskNo,
    status: head.status,
    published: !!published,
    departments: departments.map((d) => {
      const r = reviews.find((x) => Number(x.department_id) === Number(d.id));
      return {
        id: Number(d.id),
        name: d.name,
        submitted: submissions.some((s) => s.departmentId === Number(d.id)),
        offsite: submissions.some((s) => s.departmentId === Number(d.id) && s.offsite),
        decision: r?.decision ?? null,
        reason: r?.reason ?? null,
        decidedBy: r?.decided_by_name ?? null,
        decidedAt: r ? new Date(r.decided_at).toISOString() : null,
      };
    }),
  };
}

/** The results announcement (结果公告): published results, newest first; keyword by name or USCC. */
export async function listPublicResults(deps: AppDeps, q: PublicResultQuery): Promise<Page<PublicResult>> {
  let base = deps.db.selectFrom('published_results');
  if (q.keyword)
    base = base.where((eb) =>
      eb.or([eb('subject_name', 'like', likeContains(q.keyword!)), eb('uscc', '=', q.keyword!.toUpperCase())]),
    );
  const [rows, total] = await Promise.all([
    base
      .select(['task_no', 'subject_name', 'uscc', 'plan_title', 'inspected_on', 'departments', 'published_at'])
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(q.pageSize)
      .offset(offsetOf(q))
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      taskNo: r.task_no,
      subjectName: r.subject_name,
      uscc: r.uscc,
      planTitle: r.plan_title,
      inspectedOn: r.inspected_on,
      departments: JSON.parse(r.departments) as PublishedDepartment[],
      publishedAt: new Date(r.published_at).toISOString(),
    })),
  };
}

/**
 * Deadlines per department (《黄浦区精准高效协同监管实施办法（试行）》第十六条: results within 7 working days of the inspection; 《浦东新区“六个双”政府综合监管实施办法（暂行）》第二十七条:
 * published within 20): tasks awaiting results, awaiting approval, awaiting publication, and published late.
 */
export async function deadlineOverview(deps: AppDeps, actor: Actor | null): Promise<DeadlineOverview> {
  requirePermission(actor, 'task:task:read');
  const only = departmentFilter(actor, 'task:task:read');
  const today = chinaDate(deps.clock.now());
  const cal = await workCalendar(deps.db);
  // The inspection date and deadlines of src/tasks/task-dates.ts; tasks nobody has inspected yet are not listed. A deadline
  // falling in a year whose holidays are not loaded yet is shown as unknown, not an error for the whole list.
  let open = deps.db
    .selectFrom('inspection_tasks as t')
    .innerJoin('subjects as s', 's.id', 't.subject_id')
    .innerJoin('inspection_task_items as ti', 'ti.task_id', 't.id')
    .select(['t.id', 't.task_no', 's.name', 'ti.department_id', sql<string>`${inspectedOnSql}`.as('checked_in_on')])
    .distinct()
    .where('t.status', 'in', ['已发布', '已排期', '检查中', '已检查'] satisfies TaskStatus[])
    .where(sql<boolean>`${inspectedOnSql} IS NOT NULL`);
  if (only !== null) open = open.where('ti.department_id', '=', only);
  let late = deps.db
    .selectFrom('published_results as p')
    .innerJoin('inspection_task_items as ti', 'ti.task_id', 'p.task_id')
    .select(['p.task_no', 'p.subject_name', 'p.inspected_on', 'p.publish_due_on', 'ti.department_id'])
    .distinct()
    .where('p.late', '=', true)
    .orderBy('p.publish_due_on', 'desc')
    .limit(1000);
  if (only !== null) late = late.where('ti.department_id', '=', only);
  const [rows, lateRows] = await Promise.all([
    open.orderBy('checked_in_on').orderBy('t.id').limit(5000).execute(),
    late.execute(),
  ]);
  const taskIds = [...new Set(rows.map((r) => Number(r.id)))];
  const [inspections, approvals] = taskIds.length
    ? await Promise.all([
        departmentInspections(deps.db, taskIds).then((list) =>
          list.map((i) => ({ task_id: i.taskId, department_id: i.departmentId })),
        ),
        deps.db
          .selectFrom('result_reviews')
          .select(['task_id', 'department_id'])
          .where('decision', '=', '通过')
          .where('task_id', 'in', taskIds)
          .execute(),
      ])
    : [[], []];
  const has = (list: { task_id: number; department_id: number }[], task: number, dept: number) =>
    list.some((x) => Number(x.task_id) === task && Number(x.department_id) === dept);
  const deptIds = [
    ...new Set([
      ...rows.map((r) => Number(r.department_id)),
      ...lateRows.map((r) => Number(r.department_id)),
      ...(only !== null ? [only] : []),
    ]),
  ];
  const names = deptIds.length
    ? await deps.db.selectFrom('departments').select(['id', 'name']).where('id', 'in', deptIds).orderBy('id').execute()
    : [];
  return {
    today,
    departments: names.map((d) => {
      const id = Number(d.id);
      const mine = rows.filter((r) => Number(r.department_id) === id);
      const task = (r: (typeof rows)[number], dueOf: typeof resultsDueOn): OverviewTask => {
        const dueOn = dueOf(cal, r.checked_in_on!);
        return {
          taskNo: r.task_no,
          subjectName: r.name,
          inspectedOn: r.checked_in_on!,
          dueOn,
          overdue: dueOn !== null && today > dueOn,
        };
      };
      const awaitingResults = mine.filter((r) => !has(inspections, Number(r.id), id)).map((r) => task(r, resultsDueOn));
      const awaitingApproval = mine
        .filter((r) => has(inspections, Number(r.id), id) && !has(approvals, Number(r.id), id))
        .map((r) => task(r, resultsDueOn));
      const awaitingPublication = mine.map((r) => task(r, publicationDueOn));
      const publishedLate = lateRows
        .filter((r) => Number(r.department_id) === id)
        .map((r) => ({
          taskNo: r.task_no,
          subjectName: r.subject_name,
          inspectedOn: r.inspected_on,
          dueOn: r.publish_due_on,
          overdue: true,
        }));
      return {
        id,
        name: d.name,
        awaitingResults,
        awaitingApproval,
        awaitingPublication,
        publishedLate,
        counts: {
          awaitingResults: awaitingResults.length,
          resultsOverdue: awaitingResults.filter((x) => x.overdue).length,
          awaitingApproval: awaitingApproval.length,
          awaitingPublication: awaitingPublication.length,
          publicationOverdue: awaitingPublication.filter((x) => x.overdue).length,
          publishedLate: publishedLate.length,
        },
      };
    }),
  };
}
