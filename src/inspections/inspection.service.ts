import { readableTaskHead, requireTaskAction } from '../tasks/task-access';
import { type Actor, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { workCalendar } from '../calendar/calendar.service';
import { resultsDueOn } from '../tasks/task-dates';
import { departmentInspections } from './department-inspections';
import type { Db } from '../db/database';
import { kickOutbox } from '../notifications/dispatcher';
import { notifyVisitScheduled } from '../notifications/task-events';
import { AppError, forbidden, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { findTask } from '../tasks/task-lookup.service';
import { assertAllowed, workingStatuses } from '../tasks/task-lifecycle';
import { transitionTask } from '../tasks/task-transition';
import {
  type CheckEntry,
  type InspectionView,
  type MyInspections,
  PHOTO_MAX_BYTES,
  photoTypes,
  type ResultInput,
  type ScheduleInput,
  type SubmitInput,
} from './inspection.schemas';
import { taskChecks } from './inspection.repository';
import { inspectorOfUser } from '../inspectors/inspector-lookup.service';
import { assignmentOf, lockTaskHead, type TaskHead } from '../tasks/task-lookup.service';

const entity = 'inspection_task';

/**
 * Sets the visit date within the task's window (已发布 → 已排期). Changing it again is 改期 and needs a
 * reason; every setting is kept in inspection_visit_changes and written to the audit trail.
 */
export async function scheduleVisit(
  deps: AppDeps,
  actor: Actor | null,
  taskNo: string,
  input: ScheduleInput,
): Promise<InspectionView> {
  requirePermission(actor, 'task:task:write');
  await deps.db.transaction().execute(async (trx) => {
    const head = await lockTaskHead(trx, taskNo);
    requireTaskAction(actor, 'task:task:write', head.departmentIds, '只能为有本部门检查事项的任务排期');
    // Setting the date again (改期) keeps the task 已排期; a first date takes it from 已发布 through the lifecycle.
    if (head.status !== '已排期') assertAllowed(taskNo, head.status, 'schedule');
    const now = deps.clock.now();
    const today = chinaDate(now);
    if (input.visitOn < head.windowFrom || input.visitOn > head.windowTo) {
      throw new AppError('VALIDATION', `检查日期应在检查期 ${head.windowFrom} 至 ${head.windowTo} 之内`, [
        { field: 'visitOn', message: '不在检查期内' },
      ]);
    }
    if (input.visitOn < today)
      throw new AppError('VALIDATION', '检查日期不能早于今天', [{ field: 'visitOn', message: '早于今天' }]);
    const existing = await trx
      .selectFrom('inspection_visits')
      .select('visit_on')
      .where('task_id', '=', head.id)
      .executeTakeFirst();
    if (existing?.visit_on === input.visitOn) throw new AppError('CONFLICT', `检查日期已是 ${input.visitOn}`);
    const reason = input.reason?.trim() || null;
    if (existing && !reason)
      throw new AppError('VALIDATION', '改期须说明理由', [{ field: 'reason', message: '请填写改期理由' }]);
    if (existing)
      await trx
        .updateTable('inspection_visits')
        .set({ visit_on: input.visitOn, updated_at: now })
        .where('task_id', '=', head.id)
        .execute();
    else
      await trx
        .insertInto('inspection_visits')
        .values({
          task_id: head.id,
          visit_on: input.visitOn,
          checked_in_at: null,
          checked_in_on: null,
          checked_in_by: null,
          updated_at: now,
        })
        .execute();
    await trx
      .insertInto('inspection_visit_changes')
      .values({
        task_id: head.id,
        previous_on: existing?.visit_on ?? null,
        visit_on: input.visitOn,
        reason,
        changed_by: actor.userId,
        changed_by_name: actor.name,
        changed_at: now,
      })
      .execute();
    if (head.status !== '已排期')
      await transitionTask({ trx, deps, now, who: auditSubjectOf(actor) }, head.id, 'schedule');
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: existing ? 'inspection.reschedule' : 'inspection.schedule',
      entityType: entity,
      entityId: taskNo,
      summary: existing
        ? `检查任务 ${taskNo} 改期：${existing.visit_on} → ${input.visitOn}，理由：${reason}`
        : `检查任务 ${taskNo} 排期于 ${input.visitOn}`,
      before: existing ? { visitOn: existing.visit_on } : null,
      after: { visitOn: input.visitOn, reason },
    });
    await notifyVisitScheduled(trx, now, {
      taskId: head.id,
      taskNo,
      visitOn: input.visitOn,
      previousOn: existing?.visit_on ?? null,
      reason,
    });
  });
  kickOutbox(deps);
  return getInspection(deps, actor, taskNo);
}

interface Recorder {
  actor: Actor;
  inspector: { id: number; name: string; departmentId: number };
  head: TaskHead;
  departmentId: number;
}

/** Only an inspector assigned to the task records on it, for the department they were assigned for. */
async function recorderOf(trx: Db, actor: Actor | null, taskNo: string): Promise<Recorder> {
  requirePermission(actor, 'task:result:write');
  const inspector = await inspectorOfUser(trx, actor.userId);
  if (!inspector) throw forbidden('当前账号未关联执法检查人员');
  const head = await lockTaskHead(trx, taskNo);
  const departmentId = await assignmentOf(trx, head.id, inspector.id);
  if (departmentId === null) throw forbidden('只有本任务的执法检查人员可以操作');
  return { actor, inspector, head, departmentId };
}

/** The results deadline; null (unknown, never late) while the holiday notice of the year it falls in is not loaded. */
async function dueOf(trx: Db, checkedInOn: string): Promise<string | null> {
  const calendar = await workCalendar(trx);
  return resultsDueOn(calendar, checkedInOn);
}

/** Check-in on site: records the time; the inspection date counts from here (已发布/已排期 → 检查中). */
export async function checkIn(deps: AppDeps, actor: Actor | null, taskNo: string): Promise<InspectionView> {
  await deps.db.transaction().execute(async (trx) => {
    const r = await recorderOf(trx, actor, taskNo);
    if (r.head.status === '检查中' || r.head.status === '已检查') throw new AppError('CONFLICT', '本任务已签到');
    assertAllowed(taskNo, r.head.status, 'checkIn');
    const now = deps.clock.now();
    const today = chinaDate(now);
    if (today < r.head.windowFrom || today > r.head.windowTo) {
      throw new AppError(
        'CONFLICT',
        `今天（${today}）不在本任务的检查期 ${r.head.windowFrom} 至 ${r.head.windowTo} 之内，不能签到`,
      );
    }
    const existing = await trx
      .selectFrom('inspection_visits')
      .select('visit_on')
      .where('task_id', '=', r.head.id)
      .executeTakeFirst();
    if (existing)
      await trx
        .updateTable('inspection_visits')
        .set({ checked_in_at: now, checked_in_on: today, checked_in_by: r.inspector.id, updated_at: now })
        .where('task_id', '=', r.head.id)
        .execute();
    else
      await trx
        .insertInto('inspection_visits')
        .values({
          task_id: r.head.id,
          visit_on: today,
          checked_in_at: now,
          checked_in_on: today,
          checked_in_by: r.inspector.id,
          updated_at: now,
        })
        .execute();
    await transitionTask({ trx, deps, now, who: auditSubjectOf(r.actor) }, r.head.id, 'checkIn');
    const due = await dueOf(trx, today);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(r.actor), {
      action: 'inspection.check_in',
      entityType: entity,
      entityId: taskNo,
      summary: `${r.inspector.name} 在检查任务 ${taskNo} 签到${existing && existing.visit_on !== today ? `（排期 ${existing.visit_on}）` : ''}，结果录入期限 ${due ?? '待节假日安排载入后确定'}`,
      after: { checkedInAt: now.toISOString(), checkedInOn: today, dueOn: due },
    });
  });
  return getInspection(deps, actor, taskNo);
}

async function recordingContext(trx: Db, actor: Actor | null, taskNo: string, checkItemId: number) {
  const r = await recorderOf(trx, actor, taskNo);
  if (r.head.status !== '检查中')
    throw new AppError(
      'CONFLICT',
      r.head.status === '已检查' ? '本任务已提交检查结果' : `任务${r.head.status}，请先签到`,
    );
  const check = (await taskChecks(trx, r.head.id)).find((c) => c.checkItemId === checkItemId);
  if (!check) throw notFound(`本任务的检查事项 ${checkItemId} `);
  if (check.departmentId !== r.departmentId) throw forbidden('只能录入本部门检查事项的结果');
  const submitted = await trx
    .selectFrom('inspection_submissions')
    .select('task_id')
    .where('task_id', '=', r.head.id)
    .where('department_id', '=', r.departmentId)
    .executeTakeFirst();
  if (submitted) throw new AppError('CONFLICT', '本部门已提交检查结果，不能再修改');
  await refuseIfOffsite(trx, r.head.id, r.departmentId);
  const visit = await trx
    .selectFrom('inspection_visits')
    .select('checked_in_on')
    .where('task_id', '=', r.head.id)
    .executeTakeFirstOrThrow();
  return { ...r, check, checkedInOn: visit.checked_in_on! };
}

/**
 * One result per check item (符合 / 不符合 / 不适用 with notes); saving again replaces it, so a resent
 * entry is harmless. An entry made after the 7th working day from check-in is kept and marked late.
 */
export async function recordResult(
  deps: AppDeps,
  actor: Actor | null,
  taskNo: string,
  checkItemId: number,
  input: ResultInput,
): Promise<CheckEntry> {
  await deps.db.transaction().execute(async (trx) => {
    const c = await recordingContext(trx, actor, taskNo, checkItemId);
    const now = deps.clock.now();
    const due = await dueOf(trx, c.checkedInOn);
    const late = due !== null && chinaDate(now) > due;
    const before = await trx
      .selectFrom('inspection_results')
      .select(['result', 'notes'])
      .where('task_id', '=', c.head.id)
      .where('check_item_id', '=', checkItemId)
      .executeTakeFirst();
    const values = {
      result: input.result,
      notes: input.notes,
      recorded_by: c.inspector.id,
      recorded_at: now,
      late,
      department_id: c.departmentId,
      item_code: c.check.itemCode,
    };
    if (before)
      await trx
        .updateTable('inspection_results')
        .set(values)
        .where('task_id', '=', c.head.id)
        .where('check_item_id', '=', checkItemId)
        .execute();
    else
      await trx
        .insertInto('inspection_results')
        .values({ task_id: c.head.id, check_item_id: checkItemId, ...values })
        .execute();
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(c.actor), {
      action: 'inspection.result',
      entityType: entity,
      entityId: taskNo,
      summary: `${c.inspector.name} 录入检查结果：${c.check.content.slice(0, 40)} —— ${input.result}${late ? `（逾期录入，期限 ${due}）` : ''}`,
      before: before ? { checkItemId, result: before.result, notes: before.notes } : null,
      after: { checkItemId, result: input.result, notes: input.notes, late },
    });
  });
  const view = await getInspection(deps, actor, taskNo);
  return view.departments.flatMap((d) => d.checks).find((e) => e.checkItemId === checkItemId)!;
}

/** Whether the bytes start the way the declared image type does (evidence is served back as that type). */
function looksLike(contentType: string, data: Buffer): boolean {
  const ascii = (from: number, to: number) => data.subarray(from, to).toString('latin1');
  switch (contentType) {
    case 'image/jpeg':
      return data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
    case 'image/png':
      return data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    case 'image/gif':
      return ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a';
    case 'image/webp':
      return ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP';
    case 'image/heic':
      return ascii(4, 8) === 'ftyp' && /^(heic|heix|hevc|heim|heis|mif1|msf1)$/.test(ascii(8, 12));
    default:
      return false;
  }
}

/** Photo evidence for a check item: images only, at most 5 MB, stored in the database. */
export async function addPhoto(
  deps: AppDeps,
  actor: Actor | null,
  taskNo: string,
  checkItemId: number,
  file: { fileName: string; contentType: string; data: Buffer },
): Promise<{ id: number; fileName: string; size: number }> {
  if (!(photoTypes as readonly string[]).includes(file.contentType))
    throw new AppError(
      'BAD_FILE',
      `只能上传图片（JPEG、PNG、WebP、GIF、HEIC），收到的是 ${file.contentType || '未知类型'}`,
      [{ field: 'file', message: '不是图片' }],
    );
  if (file.data.length === 0)
    throw new AppError('BAD_FILE', '上传的图片是空文件', [{ field: 'file', message: '空文件' }]);
  if (file.data.length > PHOTO_MAX_BYTES)
    throw new AppError('BAD_FILE', '图片不能超过 5 MB', [{ field: 'file', message: '超过 5 MB' }]);
  if (!looksLike(file.contentType, file.data))
    throw new AppError('BAD_FILE', `文件内容不是 ${file.contentType} 图片，请上传拍摄的照片原图`, [
      { field: 'file', message: '内容与图片类型不符' },
    ]);
  const fileName = file.fileName.slice(-120) || 'photo';
  return deps.db.transaction().execute(async (trx) => {
    const c = await recordingContext(trx, actor, taskNo, checkItemId);
    const now = deps.clock.now();
    const row = await trx
      .insertInto('inspection_photos')
      .values({
        task_id: c.head.id,
        check_item_id: checkItemId,
        department_id: c.departmentId,
        file_name: fileName,
        content_type: file.contentType,
        size: file.data.length,
        data: file.data,
        uploaded_by: c.inspector.id,
        uploaded_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(c.actor), {
      action: 'inspection.photo',
      entityType: entity,
      entityId: taskNo,
      summary: `${c.inspector.name} 上传检查照片 ${fileName}（${Math.ceil(file.data.length / 1024)} KB）：${c.check.content.slice(0, 40)}`,
      after: { checkItemId, photoId: Number(row.id), size: file.data.length, contentType: file.contentType },
    });
    return { id: Number(row.id), fileName, size: file.data.length };
  });
}

/** A photo, to anyone who may read the task. */
export async function getPhoto(
  deps: AppDeps,
  actor: Actor | null,
  id: number,
): Promise<{ contentType: string; data: Buffer }> {
  requirePermission(actor, 'task:task:read');
  const row = await deps.db
    .selectFrom('inspection_photos as p')
    .innerJoin('inspection_tasks as t', 't.id', 'p.task_id')
    .select(['t.task_no', 'p.content_type', 'p.data'])
    .where('p.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('照片');
  await getInspection(deps, actor, row.task_no);
  return { contentType: row.content_type, data: Buffer.from(row.data) };
}

/** A department that recorded an off-site check of the task does not also record on site (one inspection per department). */
async function refuseIfOffsite(trx: Db, taskId: number, departmentId: number): Promise<void> {
  const off = await trx
    .selectFrom('offsite_inspections')
    .select('conducted_on')
    .where('task_id', '=', taskId)
    .where('department_id', '=', departmentId)
    .executeTakeFirst();
  if (off)
    throw new AppError(
      'CONFLICT',
      `本部门已于 ${off.conducted_on} 录入非现场检查，不能再录入现场检查结果（如需改为现场检查，请先由部门退回非现场检查）`,
    );
}

/** Whether every department of the task has inspected it, on site (submitted) or off site. */
export async function everyDepartmentInspected(
  trx: Db,
  taskId: number,
  departmentIds: readonly number[],
): Promise<boolean> {
  const inspected = await departmentInspections(trx, [taskId]);
  return departmentIds.every((d) => inspected.some((i) => i.departmentId === d));
}

/**
 * The inspector submits the department's results once every check item has one. The task becomes
 * 已检查 when every department on it has submitted. Late when after the 7th working day from check-in.
 */
export async function submitResults(
  deps: AppDeps,
  actor: Actor | null,
  taskNo: string,
  input: SubmitInput,
): Promise<InspectionView> {
  await deps.db.transaction().execute(async (trx) => {
    const r = await recorderOf(trx, actor, taskNo);
    if (r.head.status !== '检查中')
      throw new AppError(
        'CONFLICT',
        r.head.status === '已检查' ? '本任务已提交检查结果' : `任务${r.head.status}，请先签到`,
      );
    const already = await trx
      .selectFrom('inspection_submissions')
      .select('task_id')
      .where('task_id', '=', r.head.id)
      .where('department_id', '=', r.departmentId)
      .executeTakeFirst();
    if (already) throw new AppError('CONFLICT', '本部门已提交检查结果');
    await refuseIfOffsite(trx, r.head.id, r.departmentId);
    const checks = (await taskChecks(trx, r.head.id)).filter((c) => c.departmentId === r.departmentId);
    const results = await trx
      .selectFrom('inspection_results')
      .select(['check_item_id', 'result'])
      .where('task_id', '=', r.head.id)
      .where('department_id', '=', r.departmentId)
      .execute();
    const byCheck = new Map(results.map((x) => [Number(x.check_item_id), x.result]));
    const missing = checks.filter((c) => !byCheck.has(c.checkItemId));
    if (missing.length) {
      throw new AppError(
        'VALIDATION',
        `还有 ${missing.length} 个检查事项没有录入结果：${missing
          .slice(0, 3)
          .map((c) => c.content.slice(0, 20))
          .join('；')}${missing.length > 3 ? '……' : ''}`,
        missing.map((c) => ({ field: `checks.${c.checkItemId}`, message: '未录入结果' })),
      );
    }
    const now = deps.clock.now();
    const today = chinaDate(now);
    const promised = input.feedbackPromisedOn ?? null;
    if (promised && promised < today)
      throw new AppError('VALIDATION', '反馈单承诺送达日期不能早于今天', [
        { field: 'feedbackPromisedOn', message: '早于今天' },
      ]);
    const visit = await trx
      .selectFrom('inspection_visits')
      .select('checked_in_on')
      .where('task_id', '=', r.head.id)
      .executeTakeFirstOrThrow();
    const due = await dueOf(trx, visit.checked_in_on!);
    const late = due !== null && today > due;
    const overall = [...byCheck.values()].includes('不符合') ? ('发现问题' as const) : ('符合' as const);
    await trx
      .insertInto('inspection_submissions')
      .values({
        task_id: r.head.id,
        department_id: r.departmentId,
        overall,
        feedback_promised_on: promised,
        submitted_by: r.inspector.id,
        submitted_at: now,
        due_on: due,
        late,
      })
      .execute();
    const done = await everyDepartmentInspected(trx, r.head.id, r.head.departmentIds);
    if (done) await transitionTask({ trx, deps, now, who: auditSubjectOf(r.actor) }, r.head.id, 'complete');
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(r.actor), {
      action: 'inspection.submit',
      entityType: entity,
      entityId: taskNo,
      summary: `${r.inspector.name} 提交检查结果：${overall}，${checks.length} 项${late ? `，逾期录入（期限 ${due}）` : ''}${promised ? `，反馈单承诺于 ${promised} 前送达` : '，反馈单当场送达'}${done ? '；各部门均已提交，任务已检查' : ''}`,
      after: { departmentId: r.departmentId, overall, late, dueOn: due, feedbackPromisedOn: promised, taskDone: done },
    });
  });
  return getInspection(deps, actor, taskNo);
}

/** The task with its visit, check items and results per department, to anyone who may read the task. */
export async function getInspection(deps: AppDeps, actor: Actor | null, taskNo: string): Promise<InspectionView> {
  requirePermission(actor, 'task:task:read');
  const head = await readableTaskHead(deps.db, actor, taskNo);
  const task = (await findTask(deps.db, taskNo))!;
  const inspector = await inspectorOfUser(deps.db, actor.userId);
  const myDepartmentId = inspector ? await assignmentOf(deps.db, head.id, inspector.id) : null;
  const db = deps.db;
  const [visit, changes, checks, results, photos, submissions] = await Promise.all([
    db
      .selectFrom('inspection_visits as v')
      .leftJoin('inspectors as i', 'i.id', 'v.checked_in_by')
      .select(['v.visit_on', 'v.checked_in_at', 'v.checked_in_on', 'i.name'])
      .where('v.task_id', '=', head.id)
      .executeTakeFirst(),
    db.selectFrom('inspection_visit_changes').selectAll().where('task_id', '=', head.id).orderBy('id').execute(),
    taskChecks(db, head.id),
    db.selectFrom('inspection_results').selectAll().where('task_id', '=', head.id).execute(),
    db
      .selectFrom('inspection_photos')
      .select(['id', 'check_item_id', 'file_name', 'size'])
      .where('task_id', '=', head.id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('inspection_submissions as s')
      .innerJoin('inspectors as i', 'i.id', 's.submitted_by')
      .select([
        's.department_id',
        's.overall',
        's.feedback_promised_on',
        's.submitted_at',
        's.due_on',
        's.late',
        'i.name',
      ])
      .where('s.task_id', '=', head.id)
      .execute(),
  ]);
  const dueOn = visit?.checked_in_on ? await dueOf(db, visit.checked_in_on) : null;
  return {
    task,
    visit: {
      visitOn: visit?.visit_on ?? null,
      checkedInAt: visit?.checked_in_at ? new Date(visit.checked_in_at).toISOString() : null,
      checkedInOn: visit?.checked_in_on ?? null,
      checkedInBy: visit?.name ?? null,
      dueOn,
      changes: changes.map((c) => ({
        previousOn: c.previous_on,
        visitOn: c.visit_on,
        reason: c.reason,
        changedBy: c.changed_by_name,
        changedAt: new Date(c.changed_at).toISOString(),
      })),
    },
    departments: task.departments.map((d) => {
      const s = submissions.find((x) => Number(x.department_id) === d.id);
      return {
        id: d.id,
        name: d.name,
        checks: checks
          .filter((c) => c.departmentId === d.id)
          .map((c) => {
            const r = results.find((x) => Number(x.check_item_id) === c.checkItemId);
            return {
              checkItemId: c.checkItemId,
              itemCode: c.itemCode,
              itemName: c.itemName,
              content: c.content,
              method: c.method,
              basis: c.basis,
              result: r?.result ?? null,
              notes: r?.notes ?? '',
              recordedAt: r ? new Date(r.recorded_at).toISOString() : null,
              late: r?.late ?? false,
              photos: photos
                .filter((p) => Number(p.check_item_id) === c.checkItemId)
                .map((p) => ({ id: Number(p.id), fileName: p.file_name, size: p.size })),
            };
          }),
        submission: s
          ? {
              overall: s.overall,
              feedbackPromisedOn: s.feedback_promised_on,
              submittedAt: new Date(s.submitted_at).toISOString(),
              submittedBy: s.name,
              dueOn: s.due_on,
              late: s.late,
            }
          : null,
      };
    }),
    myDepartmentId,
  };
}

/** The signed-in inspector's tasks to carry out (and those done within the last days), by visit date. */
export async function myInspections(deps: AppDeps, actor: Actor | null): Promise<MyInspections> {
  requirePermission(actor, 'task:task:read');
  const today = chinaDate(deps.clock.now());
  const inspector = await inspectorOfUser(deps.db, actor.userId);
  if (!inspector) return { today, items: [] };
  const rows = await deps.db
    .selectFrom('inspection_task_inspectors as tp')
    .innerJoin('inspection_tasks as t', 't.id', 'tp.task_id')
    .innerJoin('subjects as s', 's.id', 't.subject_id')
    .leftJoin('inspection_visits as v', 'v.task_id', 't.id')
    .select([
      't.id',
      't.task_no',
      't.status',
      't.window_from',
      't.window_to',
      's.name',
      's.business_address',
      'v.visit_on',
    ])
    .where('tp.inspector_id', '=', inspector.id)
    .where('t.status', 'in', [...workingStatuses])
    .orderBy((eb) => eb.fn.coalesce('v.visit_on', 't.window_from'))
    .orderBy('t.id')
    .limit(200)
    .execute();
  const ids = rows.map((r) => r.id);
  const departments = ids.length
    ? await deps.db
        .selectFrom('inspection_task_items as ti')
        .innerJoin('departments as d', 'd.id', 'ti.department_id')
        .select(['ti.task_id', 'd.id', 'd.name'])
        .distinct()
        .where('ti.task_id', 'in', ids)
        .orderBy('d.id')
        .execute()
    : [];
  return {
    today,
    items: rows.map((r) => ({
      taskNo: r.task_no,
      subjectName: r.name,
      address: r.business_address,
      status: r.status,
      window: { from: r.window_from, to: r.window_to },
      visitOn: r.visit_on,
      departments: departments.filter((d) => d.task_id === r.id).map((d) => d.name),
    })),
  };
}
