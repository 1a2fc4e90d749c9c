import type { ComplaintWrite } from './complaint-handling-step';
import { complaintsOfTask, insertComplaintEvent, updateComplaint } from './complaint-handling.repository';

/**
 * The task pipeline's news for complaints verified on site (called from src/tasks/task-hooks.ts; this file must not
 * import the task transition): a 投诉核查 task merged into a joint visit is followed to the joint task; an inspected
 * task shows its findings on the complaint, whose department then records the result.
 */
async function complaintTaskMerged(w: ComplaintWrite, taskId: number, into: { id: number; taskNo: string }) {
  for (const c of await complaintsOfTask(w.trx, taskId)) {
    await updateComplaint(w.trx, c.id, { task_id: into.id, updated_at: w.now });
    await insertComplaintEvent(w.trx, {
      complaint_id: c.id,
      action: '核查任务并入联合检查',
      from_status: c.status,
      to_status: c.status,
      department_id: c.department_id,
      actor_user_id: w.who.userId,
      actor_name: w.who.name,
      note: `与其他部门计划的检查合并为联合检查任务 ${into.taskNo}（进一次门、查多项事）`,
      at: w.now,
    });
  }
}

async function complaintTaskCompleted(w: ComplaintWrite, taskId: number) {
  for (const c of await complaintsOfTask(w.trx, taskId)) {
    if (c.status !== '核查中') continue;
    await insertComplaintEvent(w.trx, {
      complaint_id: c.id,
      action: '现场核查完成',
      from_status: c.status,
      to_status: c.status,
      department_id: c.department_id,
      actor_user_id: w.who.userId,
      actor_name: w.who.name,
      note: '核查任务已检查完毕，请查看检查结果并登记核查结论',
      at: w.now,
    });
  }
}

/** The one entry from src/tasks/task-hooks.ts. */
export async function followComplaintTask(
  w: ComplaintWrite,
  taskId: number,
  transition: string,
  mergedInto: { id: number; taskNo: string } | undefined,
): Promise<void> {
  if (transition === 'merge' && mergedInto) await complaintTaskMerged(w, taskId, mergedInto);
  if (transition === 'complete') await complaintTaskCompleted(w, taskId);
}
