import { recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import type { AppDeps } from '../shared/context';
import { transitionTask } from '../tasks/task-transition';
import { followUpSystem } from './follow-up-plan.service';
import {
  findLicence,
  followUpDepartmentsOfSubject,
  insertRoutineSupervisions,
  openFollowUpsOfSubject,
  updateFollowUp,
} from './follow-up.repository';
import { openApplicationsOf, updateApplication } from './licence-application.repository';

/** Whether a licence answers an obligation's (or an application's) approval items. */
function covers(licenceCode: string | null, codes: readonly string[]): boolean {
  return licenceCode ? codes.includes(licenceCode) : codes.length === 1;
}

/**
 * The end of 照后证前 (《浦东新区“六个双”政府综合监管实施办法（暂行）》第十八条) when a licence in force arrives for a subject:
 * - each open follow-up obligation the licence covers (its approval item; without an item, an obligation of one item)
 *   whose task has not started (待发布/已发布) is 免于跟踪（已取证）and its task voided with the reason; one without a task
 *   likewise; one whose task is under way or merged into a joint visit stays and is completed by that inspection;
 * - the subject enters routine supervision of the departments that followed it up for that item and of the licensing
 *   department (recorded once per licence and department); the sampling items whose object scope covers the subject
 *   draw it from the next round on, as for any subject in the register (docs/records.md “双跟踪”);
 * - the licence application it answers (二跟踪) is 已办结 with the licence.
 * Runs in the transaction that stored the licence (src/records/record-hooks.ts afterLicenceReceived).
 */
export async function endFollowUpsOnLicence(
  trx: Db,
  deps: AppDeps,
  licenceId: number,
  _change: 'new' | 'changed',
): Promise<void> {
  const licence = await findLicence(trx, licenceId);
  if (!licence || licence.uscc === null || !['有效', '已变更'].includes(licence.status)) return;
  const uscc = licence.uscc;
  const now = deps.clock.now();
  const w = { trx, deps, now, who: followUpSystem };
  const licenceText = `许可决定 ${licence.decision_doc_no}（${licence.decided_on}）`;
  for (const f of await openFollowUpsOfSubject(trx, uscc)) {
    if (!covers(licence.approval_item_code, f.approval_item_codes)) continue;
    const unstarted = f.task_status === '待发布' || f.task_status === '已发布';
    if (f.task_id !== null && !unstarted) continue;
    if (f.task_id !== null)
      await transitionTask(w, Number(f.task_id), 'void', {
        note: `照后证前跟踪 ${f.follow_up_no} 的主体已取得许可（${licenceText}），免于跟踪`,
      });
    await updateFollowUp(trx, Number(f.id), {
      status: '免于跟踪',
      closed_by_licence_id: licenceId,
      closed_on: licence.decided_on,
      updated_at: now,
    });
    await recordAudit(trx, deps.config.auditHash, now, followUpSystem, {
      action: 'follow_up.closed_by_licence',
      entityType: 'follow_up',
      entityId: f.follow_up_no,
      summary: `照后证前跟踪 ${f.follow_up_no}：${licence.counterpart_name}（${uscc}）已取得许可（${licenceText}），免于跟踪${f.task_no ? `，检查任务 ${f.task_no} 作废` : ''}`,
      before: { status: '待跟踪' },
      after: { status: '免于跟踪', licenceId, taskNo: f.task_no },
    });
  }
  const departments = new Set(
    (await followUpDepartmentsOfSubject(trx, uscc))
      .filter((f) => covers(licence.approval_item_code, f.approval_item_codes))
      .map((f) => f.department_id),
  );
  if (licence.department_id !== null) departments.add(Number(licence.department_id));
  const entered = await insertRoutineSupervisions(
    trx,
    [...departments].map((departmentId) => ({
      subject_id: licence.subject_id,
      uscc,
      subject_name: licence.counterpart_name,
      department_id: departmentId,
      licence_id: licenceId,
      since: licence.decided_on,
      created_at: now,
    })),
  );
  if (entered > 0)
    await recordAudit(trx, deps.config.auditHash, now, followUpSystem, {
      action: 'follow_up.routine',
      entityType: 'subject',
      entityId: licence.subject_id ?? uscc,
      summary: `${licence.counterpart_name}（${uscc}）取得许可（${licenceText}），自 ${licence.decided_on} 起纳入 ${entered} 个部门的日常监管`,
      after: { licenceId, departmentIds: [...departments], since: licence.decided_on },
    });
  const applications = await openApplicationsOf(trx, uscc);
  for (const a of applications) {
    const answered = licence.approval_item_code
      ? a.approval_item_code === licence.approval_item_code
      : applications.length === 1;
    if (!answered) continue;
    await updateApplication(trx, Number(a.id), {
      status: '已办结',
      licence_id: licenceId,
      concluded_on: licence.decided_on,
      updated_at: now,
    });
    await recordAudit(trx, deps.config.auditHash, now, followUpSystem, {
      action: 'licence_application.conclude',
      entityType: 'licence_application',
      entityId: a.application_no,
      summary: `许可申请 ${a.application_no} 已办结：${licenceText}`,
      before: { status: '办理中' },
      after: { status: '已办结', licenceId, concludedOn: licence.decided_on },
    });
  }
}
