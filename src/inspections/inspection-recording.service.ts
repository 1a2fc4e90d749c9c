import { type Actor } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError, forbidden, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { transitionTask } from '../tasks/task-transition';
import {
  type CheckEntry,
  type InspectionView,
  PHOTO_MAX_BYTES,
  photoTypes,
  type ResultInput,
  type SubmitInput,
} from './inspection.schemas';
import { taskChecks } from './inspection.repository';
import {
  checkedInOn,
  departmentRecording,
  dueOf,
  entity,
  recorderOf,
  refuseIfOffsite,
  requireInProgress,
  writeResult,
} from './inspection-recorder';
import {
  findResult,
  hasSubmitted,
  insertPhoto,
  insertSubmission,
  listDepartmentResults,
} from './inspection-result.repository';
import { everyDepartmentInspected, getInspection } from './inspection.service';
import { looksLike } from './photo-content';

async function recordingContext(trx: Db, actor: Actor | null, taskNo: string, checkItemId: number) {
  const c = await departmentRecording(trx, actor, taskNo);
  const check = (await taskChecks(trx, c.head.id)).find((x) => x.checkItemId === checkItemId);
  if (!check) throw notFound(`本任务的检查事项 ${checkItemId} `);
  if (check.departmentId !== c.departmentId) throw forbidden('只能录入本部门检查事项的结果');
  return { ...c, check };
}

/**
 * One result per check item (符合 / 不符合 / 不适用 with notes); saving again replaces it, and the same entry sent
 * again changes nothing, so a resent entry is harmless. An entry made after the 7th working day from check-in is
 * kept and marked late. (A department's whole part in one request: inspection-batch.service.ts.)
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
    await writeResult(trx, deps, c, c.check, input, await findResult(trx, c.head.id, checkItemId));
  });
  const view = await getInspection(deps, actor, taskNo);
  return view.departments.flatMap((d) => d.checks).find((e) => e.checkItemId === checkItemId)!;
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
    const id = await insertPhoto(trx, {
      task_id: c.head.id,
      check_item_id: checkItemId,
      department_id: c.departmentId,
      file_name: fileName,
      content_type: file.contentType,
      size: file.data.length,
      data: file.data,
      uploaded_by: c.inspector.id,
      uploaded_at: now,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(c.actor), {
      action: 'inspection.photo',
      entityType: entity,
      entityId: taskNo,
      summary: `${c.inspector.name} 上传检查照片 ${fileName}（${Math.ceil(file.data.length / 1024)} KB）：${c.check.content.slice(0, 40)}`,
      after: { checkItemId, photoId: id, size: file.data.length, contentType: file.contentType },
    });
    return { id, fileName, size: file.data.length };
  });
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
    requireInProgress(r.head.status);
    if (await hasSubmitted(trx, r.head.id, r.departmentId)) throw new AppError('CONFLICT', '本部门已提交检查结果');
    await refuseIfOffsite(trx, r.head.id, r.departmentId);
    const checks = (await taskChecks(trx, r.head.id)).filter((c) => c.departmentId === r.departmentId);
    const results = await listDepartmentResults(trx, r.head.id, r.departmentId);
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
    const due = await dueOf(trx, await checkedInOn(trx, r.head.id));
    const late = due !== null && today > due;
    const overall = [...byCheck.values()].includes('不符合') ? ('发现问题' as const) : ('符合' as const);
    await insertSubmission(trx, {
      task_id: r.head.id,
      department_id: r.departmentId,
      overall,
      feedback_promised_on: promised,
      submitted_by: r.inspector.id,
      submitted_at: now,
      due_on: due,
      late,
    });
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
