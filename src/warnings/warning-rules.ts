import { z } from 'zod';
import type { RuleCode } from './warning.table';

/**
 * The built-in warning rules' parameters and how their facts read (pure: no database). The queries are in
 * warning-rule.repository.ts; the settings an administrator may change (level, owner, parameters, deadline,
 * enabled) are in warning_rules.
 */

const int = (label: string, min: number, max: number) =>
  z
    .number({ message: `请填写${label}` })
    .int(`${label}应为整数`)
    .min(min, `${label}不小于 ${min}`)
    .max(max, `${label}不超过 ${max}`);

export const ruleParamSchemas = {
  repeat_complaints: z.object({
    minCount: int('投诉次数下限', 2, 50),
    windowDays: int('统计天数', 1, 365),
    sameMatter: z.boolean({ message: '请选择是否按事项分别统计' }),
  }),
  unfollowed_finding: z.object({
    graceDays: int('跟进期限（天）', 1, 180),
    lookbackDays: int('回溯天数', 30, 730),
  }),
  licence_lapsed: z.object({
    graceDays: int('到期后宽限天数', 0, 90),
    lookbackDays: int('回溯天数', 30, 730),
  }),
  key_not_inspected: z.object({
    byDate: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '检查截止日应为 MM-DD，如 09-30'),
    includeKeyTargets: z.boolean({ message: '请选择是否包括重点抽查对象' }),
  }),
  visits_above_cap: z.object({}),
  frequent_visits: z.object({
    minVisits: int('检查次数下限', 2, 50),
    windowDays: int('统计天数', 1, 365),
  }),
} as const satisfies Record<RuleCode, z.ZodType>;

/** Any rule's parameters, as the audit entry of a rule change records them. */
export type AnyRuleParams = Partial<{
  minCount: number;
  windowDays: number;
  sameMatter: boolean;
  graceDays: number;
  lookbackDays: number;
  byDate: string;
  includeKeyTargets: boolean;
  minVisits: number;
}>;

export type RuleParams<C extends RuleCode> = z.infer<(typeof ruleParamSchemas)[C]>;

/** How the rule page labels each parameter (the form is built from this list). */
export const ruleParamLabels: Record<string, { label: string; kind: 'int' | 'bool' | 'monthDay' }> = {
  minCount: { label: '投诉次数下限', kind: 'int' },
  windowDays: { label: '统计天数', kind: 'int' },
  sameMatter: { label: '按投诉事项分别统计', kind: 'bool' },
  graceDays: { label: '期限（天）', kind: 'int' },
  lookbackDays: { label: '回溯天数', kind: 'int' },
  byDate: { label: '本年度检查截止日（月-日）', kind: 'monthDay' },
  includeKeyTargets: { label: '包括重点抽查对象', kind: 'bool' },
  minVisits: { label: '检查次数下限', kind: 'int' },
};

/** The facts one hit carries, per rule (stored as the warning's facts). */
export interface RuleFacts {
  repeat_complaints: { count: number; windowDays: number; matterName: string | null };
  unfollowed_finding: { taskNo: string; inspectedOn: string; problems: number; items: string[]; graceDays: number };
  licence_lapsed:
    | { kind: 'expired'; licenceName: string; certificateNo: string; validTo: string }
    | { kind: 'unlicensed'; followUpNo: string; followedUpOn: string };
  key_not_inspected: { year: number; byDate: string; creditClass: string | null; keyTarget: boolean };
  visits_above_cap: { year: number; visits: number; cap: number; taskNos: string[] };
  frequent_visits: { visits: number; windowDays: number; taskNos: string[] };
}

/** One case a rule found: the subject, the department the facts name (null: none), and the facts. */
export interface RuleHit<C extends RuleCode = RuleCode> {
  subjectId: number;
  departmentId: number | null;
  factKey: string;
  facts: RuleFacts[C];
}

const list = (xs: readonly string[], max = 5) =>
  xs.length > max ? `${xs.slice(0, max).join('、')}等 ${xs.length} 个` : xs.join('、');

/** The facts of a warning as Chinese sentences (detail page, notification). */
export function factSentences(code: RuleCode, facts: Record<string, unknown>): string[] {
  switch (code) {
    case 'repeat_complaints': {
      const f = facts as RuleFacts['repeat_complaints'];
      return [
        // Only the count: the complaints themselves may be another department's (data used for its duties only).
        `近 ${f.windowDays} 天内${f.matterName ? `就“${f.matterName}”` : ''}被投诉举报 ${f.count} 次。`,
      ];
    }
    case 'unfollowed_finding': {
      const f = facts as RuleFacts['unfollowed_finding'];
      return [
        `检查任务 ${f.taskNo} 于 ${f.inspectedOn} 发现 ${f.problems} 项不符合（${list(f.items)}）。`,
        `已超过 ${f.graceDays} 天，仍无案件移送、后续检查或行政处罚。`,
      ];
    }
    case 'licence_lapsed': {
      const f = facts as RuleFacts['licence_lapsed'];
      return f.kind === 'expired'
        ? [
            `${f.licenceName}（${f.certificateNo || '无证书编号'}）有效期至 ${f.validTo}，已过期。`,
            '该主体仍为存续状态，平台未收到新的同类许可。',
          ]
        : [`照后证前跟踪 ${f.followUpNo} 于 ${f.followedUpOn} 发现无证经营，此后未取得许可。`];
    }
    case 'key_not_inspected': {
      const f = facts as RuleFacts['key_not_inspected'];
      const who = [f.creditClass === 'D' ? '信用风险分类为 D 类' : null, f.keyTarget ? '重点抽查对象' : null]
        .filter(Boolean)
        .join('、');
      return [`该主体为${who}。`, `截至 ${f.year}-${f.byDate}，${f.year} 年度尚未检查。`];
    }
    case 'visits_above_cap': {
      const f = facts as RuleFacts['visits_above_cap'];
      return [
        `${f.year} 年已安排日常检查 ${f.visits} 次，超过每年 ${f.cap} 次的上限。`,
        `检查任务：${list(f.taskNos)}。`,
      ];
    }
    case 'frequent_visits': {
      const f = facts as RuleFacts['frequent_visits'];
      return [`近 ${f.windowDays} 天内本部门对该主体检查 ${f.visits} 次。`, `检查任务：${list(f.taskNos)}。`];
    }
  }
}
