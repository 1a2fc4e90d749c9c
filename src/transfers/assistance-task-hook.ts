import { recordAudit } from '../audit/audit.service';
import type { TransferWrite } from './transfer-write';
import { recordStep, tell } from './transfer-write';
import { requestOfTask, updateRequest } from './assistance.repository';
import { assistanceLink } from './assistance-links';

/**
 * A 协查 task changed status (called from src/tasks/task-hooks.ts): merged into a joint visit, the request follows
 * the joint task; inspected, the request's history says so and the requester is told the check is done (the
 * requested department then answers with its findings).
 */
export async function afterAssistanceTask(
  w: TransferWrite,
  taskId: number,
  transition: string,
  mergedInto: { id: number; taskNo: string } | undefined,
): Promise<void> {
  if (transition !== 'complete' && !(transition === 'merge' && mergedInto)) return;
  const requests = await requestOfTask(w.trx, taskId);
  for (const raw of requests) {
    const r = { ...raw, id: Number(raw.id) };
    const departmentId = Number(r.requested_department_id);
    if (mergedInto) {
      await updateRequest(w.trx, r.id, { task_id: mergedInto.id, updated_at: w.now });
      await recordStep(
        w,
        { type: '协查', id: r.id, departmentId },
        { action: '并入联合检查', note: `检查任务 ${mergedInto.taskNo}` },
      );
      await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
        action: 'assistance.task',
        entityType: 'assistance_request',
        entityId: r.request_no,
        summary: `${r.kind} ${r.request_no} 的现场核查并入联合检查 ${mergedInto.taskNo}`,
        after: { taskNo: mergedInto.taskNo },
      });
      continue;
    }
    await recordStep(w, { type: '协查', id: r.id, departmentId }, { action: '现场核查完成', note: '' });
    await recordAudit(w.trx, w.deps.config.auditHash, w.now, w.who, {
      action: 'assistance.inspected',
      entityType: 'assistance_request',
      entityId: r.request_no,
      summary: `${r.kind} ${r.request_no} 的现场核查已完成`,
      after: { taskId },
    });
    await tell(w, [Number(r.requesting_department_id)], 'readers', {
      kind: 'assistance_answered',
      title: `${r.request_no}：现场核查已完成`,
      body: `${r.kind} ${r.request_no} 的现场核查已完成，被请求部门将答复核查结果。`,
      link: assistanceLink(r.request_no),
    });
  }
}
