import { recordAudit } from '../audit/audit.service';
import { workCalendar } from '../calendar/calendar.service';
import { unlessYearMissing } from '../calendar/work-calendar';
import type { Db } from '../db/database';
import { AppError } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import {
  type ApplicationInput,
  addEvidence,
  createApplication,
  type EvidenceFile,
  penaltyEligibility,
  portalSubject,
} from './repair-apply.service';
import { findSetOfPenalty, setsOfUscc } from './penalty-documents.repository';
import { ACCEPT_WORKING_DAYS } from './repair-eligibility';
import { queryCodeMatches } from './repair-query-code';
import {
  eventsOf,
  evidenceList,
  findApplication,
  insertEvent,
  lockApplication,
  updateApplication,
} from './repair.repository';

/** One answer for a wrong credit code, a wrong 查询码 or an unknown application: nothing is revealed. */
const refused = () => new AppError('FORBIDDEN', '统一社会信用代码、申请编号或企业查询码不正确');

/** The penalty whose 《信用修复告知书》 carries this 查询码, among the subject's document sets. */
async function penaltyOfCode(db: Db, now: Date, uscc: string, queryCode: string): Promise<number> {
  for (const set of await setsOfUscc(db, uscc.toUpperCase()))
    if (await queryCodeMatches(db, now, set.set_no, queryCode)) return set.penalty_id;
  throw refused();
}

/** The application, when the 查询码 is the one its penalty's documents carry. */
async function applicationOfCode(db: Db, now: Date, repairNo: string, queryCode: string) {
  const app = await findApplication(db, repairNo.trim().toUpperCase());
  const set = app ? await findSetOfPenalty(db, app.penalty_id) : undefined;
  if (!app || !set || !(await queryCodeMatches(db, now, set.set_no, queryCode))) throw refused();
  return app;
}

/** 企业查询 for repair: the penalty the 查询码 names, whether it can be repaired now, and its applications. */
export async function portalLookup(deps: AppDeps, uscc: string, queryCode: string) {
  const now = deps.clock.now();
  const penaltyId = await penaltyOfCode(deps.db, now, uscc, queryCode);
  const { penalty: p, eligibility, applications } = await penaltyEligibility(deps.db, chinaDate(now), penaltyId);
  return {
    penalty: {
      decisionDocNo: p.decision_doc_no,
      subjectName: p.counterpart_name,
      authorityName: p.authority_name,
      decidedOn: p.decided_on,
      violationType: p.violation_type,
      categories: p.categories,
      publicityUntil: p.publicity_until,
    },
    eligibility,
    applications: applications.map((a) => ({ repairNo: a.repair_no, status: a.status })),
  };
}

export async function applyOnPortal(
  deps: AppDeps,
  input: ApplicationInput & { uscc: string; queryCode: string },
  ip: string | null,
) {
  const penaltyId = await penaltyOfCode(deps.db, deps.clock.now(), input.uscc, input.queryCode);
  const repairNo = await deps.db
    .transaction()
    .execute((trx) =>
      createApplication(trx, deps, portalSubject(input.uscc.toUpperCase(), ip), penaltyId, input, '门户'),
    );
  return portalProgress(deps, repairNo, input.queryCode);
}

export async function addEvidenceOnPortal(
  deps: AppDeps,
  repairNo: string,
  queryCode: string,
  file: EvidenceFile,
  ip: string | null,
) {
  const app = await applicationOfCode(deps.db, deps.clock.now(), repairNo, queryCode);
  await deps.db.transaction().execute(async (trx) => {
    const locked = (await lockApplication(trx, app.repair_no))!;
    await addEvidence(trx, deps, portalSubject(app.uscc, ip), locked, file);
  });
  return portalProgress(deps, app.repair_no, queryCode);
}

/** The subject hands in what the credit office asked for: the application waits for acceptance again. */
export async function submitSupplement(
  deps: AppDeps,
  repairNo: string,
  queryCode: string,
  note: string,
  ip: string | null,
) {
  const now = deps.clock.now();
  const app = await applicationOfCode(deps.db, now, repairNo, queryCode);
  await deps.db.transaction().execute(async (trx) => {
    const locked = (await lockApplication(trx, app.repair_no))!;
    if (locked.status !== '待补正') throw new AppError('CONFLICT', '该申请不需要补正材料');
    const today = chinaDate(now);
    const calendar = await workCalendar(trx);
    await updateApplication(trx, locked.id, {
      status: '待受理',
      accept_due_on: unlessYearMissing(() => calendar.addWorkingDays(today, ACCEPT_WORKING_DAYS)),
      updated_at: now,
    });
    const who = portalSubject(app.uscc, ip);
    await insertEvent(trx, { application_id: locked.id, action: '补正材料', note, by_name: who.name, at: now });
    await recordAudit(trx, deps.config.auditHash, now, who, {
      action: 'credit_repair.supplement',
      entityType: 'credit_repair',
      entityId: locked.repair_no,
      summary: `信用修复 ${locked.repair_no} 提交补正材料：${note}`,
      before: { status: '待补正' },
      after: { status: '待受理' },
    });
  });
  return portalProgress(deps, app.repair_no, queryCode);
}

/** What the subject sees on the portal: the status, the deadline, each step, the files handed in. */
export async function portalProgress(deps: AppDeps, repairNo: string, queryCode: string) {
  const app = await applicationOfCode(deps.db, deps.clock.now(), repairNo, queryCode);
  const [events, files] = await Promise.all([eventsOf(deps.db, app.id), evidenceList(deps.db, app.id)]);
  return {
    repairNo: app.repair_no,
    subjectName: app.subject_name,
    decisionDocNo: app.decision_doc_no,
    status: app.status,
    acceptDueOn: app.accept_due_on,
    decisionDueOn: app.decision_due_on,
    supplementRequest: app.status === '待补正' ? app.supplement_request : null,
    decisionReason: app.decision_reason,
    steps: events.map((e) => ({ action: e.action, note: e.note, at: e.at.toISOString() })),
    evidence: files.map((f) => ({ fileName: f.file_name, size: f.size })),
  };
}
