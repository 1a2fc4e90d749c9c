import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Actor } from '../auth/actor';
import { auditSubjectOf } from '../audit/audit.service';
import { addDays } from '../calendar/calendar-date';
import { removeUpload, saveUpload } from '../imports/import-file';
import { createJob, executeJob, requireImportKind } from '../imports/import.service';
import type { AssessmentInput } from '../risk-assessment/risk-assessment.schemas';
import { createAssessment, startAssessment } from '../risk-assessment/risk-assessment.service';
import { issueAssessment } from '../risk-assessment/risk-issue.service';
import { runAssessment } from '../risk-assessment/risk-run.service';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { seededRandom } from '../shared/seeded-random';
import { at, atClock } from './demo-steps';

/** 市应急管理局: a rule-based assessment of the industries handling hazardous chemicals (危险化学品). */
const chemicals: AssessmentInput = {
  name: '2026 年度危险化学品相关行业安全风险评估',
  reasonKind: '确定监管重点',
  reason:
    '根据《危险化学品安全管理条例》和年度安全生产监管工作要求，为确定危险化学品生产、经营领域的监管重点，对全市相关行业市场主体开展安全风险评估。',
  assessorKind: '自行评估',
  assessorName: null,
  method: '规则计算',
  methodNote: '检查不符合率取本局近三年随机抽查和专项检查结果；行政处罚、不良信用记录取平台归集数据。',
  scope: { industryCodes: ['25', '26', '5162', '5169'], tags: [], divisions: [] },
  indicators: [
    { kind: '行业基础风险', weight: 35 },
    { kind: '检查不符合率', weight: 25 },
    { kind: '行政处罚', weight: 15, cap: 3 },
    { kind: '失信记录', weight: 10, cap: 5 },
    { kind: '重点抽查对象', weight: 10 },
    { kind: '许可被撤销吊销', weight: 5 },
  ],
  industryBase: [
    { code: '25', score: 60 },
    { code: '26', score: 40 },
    { code: '261', score: 65 },
    { code: '2614', score: 85 },
    { code: '263', score: 75 },
    { code: '267', score: 100 },
    { code: '268', score: 20 },
    { code: '5162', score: 70 },
    { code: '5169', score: 45 },
  ],
  windowYears: 3,
  cutoffs: { 一般: 18, 较高: 28, 高: 42 },
  measures: [
    {
      level: '高',
      measure: '列为重点监管对象，每半年至少检查一次；督促开展隐患排查治理并限期整改，整改完成前不予延续相关许可。',
    },
    { level: '较高', measure: '提高“双随机”抽查比例至 50%，开展安全生产标准化达标复核。' },
    { level: '一般', measure: '按年度计划开展“双随机”抽查，推送安全生产警示提醒。' },
    { level: '低', measure: '降低抽查比例和频次，无事不扰，以企业自查为主。' },
  ],
};

/** 市市场监督管理局: levels of catering businesses assessed by an entrusted third party (第三十八条). */
const catering: AssessmentInput = {
  name: '东港区餐饮服务单位食品安全风险等级评定（委托第三方）',
  reasonKind: '发现安全隐患',
  reason:
    '夏季食品安全专项监测和群众投诉反映部分餐饮单位后厨卫生、原料管理存在隐患，需对东港区餐饮服务单位重新开展风险评估。',
  assessorKind: '委托第三方',
  assessorName: '山东鲁安食品安全技术评价中心有限公司',
  method: '第三方结果导入',
  methodNote: '评估机构依据《食品生产经营风险分级管理办法》静态风险因素量化分值表和动态风险因素评价表逐户评分。',
  scope: { industryCodes: ['62'], tags: [], divisions: ['371102'] },
  indicators: [],
  industryBase: [],
  windowYears: 3,
  cutoffs: { 一般: 30, 较高: 45, 高: 60 },
  measures: [
    { level: '高', measure: '纳入重点监管，每年至少检查三次，约谈主要负责人。' },
    { level: '较高', measure: '每年至少检查两次，督促落实食品安全员制度。' },
    { level: '一般', measure: '每年至少检查一次。' },
    { level: '低', measure: '按“双随机”抽查比例检查，鼓励实施“明厨亮灶”。' },
  ],
};

const notes = ['后厨防蝇防鼠设施不完善', '原料进货查验记录不全', '从业人员健康证过期', '餐具消毒记录缺失', ''];

/** The assessor's file: one row per catering business in scope, levels from a fixed seed. */
async function assessorFile(deps: AppDeps, assessmentNo: string): Promise<Buffer> {
  const subjects = await deps.db
    .selectFrom('subjects')
    .select('uscc')
    .where('status', '=', '存续')
    .where((eb) => eb(eb.val('62'), '=', eb.fn.any('industry_scope')))
    .where('division_code', 'like', '371102%')
    .orderBy('uscc')
    .execute();
  const rnd = seededRandom(20_261_120);
  const bands = { 低: [8, 29], 一般: [30, 44], 较高: [45, 59], 高: [60, 82] } as const;
  const lines = ['评估编号,统一社会信用代码,风险等级,评分,说明'];
  for (const s of subjects) {
    const level = rnd.weighted([
      ['低', 50],
      ['一般', 32],
      ['较高', 14],
      ['高', 4],
    ] as const);
    const [lo, hi] = bands[level];
    const score = lo + Math.round(rnd.next() * (hi - lo) * 10) / 10;
    lines.push(`${assessmentNo},${s.uscc},${level},${score},${level === '低' ? '' : rnd.pick(notes)}`);
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`);
}

/** Imports the assessor's file through the import engine, as the department's user would upload it. */
async function importAssessorFile(deps: AppDeps, actor: Actor, data: Buffer): Promise<void> {
  const kind = requireImportKind('risk-levels');
  const jobId = randomUUID();
  const file = await saveUpload(deps.config.imports.uploadDir, jobId, Readable.from([data]), '第三方风险评估结果.csv');
  try {
    await createJob(deps, kind, file, 'all-or-nothing', actor.userId, jobId);
    await executeJob(deps, kind, jobId, file, 'all-or-nothing', actor, auditSubjectOf(actor));
  } finally {
    await removeUpload(file);
  }
}

/**
 * 行业安全风险评估 in the demo city: 市应急管理局 assessed the hazardous-chemical industries from the platform's data and
 * issued its report three weeks ago; 市市场监督管理局 imported a third party's catering assessment and issued it last
 * week. Their levels replace the register's hand-set ones for those subjects (demo-subjects.ts).
 */
export async function seedDemoRiskAssessments(deps: AppDeps, actorOf: (username: string) => Promise<Actor>) {
  const today = chinaDate(deps.clock.now());
  const day = (offset: number, time: string) => atClock(deps, at(addDays(today, offset), time));

  const yjgl = await actorOf('yjgl_admin');
  const a = await createAssessment(day(-24, '09:30'), yjgl, chemicals);
  await startAssessment(day(-23, '10:00'), yjgl, a.id);
  await runAssessment(day(-22, '15:20'), yjgl, a.id);
  await issueAssessment(day(-21, '10:00'), yjgl, a.id);

  const scjg = await actorOf('scjg_admin');
  const b = await createAssessment(day(-16, '09:00'), scjg, catering);
  await startAssessment(day(-16, '09:10'), scjg, b.id);
  await importAssessorFile(day(-9, '14:30'), scjg, await assessorFile(deps, b.assessmentNo));
  await issueAssessment(day(-8, '10:00'), scjg, b.id);

  // A draft of the next assessment, so the editor has something to open.
  await createAssessment(day(-2, '16:00'), yjgl, {
    ...chemicals,
    name: '加油站安全风险专项评估（草稿）',
    reasonKind: '上级部门要求',
    reason: '省应急管理厅部署开展成品油零售企业安全风险专项评估。',
    scope: { industryCodes: ['5265'], tags: [], divisions: [] },
    industryBase: [{ code: '5265', score: 70 }],
  });
}
