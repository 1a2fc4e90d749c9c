import { type Actor, can, scopeOf } from '../auth/actor';
import type { FieldProblem } from '../shared/app-error';

/**
 * Who maintains which field of a subject (the one home of the rule; the edit form, the credit form and
 * the import all ask here):
 * - the credit class: nobody by hand — it comes from the credit evaluation the credit office pushes
 *   (src/credit-evaluation, applyCreditClasses in subject-credit-class.ts);
 * - the whitelist flag: the credit office (信用主管部门, permission registry:subject:credit) and the platform
 *   administrator — a whitelisted subject drops out of every department's draws, so no department may set it for itself;
 * - a department's industry risk level: that department's own users who may edit the register or run its
 *   risk assessments (风险评估), or a user whose right reaches all departments (the platform administrator), and
 *   only for departments that exist;
 * - every other field: whoever may edit the register (registry:subject:write).
 * A value sent back unchanged is no change: ownership is judged on the difference from the stored value.
 */
export interface FieldOwnership {
  creditClass: boolean;
  whitelisted: boolean;
  /** 'all', or the names of the departments whose risk level the actor may set. */
  riskDepartments: 'all' | string[];
  /** The remaining fields (name, addresses, industries, key target …). */
  otherFields: boolean;
}

/** The fields ownership is about, as the register holds them. */
export interface OwnedValues {
  creditClass: string | null;
  whitelisted: boolean;
  industryRisk: Record<string, string>;
}

/** A new subject starts from these. */
export const unsetOwnedValues: OwnedValues = { creditClass: null, whitelisted: false, industryRisk: {} };

export const CREDIT_MAINTAINER = '信用主管部门';

export function fieldOwnership(actor: Actor): FieldOwnership {
  const credit = can(actor, 'registry:subject:credit');
  const register = scopeOf(actor, 'registry:subject:write');
  // A department's risk assessment (src/risk-assessment) sets its levels too: its writers rate for their department.
  const assess = scopeOf(actor, 'risk:assessment:write');
  const rates = [register, assess];
  return {
    creditClass: false,
    whitelisted: credit,
    riskDepartments: rates.includes('all') ? 'all' : rates.some((s) => s !== null) ? [actor.departmentName] : [],
    otherFields: register !== null,
  };
}

const mayRate = (own: FieldOwnership, department: string) =>
  own.riskDepartments === 'all' || own.riskDepartments.includes(department);

const shown = (v: string | null | boolean | undefined) =>
  v === undefined || v === null || v === '' ? '空' : typeof v === 'boolean' ? (v ? '是' : '否') : v;

/** A change the actor may not make (`forbidden`), or a risk level for a department that does not exist. */
export interface OwnershipProblem extends FieldProblem {
  forbidden: boolean;
}

/**
 * The changes from `before` to `after` the actor may not make, one problem per field (field: creditClass,
 * whitelisted or industryRisk), with a Chinese message naming the field, who maintains it and the change.
 * `departments` are the names of the platform's departments (a risk level for another name is refused).
 */
export function ownershipProblems(
  actor: Actor,
  before: OwnedValues,
  after: OwnedValues,
  departments: ReadonlySet<string>,
): OwnershipProblem[] {
  const own = fieldOwnership(actor);
  const who = actor.roles.map((r) => r.name).join('、') || '当前用户';
  const problems: OwnershipProblem[] = [];
  if (!own.creditClass && (before.creditClass ?? null) !== (after.creditClass ?? null))
    problems.push({
      forbidden: false,
      field: 'creditClass',
      message: `信用风险分类由公共信用综合评价产生，${CREDIT_MAINTAINER}推送评价结果后写入名录库，不能手工设置（原为“${shown(before.creditClass)}”，改为“${shown(after.creditClass)}”）`,
    });
  if (!own.whitelisted && before.whitelisted !== after.whitelisted)
    problems.push({
      forbidden: true,
      field: 'whitelisted',
      message: `白名单由${CREDIT_MAINTAINER}维护，${who}不能修改（原为“${shown(before.whitelisted)}”，改为“${shown(after.whitelisted)}”）`,
    });
  const names = [...new Set([...Object.keys(before.industryRisk), ...Object.keys(after.industryRisk)])].sort();
  for (const department of names) {
    const from = before.industryRisk[department];
    const to = after.industryRisk[department];
    if (from === to) continue;
    if (to !== undefined && !departments.has(department))
      problems.push({
        forbidden: false,
        field: 'industryRisk',
        message: `行业风险中的“${department}”不是平台中的部门，请填写部门全称`,
      });
    else if (!mayRate(own, department))
      problems.push({
        forbidden: true,
        field: 'industryRisk',
        message: `${department}的行业风险等级由${department}维护，${who}不能修改（原为“${shown(from)}”，改为“${shown(to)}”）`,
      });
  }
  return problems;
}
