import { followComplaintTask } from '../complaints/complaint-verify-task.service';
import { recordCreditFromTask } from '../credit-records/credit-from-tasks.service';
import { recordFollowUpInspections } from '../follow-ups/follow-up-tracking.service';
import type { TaskTransition } from './task-lifecycle';
import type { CreditWrite } from '../credit-records/credit-write';

/**
 * The write and options of the transition (TaskWrite and TransitionOptions of task-transition.ts, declared by shape:
 * task-transition.ts imports this file, and a type import back would be an import cycle).
 */
type TaskWrite = CreditWrite;
interface TransitionOptions {
  mergedInto?: { id: number; taskNo: string };
}

/**
 * What other capabilities do when a task changes status, in the transaction of the change: the one place that lists
 * them. A capability whose work is a task (双跟踪, 投诉核查, 预警核查, 协查) learns here that it was inspected, or that
 * its task was merged into a joint visit (options.mergedInto). Handlers must not import task-transition.ts.
 */
export async function afterTaskTransition(
  w: TaskWrite,
  taskId: number,
  transition: TaskTransition,
  options: TransitionOptions,
): Promise<void> {
  // 投诉核查: the complaint follows its verification task into a joint visit, and learns it was inspected.
  await followComplaintTask(w, taskId, transition, options.mergedInto);
  if (transition === 'complete') {
    // 双跟踪: the follow-up obligations this inspection answers are recorded (第十七条).
    await recordFollowUpInspections(w, taskId);
    // 不符合 findings and 双跟踪 outcomes enter the subject's credit records (src/credit-records).
    await recordCreditFromTask(w, taskId);
  }
}
