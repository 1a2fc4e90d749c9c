import { type Actor, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import type { CreditMeasureRow } from './credit-measure.table';
import { measureSnapshot, presentMeasure } from './measure-presenter';
import {
  countActiveCases,
  departmentNameMap,
  existingDepartmentIds,
  insertMeasure,
  insertMeasureVersion,
  lockMeasure,
  updateMeasure,
} from './measure.repository';
import type { MeasureInput, MeasureView } from './measure.schemas';

/**
 * The list of joint reward and punishment measures (联合奖惩措施清单), kept by the credit office
 * (《浦东新区“六个双”政府综合监管实施办法（暂行）》第三十一条): drafted, published (on the portal unless a law says it is not
 * public), revised (each save a new version, kept) and withdrawn. Reads are in measure-query.service.ts.
 */
export async function createMeasure(deps: AppDeps, actor: Actor, input: MeasureInput): Promise<MeasureView> {
  requirePermission(actor, 'credit:measure:write');
  return deps.db.transaction().execute(async (trx) => {
    await assertDepartments(trx, input.departmentIds);
    const now = deps.clock.now();
    const id = await insertMeasure(trx, {
      ...columnsOf(input),
      status: '草稿',
      version: 1,
      published_at: null,
      withdrawn_at: null,
      withdrawn_reason: null,
      created_by: actor.userId,
      created_at: now,
      updated_by: actor.userId,
      updated_at: now,
    });
    const row = (await lockMeasure(trx, id))!;
    return saved(trx, deps, actor, row, null, '新建');
  });
}

export async function changeMeasure(deps: AppDeps, actor: Actor, id: number, input: MeasureInput) {
  requirePermission(actor, 'credit:measure:write');
  return deps.db.transaction().execute(async (trx) => {
    const before = await lockMeasure(trx, id);
    if (!before) throw notFound('联合奖惩措施');
    if (before.status === '已撤销') throw new AppError('CONFLICT', '已撤销的措施不能修改');
    if (before.status === '已发布' && input.kind !== before.kind)
      throw new AppError('VALIDATION', '已发布的措施不能改变类别（激励 / 惩戒）', [
        { field: 'kind', message: '已发布的措施不能改变类别' },
      ]);
    await assertDepartments(trx, input.departmentIds);
    const row = await updateMeasure(trx, id, {
      ...columnsOf(input),
      version: before.version + 1,
      updated_by: actor.userId,
      updated_at: deps.clock.now(),
    });
    return saved(trx, deps, actor, row, before, '修改');
  });
}

export async function publishMeasure(deps: AppDeps, actor: Actor, id: number): Promise<MeasureView> {
  requirePermission(actor, 'credit:measure:write');
  return deps.db.transaction().execute(async (trx) => {
    const before = await lockMeasure(trx, id);
    if (!before) throw notFound('联合奖惩措施');
    if (before.status !== '草稿') throw new AppError('CONFLICT', `措施${before.status}，只能发布草稿`);
    const now = deps.clock.now();
    const row = await updateMeasure(trx, id, {
      status: '已发布',
      version: before.version + 1,
      published_at: now,
      updated_by: actor.userId,
      updated_at: now,
    });
    return saved(trx, deps, actor, row, before, '发布');
  });
}

/** Withdraws a published measure; refused while subjects are under it (end those cases first). */
export async function withdrawMeasure(deps: AppDeps, actor: Actor, id: number, reason: string): Promise<MeasureView> {
  requirePermission(actor, 'credit:measure:write');
  return deps.db.transaction().execute(async (trx) => {
    const before = await lockMeasure(trx, id);
    if (!before) throw notFound('联合奖惩措施');
    if (before.status !== '已发布') throw new AppError('CONFLICT', `措施${before.status}，只能撤销已发布的措施`);
    const now = deps.clock.now();
    const active = await countActiveCases(trx, id, chinaDate(now));
    if (active > 0)
      throw new AppError('CONFLICT', `该措施下还有 ${active} 个实施中的联合奖惩对象，请先解除后再撤销措施`);
    const row = await updateMeasure(trx, id, {
      status: '已撤销',
      version: before.version + 1,
      withdrawn_at: now,
      withdrawn_reason: reason,
      updated_by: actor.userId,
      updated_at: now,
    });
    return saved(trx, deps, actor, row, before, `撤销：${reason}`);
  });
}

const columnsOf = (input: MeasureInput) => ({
  kind: input.kind,
  matter: input.matter,
  target: input.target,
  means: input.means,
  department_ids: [...new Set(input.departmentIds)],
  legal_basis: input.legalBasis,
  is_public: input.isPublic,
  non_public_reason: input.isPublic ? null : (input.nonPublicReason ?? null),
});

async function assertDepartments(trx: Db, ids: readonly number[]): Promise<void> {
  const found = await existingDepartmentIds(trx, ids);
  if (ids.some((id) => !found.has(id)))
    throw new AppError('VALIDATION', '实施主体中有不存在的部门', [{ field: 'departmentIds', message: '部门不存在' }]);
}

/** Keeps the new version and audits the change. */
async function saved(
  trx: Db,
  deps: AppDeps,
  actor: Actor,
  row: CreditMeasureRow,
  before: CreditMeasureRow | null,
  note: string,
): Promise<MeasureView> {
  const now = row.updated_at;
  await insertMeasureVersion(trx, {
    measure_id: Number(row.id),
    version: row.version,
    status: row.status,
    snapshot: JSON.stringify(measureSnapshot(row)),
    note,
    changed_by: actor.userId,
    changed_at: now,
  });
  const action = note === '新建' ? 'credit_measure.create' : note === '发布' ? 'credit_measure.publish' : null;
  await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
    action: action ?? (row.status === '已撤销' ? 'credit_measure.withdraw' : 'credit_measure.update'),
    entityType: 'credit_measure',
    entityId: Number(row.id),
    summary: `${note}联合${row.kind}措施“${row.matter}”（第 ${row.version} 版）`,
    before: before ? measureSnapshot(before) : null,
    after: measureSnapshot(row),
  });
  return presentMeasure(row, await departmentNameMap(trx), await countActiveCases(trx, Number(row.id), chinaDate(now)));
}
