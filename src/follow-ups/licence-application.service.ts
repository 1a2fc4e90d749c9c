import { type Actor, departmentFilter, requirePermission } from '../auth/actor';
import { auditSubjectOf, recordAudit } from '../audit/audit.service';
import { yearOf } from '../calendar/calendar-date';
import { workCalendar } from '../calendar/calendar.service';
import { AppError } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { AppDeps } from '../shared/context';
import { nextNumber, subjectIdByUscc } from './follow-up.repository';
import { processingTime } from './follow-up-rules';
import type { ApplicationInput, ApplicationList, ApplicationQuery, ApplicationView } from './follow-up.schemas';
import {
  findApplicationBySender,
  findApplications,
  insertApplication,
  latestRegistrationOf,
} from './licence-application.repository';

/**
 * 二跟踪 (《浦东新区“六个双”政府综合监管实施办法（暂行）》第十八条): the licensing department records an accepted
 * licence application (online, or its system through the API with a bearer token); the supervision office follows its
 * processing time. Idempotent by the sender's id: the same id again returns the stored application unchanged.
 */
export async function recordApplication(
  deps: AppDeps,
  actor: Actor | null,
  input: ApplicationInput,
): Promise<{ created: boolean; application: ApplicationView }> {
  requirePermission(actor, 'followup:application:write');
  const today = chinaDate(deps.clock.now());
  if (input.acceptedOn > today)
    throw new AppError('VALIDATION', '受理日期不能晚于今天', [
      { field: 'acceptedOn', message: '受理日期不能晚于今天' },
    ]);
  const { id, created } = await deps.db.transaction().execute(async (trx) => {
    if (input.senderRecordId) {
      const existing = await findApplicationBySender(trx, actor.departmentId, input.senderRecordId);
      if (existing) return { id: Number(existing.id), created: false };
    }
    const now = deps.clock.now();
    const applicationNo = await nextNumber(trx, 'licence_applications', `XKSQ${yearOf(input.acceptedOn)}-`);
    const registration = await latestRegistrationOf(trx, input.uscc);
    const subjectId = registration?.subject_id ?? (await subjectIdByUscc(trx, input.uscc));
    const newId = await insertApplication(trx, {
      application_no: applicationNo,
      sender_department_id: actor.departmentId,
      sender_record_id: input.senderRecordId ?? applicationNo,
      channel: actor.sessionKind === 'api' ? '接口' : '在线',
      registration_id: registration?.id ?? null,
      subject_id: subjectId,
      uscc: input.uscc,
      applicant_name: input.applicantName,
      approval_item_code: input.approvalItemCode,
      approval_item_name: input.approvalItemName,
      department_id: actor.departmentId,
      accepted_on: input.acceptedOn,
      statutory_days: input.statutoryDays,
      promised_days: input.promisedDays,
      status: '办理中',
      licence_id: null,
      concluded_on: null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, deps.config.auditHash, now, auditSubjectOf(actor), {
      action: 'licence_application.create',
      entityType: 'licence_application',
      entityId: applicationNo,
      summary: `登记许可申请 ${applicationNo}：${input.applicantName}（${input.uscc}）申请“${input.approvalItemName}”，${input.acceptedOn} 受理，承诺 ${input.promisedDays} 个工作日、法定 ${input.statutoryDays} 个工作日办结`,
      after: {
        applicationNo,
        uscc: input.uscc,
        approvalItemCode: input.approvalItemCode,
        acceptedOn: input.acceptedOn,
        promisedDays: input.promisedDays,
        statutoryDays: input.statutoryDays,
      },
    });
    return { id: newId, created: true };
  });
  const [application] = (await applicationViews(deps, { ids: [id] })).rows;
  return { created, application: application! };
}

/** Applications with their processing time, and per-department counts (the licensing department sees its own). */
export async function listApplications(
  deps: AppDeps,
  actor: Actor | null,
  query: ApplicationQuery,
): Promise<ApplicationList> {
  requirePermission(actor, 'followup:application:read');
  const departmentId = departmentFilter(actor, 'followup:application:read') ?? query.departmentId ?? null;
  const all = await applicationViews(deps, { departmentId });
  const departments = new Map<number, ApplicationList['departments'][number]>();
  for (const a of all.rows) {
    const d = departments.get(a.department.id) ?? {
      department: a.department,
      inProgress: 0,
      overPromised: 0,
      overStatutory: 0,
      concluded: 0,
    };
    if (a.status === '已办结') d.concluded += 1;
    else {
      d.inProgress += 1;
      if (a.state === '超承诺时限') d.overPromised += 1;
      if (a.state === '超法定时限') d.overStatutory += 1;
    }
    departments.set(a.department.id, d);
  }
  return {
    rows: query.status ? all.rows.filter((a) => a.status === query.status) : all.rows,
    departments: [...departments.values()],
  };
}

async function applicationViews(
  deps: AppDeps,
  filter: { ids?: number[]; departmentId?: number | null },
): Promise<{ rows: ApplicationView[] }> {
  const today = chinaDate(deps.clock.now());
  const calendar = await workCalendar(deps.db);
  const rows = await findApplications(deps.db, filter);
  return {
    rows: rows.map((r) => ({
      applicationNo: r.application_no,
      channel: r.channel,
      uscc: r.uscc,
      applicantName: r.applicant_name,
      approvalItemCode: r.approval_item_code,
      approvalItemName: r.approval_item_name,
      department: { id: Number(r.department_id), name: r.department_name },
      acceptedOn: r.accepted_on,
      statutoryDays: r.statutory_days,
      promisedDays: r.promised_days,
      status: r.status,
      concludedOn: r.concluded_on,
      licence: r.decision_doc_no ? { decisionDocNo: r.decision_doc_no, certificateNo: r.certificate_no ?? '' } : null,
      ...processingTime(
        calendar,
        {
          acceptedOn: r.accepted_on,
          promisedDays: r.promised_days,
          statutoryDays: r.statutory_days,
          concludedOn: r.concluded_on,
        },
        today,
      ),
    })),
  };
}
