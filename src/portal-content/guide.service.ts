import { type Actor, requirePermission, scopeOf } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { departmentById } from '../departments/department.service';
import { industryCatalog, industryName } from '../industries/industry-catalog';
import { AppError, forbidden, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { assembleGuide, industryPath } from './guide-assembly';
import {
  applicabilityRows,
  findLead,
  guideVersions,
  insertGuide,
  lastVersionNo,
  latestPublished,
  listLeads,
  lockDraft,
  updateDraft,
  upsertLead,
} from './guide.repository';
import type { GuideTextInput } from './guide.schemas';

const WRITE = 'portal:guide:write' as const;

function industryOf(code: string) {
  const industry = industryCatalog().get(code);
  if (!industry)
    throw new AppError('VALIDATION', `行业代码 ${code} 不在 GB/T 4754-2017 中`, [{ field: 'code', message: '不存在' }]);
  return industry;
}

export const guideTitle = (industryCode: string) =>
  `${industryName(industryCode) ?? industryCode}合规经营指南（一业一册）`;

/**
 * The joint office assigns (or changes) the lead department (牵头主管部门) of an industry's guide
 * (《日照市人民政府办公室关于深入推进跨部门综合监管的实施意见》（十七）: 各行业牵头主管部门…制定合规经营指南).
 */
export async function assignLead(deps: AppDeps, actor: Actor, code: string, departmentId: number) {
  requirePermission(actor, WRITE);
  if (scopeOf(actor, WRITE) !== 'all') throw forbidden('行业的牵头部门由联席会议办公室指定');
  const industry = industryOf(code);
  const department = await departmentById(deps.db, departmentId);
  if (!department) throw new AppError('VALIDATION', '部门不存在', [{ field: 'departmentId', message: '不存在' }]);
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const before = await findLead(trx, code);
    await upsertLead(trx, {
      industry_code: code,
      department_id: departmentId,
      assigned_by: actor.userId,
      assigned_at: now,
    });
    const draft = await lockDraft(trx, code);
    if (draft) await updateDraft(trx, Number(draft.id), { department_id: departmentId, updated_at: now });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'industry_guide.assign_lead',
      entityType: 'industry_guide',
      entityId: code,
      summary: `指定“${industry.name}”一业一册的牵头部门：${department.name}`,
      before: before ? { departmentId: Number(before.department_id) } : null,
      after: { industryCode: code, departmentId },
    });
  });
  return guideWorkspaceOf(deps, actor, code);
}

async function requireLead(trx: Db, actor: Actor, code: string) {
  requirePermission(actor, WRITE);
  const lead = await findLead(trx, code);
  if (!lead) throw new AppError('CONFLICT', '该行业尚未指定牵头部门，请联系联席会议办公室');
  if (Number(lead.department_id) !== actor.departmentId) throw forbidden('只有该行业的牵头部门可以编制和发布指南');
  return lead;
}

/** Saves the lead department's text as the draft (a new version number after the last published one). */
export async function saveGuideDraft(deps: AppDeps, actor: Actor, code: string, text: GuideTextInput) {
  industryOf(code);
  await deps.db.transaction().execute(async (trx) => {
    const lead = await requireLead(trx, actor, code);
    const now = deps.clock.now();
    const values = {
      introduction: text.introduction,
      key_obligations: text.keyObligations,
      common_violations: text.commonViolations,
      tips: text.tips,
      updated_by: actor.userId,
      updated_at: now,
    };
    const draft = await lockDraft(trx, code);
    const version = draft ? draft.version : (await lastVersionNo(trx, code)) + 1;
    if (draft) await updateDraft(trx, Number(draft.id), values);
    else
      await insertGuide(trx, {
        ...values,
        industry_code: code,
        version,
        status: '草稿',
        department_id: Number(lead.department_id),
        items: null,
        created_by: actor.userId,
        created_at: now,
        published_by: null,
        published_at: null,
      });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'industry_guide.save_draft',
      entityType: 'industry_guide',
      entityId: code,
      summary: `保存“${industryName(code)}”一业一册第 ${version} 版草稿`,
      before: draft
        ? {
            introduction: draft.introduction,
            keyObligations: draft.key_obligations,
            commonViolations: draft.common_violations,
            tips: draft.tips,
          }
        : null,
      after: { industryCode: code, version, ...text },
    });
  });
  return guideWorkspaceOf(deps, actor, code);
}

/**
 * Publishes the draft: the items that apply to the industry are assembled now and frozen with the text; the
 * version can no longer change (a database trigger refuses it), and the portal shows it as the current one.
 */
export async function publishGuide(deps: AppDeps, actor: Actor, code: string) {
  industryOf(code);
  await deps.db.transaction().execute(async (trx) => {
    await requireLead(trx, actor, code);
    const draft = await lockDraft(trx, code);
    if (!draft) throw new AppError('CONFLICT', '没有待发布的草稿：请先编写并保存指南内容');
    if (!draft.introduction.trim() || !draft.key_obligations.trim())
      throw new AppError('VALIDATION', '发布前请填写行业简介和主要合规义务', [
        { field: draft.introduction.trim() ? 'keyObligations' : 'introduction', message: '请填写' },
      ]);
    const now = deps.clock.now();
    const items = assembleGuide(await applicabilityRows(trx), code);
    await updateDraft(trx, Number(draft.id), {
      status: '已发布',
      items: JSON.stringify(items),
      published_by: actor.userId,
      published_at: now,
      updated_at: now,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'industry_guide.publish',
      entityType: 'industry_guide',
      entityId: code,
      summary: `发布“${industryName(code)}”一业一册第 ${draft.version} 版（${items.length} 个监管事项）`,
      after: { industryCode: code, version: draft.version, itemCount: items.length },
    });
  });
  return guideWorkspaceOf(deps, actor, code);
}

/** The staff list: every industry with a lead department, its published version and whether a draft waits. */
export async function guideLeadList(deps: AppDeps, actor: Actor) {
  requirePermission(actor, WRITE);
  const [leads, published] = await Promise.all([listLeads(deps.db), latestPublished(deps.db)]);
  const versions = await Promise.all(leads.map((l) => guideVersions(deps.db, l.industry_code)));
  return leads.map((l, i) => {
    const p = published.find((g) => g.industry_code === l.industry_code);
    return {
      industryCode: l.industry_code,
      industryName: industryName(l.industry_code) ?? l.industry_code,
      departmentId: Number(l.department_id),
      departmentName: l.department_name,
      publishedVersion: p?.version ?? null,
      publishedAt: p?.published_at?.toISOString() ?? null,
      hasDraft: versions[i]!.some((v) => v.status === '草稿'),
    };
  });
}

/** One industry's workspace: lead, draft, versions and the items a publication would freeze now. */
export async function guideWorkspaceOf(deps: AppDeps, actor: Actor, code: string) {
  requirePermission(actor, WRITE);
  const industry = industryOf(code);
  const [lead, versions, rows] = await Promise.all([
    findLead(deps.db, code),
    guideVersions(deps.db, code),
    applicabilityRows(deps.db),
  ]);
  const draft = versions.find((v) => v.status === '草稿');
  return {
    industryCode: code,
    industryName: industry.name,
    lead: lead ? { departmentId: Number(lead.department_id), departmentName: lead.department_name } : null,
    canEdit: lead !== undefined && Number(lead.department_id) === actor.departmentId,
    draft: draft
      ? {
          version: draft.version,
          introduction: draft.introduction,
          keyObligations: draft.key_obligations,
          commonViolations: draft.common_violations,
          tips: draft.tips,
          updatedAt: draft.updated_at.toISOString(),
        }
      : null,
    versions: versions.map((v) => ({
      version: v.version,
      status: v.status,
      departmentName: v.department_name,
      publishedAt: v.published_at?.toISOString() ?? null,
      publishedBy: v.published_by_name,
      updatedAt: v.updated_at.toISOString(),
    })),
    assembled: assembleGuide(rows, code),
  };
}

/** The portal's list of published guides (the newest version of each industry). */
export async function publicGuides(deps: AppDeps) {
  return (await latestPublished(deps.db)).map((g) => ({
    industryCode: g.industry_code,
    industryName: industryName(g.industry_code) ?? g.industry_code,
    version: g.version,
    departmentName: g.department_name,
    publishedAt: g.published_at!.toISOString(),
    itemCount: g.items?.length ?? 0,
  }));
}

/** A published guide (the newest, or the version asked for) as the web page and the PDF show it. */
export async function publicGuide(deps: AppDeps, code: string, version?: number) {
  const published = (await guideVersions(deps.db, code)).filter((v) => v.status === '已发布');
  const g = version ? published.find((v) => v.version === version) : published[0];
  if (!g) throw notFound('该行业的合规经营指南');
  return {
    industryCode: code,
    industryName: industryName(code) ?? code,
    industryPath: industryPath(code).map((c) => ({ code: c, name: industryName(c) ?? c })),
    version: g.version,
    departmentName: g.department_name,
    publishedAt: g.published_at!.toISOString(),
    introduction: g.introduction,
    keyObligations: g.key_obligations,
    commonViolations: g.common_violations,
    tips: g.tips,
    items: g.items ?? [],
    versions: published.map((v) => ({ version: v.version, publishedAt: v.published_at!.toISOString() })),
  };
}
