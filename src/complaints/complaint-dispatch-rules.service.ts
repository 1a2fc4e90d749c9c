import { type Actor, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { AppError, notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import type { DispatchRuleInput } from './complaint-handling.schemas';
import {
  activeDepartmentIds,
  deleteDispatchRule,
  findDispatchRule,
  insertDispatchRule,
  listDispatchRules,
  updateDispatchRule,
} from './complaint-dispatch.repository';
import { findMatter } from './complaint-handling.repository';

const viewOf = (r: Awaited<ReturnType<typeof listDispatchRules>>[number]) => ({
  id: Number(r.id),
  matterCode: r.matter_code,
  matterName: r.matter_name,
  industryPrefix: r.industry_prefix,
  divisionPrefix: r.division_prefix,
  departmentId: Number(r.department_id),
  departmentName: r.department_name,
  priority: r.priority,
  enabled: r.enabled,
  note: r.note,
});

/** The dispatch rules, by priority. */
export async function dispatchRules(deps: AppDeps, actor: Actor | null) {
  requirePermission(actor, 'complaint:read');
  return (await listDispatchRules(deps.db)).map(viewOf);
}

async function checked(trx: Db, input: DispatchRuleInput) {
  if (input.matterCode !== null && !(await findMatter(trx, input.matterCode)))
    throw new AppError('VALIDATION', '投诉事项不存在', [{ field: 'matterCode', message: '请选择投诉事项' }]);
  if ((await activeDepartmentIds(trx, [input.departmentId])).length === 0)
    throw new AppError('VALIDATION', '承办部门不存在或已停用', [{ field: 'departmentId', message: '请选择承办部门' }]);
  const industryPrefix = input.industryPrefix ? input.industryPrefix.toUpperCase() : null;
  return {
    matter_code: input.matterCode,
    industry_prefix: industryPrefix,
    division_prefix: input.divisionPrefix || null,
    department_id: input.departmentId,
    priority: input.priority,
    enabled: input.enabled,
    note: input.note,
  };
}

const auditValues = (v: Awaited<ReturnType<typeof checked>>) => ({
  matterCode: v.matter_code,
  industryPrefix: v.industry_prefix,
  divisionPrefix: v.division_prefix,
  departmentId: v.department_id,
  priority: v.priority,
  enabled: v.enabled,
  note: v.note,
});

/** Adds (id null) or changes a dispatch rule (complaint:dispatch). */
export async function saveDispatchRule(
  deps: AppDeps,
  actor: Actor | null,
  id: number | null,
  input: DispatchRuleInput,
) {
  requirePermission(actor, 'complaint:dispatch');
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const values = await checked(trx, input);
    const before = id === null ? null : await findDispatchRule(trx, id);
    if (id !== null && !before) throw notFound('分派规则');
    let ruleId = id;
    if (ruleId === null) ruleId = await insertDispatchRule(trx, { ...values, created_at: now, updated_at: now });
    else await updateDispatchRule(trx, ruleId, { ...values, updated_at: now });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: id === null ? 'complaint_dispatch_rule.create' : 'complaint_dispatch_rule.update',
      entityType: 'complaint_dispatch_rule',
      entityId: String(ruleId),
      summary: `投诉分派规则 ${ruleId}：${values.matter_code ?? '任一事项'}，行业 ${values.industry_prefix ?? '不限'}，区划 ${values.division_prefix ?? '不限'}，优先级 ${values.priority}${values.enabled ? '' : '（停用）'}`,
      before: before ? auditValues(before) : null,
      after: auditValues(values),
    });
    const saved = (await listDispatchRules(trx)).find((r) => Number(r.id) === ruleId)!;
    return viewOf(saved);
  });
}

export async function removeDispatchRule(deps: AppDeps, actor: Actor | null, id: number) {
  requirePermission(actor, 'complaint:dispatch');
  await deps.db.transaction().execute(async (trx) => {
    const before = await findDispatchRule(trx, id);
    if (!before) throw notFound('分派规则');
    await deleteDispatchRule(trx, id);
    await recordAudit(trx, deps.config.auditHash, deps.clock.now(), auditSubjectOf(actor), {
      action: 'complaint_dispatch_rule.delete',
      entityType: 'complaint_dispatch_rule',
      entityId: String(id),
      summary: `删除投诉分派规则 ${id}`,
      before: auditValues(before),
    });
  });
}
