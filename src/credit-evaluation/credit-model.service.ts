import { type Actor, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { type CreditModelDefinition, creditModelDefinition, defaultCreditModel } from './credit-model';
import {
  currentModel,
  findModel,
  insertModel,
  latestModel,
  listModels,
  publishDraft,
  updateDraft,
  lockModelVersions,
} from './credit-model.repository';
import type { CreditModelRow } from './credit-run.table';

export interface CreditModelView {
  id: number;
  version: number;
  name: string;
  status: CreditModelRow['status'];
  note: string;
  definition: CreditModelDefinition;
  createdAt: string;
  publishedAt: string | null;
}

export const presentModel = (m: CreditModelRow): CreditModelView => ({
  id: m.id,
  version: m.version,
  name: m.name,
  status: m.status,
  note: m.note,
  definition: m.definition as CreditModelDefinition,
  createdAt: m.created_at.toISOString(),
  publishedAt: m.published_at?.toISOString() ?? null,
});

/** The definition, or a VALIDATION error listing each problem in Chinese (field: its path in the definition). */
export function validDefinition(value: unknown): CreditModelDefinition {
  const check = creditModelDefinition.safeParse(value);
  if (check.success) return check.data;
  const problems = check.error.issues.map((i) => ({ field: i.path.join('.') || 'definition', message: i.message }));
  throw new AppError('VALIDATION', `模型定义有误：${problems[0]!.message}`, problems);
}

const nameOf = (version: number) => `公共信用综合评价模型（第${version}版）`;

/**
 * The model a run uses: the latest published version; on a fresh install version 1 (defaultCreditModel) is published
 * on first use, so an evaluation can run before anyone has edited the model.
 */
export async function ensurePublishedModel(trx: Db, now: Date): Promise<CreditModelRow> {
  const seen = await currentModel(trx);
  if (seen) return seen;
  await lockModelVersions(trx);
  const published = await currentModel(trx);
  if (published) return published;
  const version = ((await latestModel(trx))?.version ?? 0) + 1;
  return insertModel(trx, {
    version,
    name: nameOf(version),
    status: '已发布',
    definition: defaultCreditModel,
    note: '系统默认模型：参照市场监管总局企业信用风险分类管理的A、B、C、D四类',
    createdBy: null,
    now,
  });
}

export async function listCreditModels(deps: AppDeps, actor: Actor): Promise<CreditModelView[]> {
  requirePermission(actor, 'credit:run:read');
  await deps.db.transaction().execute((trx) => ensurePublishedModel(trx, deps.clock.now()));
  return (await listModels(deps.db)).map(presentModel);
}

/** A new draft: a copy of the latest version (only one draft at a time). */
export async function draftCreditModel(deps: AppDeps, actor: Actor): Promise<CreditModelView> {
  requirePermission(actor, 'credit:model:write');
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    await lockModelVersions(trx);
    const latest = (await latestModel(trx)) ?? (await ensurePublishedModel(trx, now));
    if (latest.status === '草稿') throw new AppError('CONFLICT', `第${latest.version}版草稿尚未发布，请继续修改该草稿`);
    const version = latest.version + 1;
    const draft = await insertModel(trx, {
      version,
      name: nameOf(version),
      status: '草稿',
      definition: latest.definition,
      note: '',
      createdBy: actor.userId,
      now,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'credit_model.draft',
      entityType: 'credit_model',
      entityId: draft.id,
      summary: `起草${draft.name}（复制第${latest.version}版）`,
    });
    return presentModel(draft);
  });
}

async function draftOf(trx: Db, id: number): Promise<CreditModelRow> {
  const model = await findModel(trx, id);
  if (!model) throw notFound('信用评价模型');
  if (model.status !== '草稿') throw new AppError('CONFLICT', `第${model.version}版已发布，不能修改；请起草新版本`);
  return model;
}

export async function saveCreditModel(
  deps: AppDeps,
  actor: Actor,
  id: number,
  input: { note: string; definition: CreditModelDefinition },
): Promise<CreditModelView> {
  requirePermission(actor, 'credit:model:write');
  const definition = validDefinition(input.definition);
  return deps.db.transaction().execute(async (trx) => {
    const before = await draftOf(trx, id);
    const now = deps.clock.now();
    const after = await updateDraft(trx, id, { name: before.name, note: input.note, definition, now });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'credit_model.update',
      entityType: 'credit_model',
      entityId: id,
      summary: `修改${before.name}草稿`,
      before: { note: before.note, definition: JSON.stringify(before.definition) },
      after: { note: after.note, definition: JSON.stringify(after.definition) },
    });
    return presentModel(after);
  });
}

export async function publishCreditModel(deps: AppDeps, actor: Actor, id: number): Promise<CreditModelView> {
  requirePermission(actor, 'credit:model:write');
  return deps.db.transaction().execute(async (trx) => {
    const draft = await draftOf(trx, id);
    validDefinition(draft.definition);
    const now = deps.clock.now();
    const published = await publishDraft(trx, id, actor.userId, now);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'credit_model.publish',
      entityType: 'credit_model',
      entityId: id,
      summary: `发布${published.name}，此后的信用评价使用该版本`,
    });
    return presentModel(published);
  });
}
