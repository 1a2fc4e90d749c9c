import { type Actor, can, departmentFilter, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { workCalendar } from '../calendar/calendar.service';
import { daysLate } from '../calendar/work-calendar';
import { AppError, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { offsetOf } from '../shared/paging';
import { departmentNames, findWarning, pageWarnings, warningCounts } from './warning-query.repository';
import { eventsOf, findRule, listRules, recentRuns, ruleOutcomes, updateRule, userName } from './warning.repository';
import { type AnyRuleParams, factSentences, ruleParamLabels, ruleParamSchemas } from './warning-rules';
import type { RuleInput, WarningDetail, WarningItem, WarningQuery } from './warning.schemas';
import { openWarningStatuses, type RuleCode, type WarningStatus } from './warning.table';

interface ItemRow {
  id: number;
  warning_no: string;
  rule_code: RuleCode;
  rule_name: string;
  level: WarningItem['level'];
  subject_id: number;
  subject_name: string;
  uscc: string;
  department_id: number;
  department_name: string;
  status: WarningStatus;
  raised_on: string;
  due_on: string | null;
  facts: Record<string, unknown>;
}

const isOverdue = (r: { status: WarningStatus; due_on: string | null }, today: string) =>
  openWarningStatuses.includes(r.status) && r.due_on !== null && r.due_on < today;

const itemOf = (r: ItemRow, today: string): WarningItem => ({
  id: Number(r.id),
  warningNo: r.warning_no,
  ruleCode: r.rule_code,
  ruleName: r.rule_name,
  level: r.level,
  subjectId: Number(r.subject_id),
  subjectName: r.subject_name,
  uscc: r.uscc,
  departmentId: Number(r.department_id),
  departmentName: r.department_name,
  status: r.status,
  raisedOn: r.raised_on,
  dueOn: r.due_on,
  overdue: isOverdue(r, today),
  summary: factSentences(r.rule_code, r.facts)[0] ?? '',
});

/**
 * Warnings with the chart counts. A department sees only the warnings sent to it (its duties); the joint office and
 * the supervision office see all (《朔州市平鲁区“互联网+监管”系统运行管理办法》第二十二条).
 */
export async function listWarnings(deps: AppDeps, actor: Actor, q: WarningQuery) {
  requirePermission(actor, 'warning:read');
  const today = chinaDate(deps.clock.now());
  const filter = { ...q, scopeDepartmentId: departmentFilter(actor, 'warning:read'), today };
  const [page, counts] = await Promise.all([
    pageWarnings(deps.db, filter, offsetOf(q), q.pageSize),
    warningCounts(deps.db, filter),
  ]);
  return { items: page.items.map((r) => itemOf(r, today)), total: page.total, today, ...counts };
}

export async function getWarning(deps: AppDeps, actor: Actor, id: number): Promise<WarningDetail> {
  requirePermission(actor, 'warning:read');
  const r = await findWarning(deps.db, id);
  const scope = departmentFilter(actor, 'warning:read');
  if (!r || (scope !== null && Number(r.department_id) !== scope)) throw notFound('预警');
  const today = chinaDate(deps.clock.now());
  const events = await eventsOf(deps.db, id);
  return {
    ...itemOf(r, today),
    facts: factSentences(r.rule_code, r.facts),
    disposalMethod: r.disposal_method,
    taskNo: r.task_no,
    taskStatus: r.task_status,
    taskInspectedOn: r.task_inspected_on,
    checkNote: r.check_note,
    measure: r.measure,
    result: r.result,
    feedback: r.feedback,
    falseReason: r.false_reason,
    closedAt: r.closed_at?.toISOString() ?? null,
    closedLate: r.closed_late,
    events: events.map((e) => ({
      action: e.action,
      toStatus: e.to_status,
      note: e.note,
      actor: e.actor_name,
      at: e.at.toISOString(),
    })),
    canHandle:
      can(actor, 'warning:handle') &&
      Number(r.department_id) === actor.departmentId &&
      openWarningStatuses.includes(r.status),
  };
}

/** Open warnings past their due date, oldest first, with the working days they are late. */
export async function overdueWarnings(deps: AppDeps, actor: Actor) {
  requirePermission(actor, 'warning:read');
  const today = chinaDate(deps.clock.now());
  const filter = { overdue: true, scopeDepartmentId: departmentFilter(actor, 'warning:read'), today };
  const { items } = await pageWarnings(deps.db, filter, 0, 500);
  const calendar = await workCalendar(deps.db);
  const lateBy = (due: string) => daysLate(calendar, due, today);
  return {
    today,
    items: items
      .sort((a, b) => (a.due_on ?? '').localeCompare(b.due_on ?? ''))
      .map((r) => ({ ...itemOf(r, today), overdueDays: lateBy(r.due_on!) })),
  };
}

/** The rules with their hit rate (confirmed / (confirmed + false positives)) and the latest runs. */
export async function listWarningRules(deps: AppDeps, actor: Actor) {
  requirePermission(actor, 'warning:read');
  const [rules, outcomes, runs, departments] = await Promise.all([
    listRules(deps.db),
    ruleOutcomes(deps.db),
    recentRuns(deps.db, 30),
    departmentNames(deps.db),
  ]);
  const names = new Map(departments.map((d) => [Number(d.id), d.name]));
  const ruleNames = new Map(rules.map((r) => [r.code, r.name]));
  const users = await Promise.all(rules.map((r) => (r.updated_by ? userName(deps.db, r.updated_by) : null)));
  return {
    rules: rules.map((r, i) => {
      const o = outcomes.find((x) => x.rule_code === r.code);
      const confirmed = o?.confirmed ?? 0;
      const falsePositives = o?.false_positives ?? 0;
      return {
        code: r.code,
        name: r.name,
        description: r.description,
        level: r.level,
        ownerDepartmentId: r.owner_department_id === null ? null : Number(r.owner_department_id),
        ownerDepartmentName: r.owner_department_id === null ? null : (names.get(Number(r.owner_department_id)) ?? null),
        params: r.params as Record<string, number | boolean | string>,
        paramFields: Object.keys(ruleParamSchemas[r.code].shape).map((key) => ({ key, ...ruleParamLabels[key]! })),
        disposalDays: r.disposal_days,
        enabled: r.enabled,
        lastRunOn: r.last_run_on,
        updatedBy: users[i] ?? null,
        updatedAt: r.updated_at?.toISOString() ?? null,
        confirmed,
        falsePositives,
        open: o?.open ?? 0,
        hitRate: confirmed + falsePositives === 0 ? null : confirmed / (confirmed + falsePositives),
      };
    }),
    runs: runs.map((x) => ({
      id: Number(x.id),
      ruleCode: x.rule_code,
      ruleName: ruleNames.get(x.rule_code) ?? x.rule_code,
      trigger: x.trigger,
      startedAt: x.started_at.toISOString(),
      durationMs: x.finished_at.getTime() - x.started_at.getTime(),
      hits: x.hits,
      created: x.created,
      runBy: x.name,
    })),
  };
}

/** warning:rule changes a rule's level, owner, parameters (validated per rule), deadline or switch; audited. */
export async function changeWarningRule(deps: AppDeps, actor: Actor, code: RuleCode, input: RuleInput) {
  requirePermission(actor, 'warning:rule');
  const parsed = ruleParamSchemas[code].safeParse(input.params);
  if (!parsed.success)
    throw new AppError(
      'VALIDATION',
      '规则参数无效',
      parsed.error.issues.map((i) => ({ field: ['params', ...i.path].join('.'), message: i.message })),
    );
  await deps.db.transaction().execute(async (trx) => {
    const before = await findRule(trx, code);
    if (!before) throw notFound('预警规则');
    if (input.ownerDepartmentId !== null) {
      const known = (await departmentNames(trx)).some((d) => Number(d.id) === input.ownerDepartmentId);
      if (!known)
        throw new AppError('VALIDATION', '责任部门不存在', [{ field: 'ownerDepartmentId', message: '部门不存在' }]);
    }
    const now = deps.clock.now();
    await updateRule(trx, code, {
      level: input.level,
      owner_department_id: input.ownerDepartmentId,
      params: JSON.stringify(parsed.data),
      disposal_days: input.disposalDays,
      enabled: input.enabled,
      updated_by: actor.userId,
      updated_at: now,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'warning_rule.update',
      entityType: 'warning_rule',
      entityId: before.name,
      summary: `修改预警规则“${before.name}”`,
      before: {
        level: before.level,
        ownerDepartmentId: before.owner_department_id,
        params: before.params as AnyRuleParams,
        disposalDays: before.disposal_days,
        enabled: before.enabled,
      },
      after: {
        level: input.level,
        ownerDepartmentId: input.ownerDepartmentId,
        params: parsed.data as AnyRuleParams,
        disposalDays: input.disposalDays,
        enabled: input.enabled,
      },
    });
  });
}
