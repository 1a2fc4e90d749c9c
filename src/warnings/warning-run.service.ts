import { type Actor, requirePermission } from '../auth/actor';
import { type AuditSubject, auditSubjectOf, recordAudit } from '../audit/audit.service';
import { workCalendar } from '../calendar/calendar.service';
import { unlessYearMissing } from '../calendar/work-calendar';
import type { Db } from '../db/database';
import { notify } from '../notifications/notify';
import { loadSupervisionRules } from '../settings/visit-rules-setting';
import { AppError, notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import {
  finishRun,
  handlers,
  insertRun,
  insertWarnings,
  jointOfficeId,
  lastWarningNo,
  listRules,
  lockRule,
  blockingWarnings,
  updateRule,
} from './warning.repository';
import {
  frequentVisits,
  keyTargetsNotInspected,
  lapsedLicences,
  repeatComplaints,
  unfollowedFindings,
  visitsAboveCap,
} from './warning-rule.repository';
import { type RuleHit, ruleParamSchemas } from './warning-rules';
import { openWarningStatuses, type RuleCode, type RunTrigger, type WarningRuleRow } from './warning.table';

/** The timer acting (runs carry no user). */
const warningSystem: AuditSubject = { userId: null, name: '系统（风险预警）', departmentId: null, ip: null };

/** What one rule finds today: its query with its stored parameters (invalid stored parameters are refused). */
export async function findHits(db: Db, rule: WarningRuleRow, today: string): Promise<RuleHit[]> {
  const year = Number(today.slice(0, 4));
  const code = rule.code;
  const parsed = ruleParamSchemas[code].safeParse(rule.params);
  if (!parsed.success) throw new AppError('CONFLICT', `预警规则“${rule.name}”的参数无效，请先修改规则`);
  switch (code) {
    case 'repeat_complaints':
      return repeatComplaints(db, ruleParamSchemas[code].parse(rule.params), today);
    case 'unfollowed_finding':
      return unfollowedFindings(db, ruleParamSchemas[code].parse(rule.params), today);
    case 'licence_lapsed':
      return lapsedLicences(db, ruleParamSchemas[code].parse(rule.params), today);
    case 'key_not_inspected': {
      const p = ruleParamSchemas[code].parse(rule.params);
      // Before the date of the year the rule names, nothing is late yet.
      return today < `${year}-${p.byDate}` ? [] : keyTargetsNotInspected(db, p, year);
    }
    case 'visits_above_cap':
      return visitsAboveCap(db, (await loadSupervisionRules(db)).routineVisitCap, year);
    case 'frequent_visits':
      return frequentVisits(db, ruleParamSchemas[code].parse(rule.params), today);
  }
}

export interface RunOutcome {
  ruleCode: RuleCode;
  hits: number;
  created: number;
  warningNos: string[];
}

/**
 * Runs one rule: each case it finds becomes a warning (YJ2026-000001) to the rule's owner department, else the
 * department the facts name, else the joint office — unless that department has an open warning of the rule on the
 * subject, or one (open or not) on the same facts. Each department's handlers are told; the run is recorded.
 */
async function runOne(deps: AppDeps, code: RuleCode, trigger: RunTrigger, who: AuditSubject): Promise<RunOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const rule = await lockRule(trx, code);
    if (!rule) throw notFound('预警规则');
    const now = deps.clock.now();
    const today = chinaDate(now);
    const clockStarted = performance.now();
    const runId = await insertRun(trx, {
      rule_code: code,
      trigger,
      params: JSON.stringify(rule.params),
      started_at: now,
      finished_at: now,
      hits: 0,
      created: 0,
      run_by: who.userId,
    });
    const hits = await findHits(trx, rule, today);
    const fallback = await jointOfficeId(trx);
    const blocked = new Set<string>();
    for (const w of await blockingWarnings(trx, code)) {
      if (openWarningStatuses.includes(w.status)) blocked.add(`${w.subject_id}:${w.department_id}`);
      blocked.add(`${w.subject_id}:${w.department_id}:${w.fact_key}`);
    }
    const fresh: { hit: RuleHit; departmentId: number }[] = [];
    for (const hit of hits) {
      const departmentId = rule.owner_department_id ?? hit.departmentId ?? fallback;
      if (departmentId === null) continue;
      const key = `${hit.subjectId}:${departmentId}`;
      if (blocked.has(key) || blocked.has(`${key}:${hit.factKey}`)) continue;
      blocked.add(key);
      fresh.push({ hit, departmentId: Number(departmentId) });
    }
    const calendar = await workCalendar(trx);
    const dueOn = unlessYearMissing(() => calendar.addWorkingDays(today, rule.disposal_days));
    const year = Number(today.slice(0, 4));
    const last = fresh.length ? await lastWarningNo(trx, year) : 0;
    const warningNos = fresh.map((_, i) => `YJ${year}-${String(last + i + 1).padStart(6, '0')}`);
    await insertWarnings(
      trx,
      fresh.map(({ hit, departmentId }, i) => ({
        warning_no: warningNos[i]!,
        rule_code: code,
        run_id: runId,
        level: rule.level,
        subject_id: hit.subjectId,
        department_id: departmentId,
        fact_key: hit.factKey,
        facts: JSON.stringify(hit.facts),
        status: '待核查',
        raised_on: today,
        due_on: dueOn,
        check_note: '',
        measure: '',
        feedback: '',
        false_reason: '',
        closed_late: false,
        created_at: now,
        updated_at: now,
      })),
    );
    await tellDepartments(trx, now, rule, fresh, dueOn);
    await finishRun(trx, runId, {
      finished_at: new Date(now.getTime() + Math.round(performance.now() - clockStarted)),
      hits: hits.length,
      created: fresh.length,
    });
    await updateRule(trx, code, { last_run_on: today });
    await recordAudit(trx, deps.config.auditHash, now, who, {
      action: 'warning_rule.run',
      entityType: 'warning_rule',
      entityId: rule.name,
      summary: `运行预警规则“${rule.name}”（${trigger}）：发现 ${hits.length} 个情形，新增预警 ${fresh.length} 条${
        warningNos.length ? `（${warningNos[0]}${warningNos.length > 1 ? ` 至 ${warningNos.at(-1)}` : ''}）` : ''
      }`,
      after: { ruleCode: code, trigger, hits: hits.length, created: fresh.length },
    });
    return { ruleCode: code, hits: hits.length, created: fresh.length, warningNos };
  });
}

async function tellDepartments(
  trx: Db,
  now: Date,
  rule: WarningRuleRow,
  fresh: { departmentId: number }[],
  dueOn: string | null,
): Promise<void> {
  const counts = new Map<number, number>();
  for (const f of fresh) counts.set(f.departmentId, (counts.get(f.departmentId) ?? 0) + 1);
  const users = await handlers(trx, [...counts.keys()]);
  for (const [departmentId, n] of counts)
    await notify(trx, now, {
      userIds: users.filter((u) => u.dept === departmentId).map((u) => u.id),
      kind: 'warning',
      title: `${rule.level}色预警：${rule.name}`,
      body: `新增 ${n} 条“${rule.name}”预警，请核查处置${dueOn ? `，于 ${dueOn} 前反馈` : ''}。`,
      link: '/warnings',
    });
}

/** 立即运行 (warning:rule): runs the rule now, whatever ran today. */
export async function runRuleNow(deps: AppDeps, actor: Actor, code: RuleCode): Promise<RunOutcome> {
  requirePermission(actor, 'warning:rule');
  return runOne(deps, code, '手动', auditSubjectOf(actor));
}

/** The hourly job: each enabled rule that has not run today (China date) runs once. */
export async function runDueWarningRules(deps: AppDeps, now: Date): Promise<RunOutcome[]> {
  const today = chinaDate(now);
  const out: RunOutcome[] = [];
  const failed: string[] = [];
  for (const rule of await listRules(deps.db))
    if (rule.enabled && (rule.last_run_on === null || rule.last_run_on < today))
      // One rule failing (e.g. parameters made invalid) does not hold back the others; the job reports it.
      await runOne(deps, rule.code, '定时', warningSystem).then(
        (o) => out.push(o),
        (error: unknown) => failed.push(`${rule.name}：${error instanceof Error ? error.message : String(error)}`),
      );
  if (failed.length) throw new Error(`预警规则运行失败：${failed.join('；')}`);
  return out;
}
