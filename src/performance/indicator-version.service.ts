import { type Actor, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { AppError, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import type { z } from 'zod';
import {
  computationCodes,
  computations,
  defaultIndicatorSet,
  dimensions,
  type IndicatorSet,
  whenEmptyOptions,
} from './performance-catalog';
import {
  currentVersion,
  findDraft,
  insertVersion,
  listVersions as listVersionRows,
  lockVersion,
  nextVersionNumber,
  updateVersion,
} from './performance.repository';
import type { catalogView, versionInput, versionList } from './performance.schemas';

const totalPoints = (set: IndicatorSet) => Math.round(set.indicators.reduce((s, i) => s + i.points, 0) * 100) / 100;

/** The computations the evaluating department can choose from, with what each counts and its basis. */
export function indicatorCatalog(actor: Actor): z.infer<typeof catalogView> {
  requirePermission(actor, 'performance:read');
  return {
    dimensions: [...dimensions],
    whenEmptyOptions: [...whenEmptyOptions],
    computations: computationCodes.map((code) => {
      const c = computations[code];
      return {
        code,
        name: c.name,
        dimension: c.dimension,
        counts: c.counts,
        basis: c.basis,
        defaultParams: c.defaultParams,
      };
    }),
  };
}

/** Every version, newest first; the current one is the latest published. */
export async function listIndicatorVersions(deps: AppDeps, actor: Actor): Promise<z.infer<typeof versionList>> {
  requirePermission(actor, 'performance:read');
  const rows = await listVersionRows(deps.db);
  const current = rows.find((r) => r.status === '已发布')?.id ?? null;
  return {
    items: rows.map((r) => ({
      id: r.id,
      version: r.version,
      status: r.status,
      definition: r.definition,
      totalPoints: totalPoints(r.definition),
      note: r.note,
      createdAt: r.created_at.toISOString(),
      createdByName: r.created_by_name,
      publishedAt: r.published_at?.toISOString() ?? null,
      publishedByName: r.published_by_name,
      current: r.id === current,
    })),
  };
}

/**
 * A new draft, copied from the current version (or the platform's proposal when none is published yet). A
 * published version never changes (《朔州市平鲁区“互联网+监管”系统运行管理办法》第四十二条 adjustments are new versions).
 */
export async function draftIndicatorVersion(deps: AppDeps, actor: Actor): Promise<{ id: number; version: number }> {
  requirePermission(actor, 'performance:manage');
  return deps.db.transaction().execute(async (trx) => {
    const version = await nextVersionNumber(trx);
    const existing = await findDraft(trx);
    if (existing) throw new AppError('CONFLICT', `已有第 ${existing.version} 版草稿，请先修改并发布它`);
    const base = (await currentVersion(trx))?.definition ?? defaultIndicatorSet;
    const now = deps.clock.now();
    const id = await insertVersion(trx, {
      version,
      definition: JSON.stringify(base),
      note: '',
      created_at: now,
      created_by: actor.userId,
      updated_at: now,
      published_at: null,
      published_by: null,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'performance_version.draft',
      entityType: 'performance_version',
      entityId: id,
      summary: `起草履职评价指标体系第 ${version} 版`,
      after: { version, status: '草稿' },
    });
    return { id, version };
  });
}

async function lockedDraft(trx: AppDeps['db'], id: number) {
  const row = await lockVersion(trx, id);
  if (!row) throw notFound('指标体系版本');
  if (row.status !== '草稿')
    throw new AppError('CONFLICT', `第 ${row.version} 版已发布，不能修改；请起草新版本`, { status: row.status });
  return row;
}

/** Edits a draft: its indicators (points, scoring rule, parameters), the pass score and the note. */
export async function updateIndicatorDraft(
  deps: AppDeps,
  actor: Actor,
  id: number,
  input: z.infer<typeof versionInput>,
): Promise<void> {
  requirePermission(actor, 'performance:manage');
  await deps.db.transaction().execute(async (trx) => {
    const row = await lockedDraft(trx, id);
    const now = deps.clock.now();
    await updateVersion(trx, id, { definition: JSON.stringify(input.definition), note: input.note, updated_at: now });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'performance_version.update',
      entityType: 'performance_version',
      entityId: id,
      summary: `修改履职评价指标体系第 ${row.version} 版草稿：${input.definition.indicators.length} 项指标，合计 ${totalPoints(input.definition)} 分，合格线 ${input.definition.passScore} 分`,
      before: { indicators: row.definition.indicators.length, passScore: row.definition.passScore, note: row.note },
      after: {
        indicators: input.definition.indicators.length,
        passScore: input.definition.passScore,
        note: input.note,
      },
    });
  });
}

/** Publishes a draft (its points must total 100): evaluations from now on use it; it never changes again. */
export async function publishIndicatorVersion(deps: AppDeps, actor: Actor, id: number): Promise<void> {
  requirePermission(actor, 'performance:manage');
  await deps.db.transaction().execute(async (trx) => {
    const row = await lockedDraft(trx, id);
    const points = totalPoints(row.definition);
    if (points !== 100) throw new AppError('CONFLICT', `指标分值合计应为 100 分，当前为 ${points} 分`);
    const now = deps.clock.now();
    await updateVersion(trx, id, { status: '已发布', published_at: now, published_by: actor.userId, updated_at: now });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'performance_version.publish',
      entityType: 'performance_version',
      entityId: id,
      summary: `发布履职评价指标体系第 ${row.version} 版（${row.definition.indicators.length} 项指标）`,
      before: { status: '草稿' },
      after: { version: row.version, status: '已发布' },
    });
  });
}
