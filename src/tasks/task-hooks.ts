import { followComplaintTask } from '../complaints/complaint-verify-task.service';
import { recordCreditFromTask } from '../credit-records/credit-from-tasks.service';
import { recordFollowUpInspections } from '../follow-ups/follow-up-tracking.service';
import { recordWarningInspections } from '../warnings/warning-task.service';
import { afterAssistanceTask } from '../transfers/assistance-task-hook';
import type { TaskTransition } from './task-lifecycle';
import type { TaskWrite, TransitionOptions } from './task-write';

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
  // 协查: the assistance request follows its task (merged into a joint visit, inspected).
  await afterAssistanceTask(w, taskId, transition, options.mergedInto);
  // 投诉核查: the complaint follows its verification task into a joint visit, and learns it was inspected.
  await followComplaintTask(w, taskId, transition, options.mergedInto);
  if (transition === 'complete') {
    // 双跟踪: the follow-up obligations this inspection answers are recorded (第十七条).
    await recordFollowUpInspections(w, taskId);
    // 不符合 findings and 双跟踪 outcomes enter the subject's credit records (src/credit-records).
    await recordCreditFromTask(w, taskId);
    // 预警核查: the warnings this inspection answers may now be given their feedback (src/warnings).
    await recordWarningInspections(w, taskId);
  }
}
