import type { Actor } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { addCalendarMonths } from '../calendar/calendar-date';
import type { Db } from '../db/database';
import type { RiskLevel } from '../draw/engine/types';
import { AppError } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { lockOwn, processStep } from './risk-assessment.service';
import {
  findAssessment,
  levelCounts,
  replaceResults,
  updateAssessment,
  upsertResults,
} from './risk-assessment.repository';
import { scopedFacts } from './risk-facts.repository';
import { scoreSubject } from './risk-score';
import { riskLevelOrder } from './composite-risk';

const describe = (counts: Map<string, number>) => riskLevelOrder.map((l) => `${l} ${counts.get(l) ?? 0} 户`).join('、');

/**
 * Runs a rule-based assessment (规则计算) over the subjects in its scope: each subject's facts from the platform's
 * data since the window start, scored by the pure module (src/risk-assessment/risk-score.ts); the results replace any
 * earlier run's. 评估中 or 已完成 → 已完成. Returns the subjects assessed and the level distribution.
 */
export async function runAssessment(deps: AppDeps, actor: Actor, id: number) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await lockOwn(trx, actor, id);
    if (row.method !== '规则计算')
      throw new AppError(
        'CONFLICT',
        `风险评估 ${row.assessment_no} 的评估方法为第三方结果导入，请导入评估机构的结果文件`,
      );
    if (row.status === '草稿') throw new AppError('CONFLICT', '请先开始评估（评估规则确定后才能运行）');
    const now = deps.clock.now();
    const since = addCalendarMonths(chinaDate(now), -12 * row.window_years);
    const subjects = await scopedFacts(trx, row.scope, row.department_id, since);
    if (subjects.length === 0) throw new AppError('VALIDATION', '评估范围内没有存续的监管对象，请调整评估范围');
    const results = subjects.map((s) => {
      const scored = scoreSubject(s, row.indicators, row.industry_base, row.cutoffs);
      return {
        assessment_id: id,
        subject_id: s.id,
        uscc: s.uscc,
        subject_name: s.name,
        score: scored.score,
        level: scored.level,
        points: JSON.stringify(scored.points),
        note: '',
      };
    });
    await replaceResults(trx, id, results);
    const counts = await levelCounts(trx, id);
    const step = `按评估指标体系对 ${subjects.length} 户市场主体计算评分（数据期间 ${since} 至 ${chinaDate(now)}）：${describe(counts)}`;
    await finish(trx, id, row.process_log, step, subjects.length, now);
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'risk_assessment.run',
      entityType: 'risk_assessment',
      entityId: id,
      summary: `运行行业安全风险评估 ${row.assessment_no}：${step}`,
    });
    return {
      subjectCount: subjects.length,
      distribution: riskLevelOrder.map((level) => ({ level, subjects: counts.get(level) ?? 0 })),
    };
  });
}

async function finish(
  trx: Db,
  id: number,
  log: { at: string; what: string }[],
  what: string,
  subjectCount: number,
  now: Date,
) {
  await updateAssessment(trx, id, {
    status: '已完成',
    subject_count: subjectCount,
    completed_at: now,
    updated_at: now,
    process_log: JSON.stringify([...log, processStep(now, what)]),
  });
}

/** One imported row, validated by the import spec (src/imports/specs/risk-level.import.ts). */
export interface ImportedLevel {
  assessmentId: number;
  subjectId: number;
  uscc: string;
  subjectName: string;
  level: RiskLevel;
  score: number | null;
  note: string;
}

/**
 * Stores a batch of levels imported from a third-party assessor's file (第三十八条), inside the import job's
 * transaction: each row adds or replaces its subject's result; the assessment becomes 已完成 with its count and a
 * process step. Returns the number of rows written.
 */
export async function storeImportedLevels(trx: Db, rows: readonly ImportedLevel[], now: Date): Promise<number> {
  await upsertResults(
    trx,
    rows.map((r) => ({
      assessment_id: r.assessmentId,
      subject_id: r.subjectId,
      uscc: r.uscc,
      subject_name: r.subjectName,
      score: r.score,
      level: r.level,
      points: null,
      note: r.note,
    })),
  );
  for (const assessmentId of new Set(rows.map((r) => r.assessmentId))) {
    const a = (await findAssessment(trx, assessmentId))!;
    const counts = await levelCounts(trx, assessmentId);
    const total = [...counts.values()].reduce((s, n) => s + n, 0);
    const what = `导入${a.assessor_name ?? '第三方评估机构'}的评估结果，共 ${total} 户：${describe(counts)}`;
    const log = a.process_log.filter((p) => !p.what.startsWith('导入'));
    await finish(trx, assessmentId, log, what, total, now);
  }
  return rows.length;
}
