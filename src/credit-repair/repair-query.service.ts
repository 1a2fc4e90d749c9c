import { type Actor, departmentFilter, requireDepartmentScope } from '../auth/actor';
import { notFound } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { offsetOf } from '../shared/paging';
import type { CreditRepairApplicationRow, RepairStatus } from './credit-repair.table';
import { penaltyEligibility } from './repair-apply.service';
import {
  eventsOf,
  evidenceList,
  findApplication,
  findEvidence,
  pageApplications,
  statusCounts,
} from './repair.repository';

/** The deadline running now (acceptance, then decision) and whether it has passed. */
function deadlineOf(a: CreditRepairApplicationRow, today: string) {
  const due = a.status === '待受理' ? a.accept_due_on : a.status === '已受理' ? a.decision_due_on : null;
  return { dueOn: due, overdue: due !== null && due < today };
}

const present = (a: CreditRepairApplicationRow, today: string) => ({
  repairNo: a.repair_no,
  penaltyId: a.penalty_id,
  uscc: a.uscc,
  subjectName: a.subject_name,
  decisionDocNo: a.decision_doc_no,
  channel: a.channel,
  status: a.status,
  contactName: a.contact_name,
  submittedAt: a.created_at.toISOString(),
  acceptDueOn: a.accept_due_on,
  decisionDueOn: a.decision_due_on,
  ...deadlineOf(a, today),
});

/** 信用修复 applications in the actor's scope, by status (逾期: past the acceptance or decision deadline). */
export async function listApplications(
  deps: AppDeps,
  actor: Actor,
  q: { status?: RepairStatus | '逾期'; keyword?: string; page: number; pageSize: number },
) {
  const today = chinaDate(deps.clock.now());
  const departmentId = departmentFilter(actor, 'credit:repair:read');
  const [page, counts] = await Promise.all([
    pageApplications(deps.db, { ...q, departmentId, today }, q.pageSize, offsetOf(q)),
    statusCounts(deps.db, departmentId, today),
  ]);
  return { total: page.total, counts, items: page.rows.map((a) => present(a, today)) };
}

async function readable(deps: AppDeps, actor: Actor, repairNo: string) {
  const app = await findApplication(deps.db, repairNo);
  if (!app) throw notFound('信用修复申请');
  requireDepartmentScope(actor, 'credit:repair:read', app.department_id ?? actor.departmentId);
  return app;
}

export async function applicationDetail(deps: AppDeps, actor: Actor, repairNo: string) {
  const app = await readable(deps, actor, repairNo);
  const today = chinaDate(deps.clock.now());
  const [events, files, judged] = await Promise.all([
    eventsOf(deps.db, app.id),
    evidenceList(deps.db, app.id),
    penaltyEligibility(deps.db, today, app.penalty_id),
  ]);
  const p = judged.penalty;
  return {
    ...present(app, today),
    statements: app.statements,
    statementText: app.statement_text,
    contactPhone: app.contact_phone,
    supplementRequest: app.supplement_request,
    decisionReason: app.decision_reason,
    decidedAt: app.decided_at?.toISOString() ?? null,
    penalty: {
      decidedOn: p.decided_on,
      authorityName: p.authority_name,
      violationType: p.violation_type,
      violationFacts: p.violation_facts,
      categories: p.categories,
      content: p.content,
      publicityUntil: p.publicity_until,
      publicationStatus: p.publication_status,
    },
    earliestOn: judged.eligibility.earliestOn,
    evidence: files.map((f) => ({
      id: f.id,
      fileName: f.file_name,
      contentType: f.content_type,
      size: f.size,
      url: `/api/credit-repair/applications/${app.repair_no}/evidence/${f.id}`,
    })),
    steps: events.map((e) => ({ action: e.action, note: e.note, by: e.by_name, at: e.at.toISOString() })),
  };
}

export async function evidenceFile(deps: AppDeps, actor: Actor, repairNo: string, evidenceId: number) {
  const app = await readable(deps, actor, repairNo);
  const file = await findEvidence(deps.db, app.id, evidenceId);
  if (!file) throw notFound('证明材料');
  return { fileName: file.file_name, contentType: file.content_type, data: file.data };
}

/** For the counter: whether the penalty can be repaired now (the staff see the same rules the portal applies). */
export async function counterEligibility(deps: AppDeps, actor: Actor, penaltyId: number) {
  const { penalty: p, eligibility } = await penaltyEligibility(deps.db, chinaDate(deps.clock.now()), penaltyId);
  requireDepartmentScope(actor, 'credit:repair:read', p.department_id ?? p.sender_department_id);
  return { decisionDocNo: p.decision_doc_no, subjectName: p.counterpart_name, uscc: p.uscc, eligibility };
}
