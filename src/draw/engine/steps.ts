import type { Task } from './types';

/**
 * A task as the draw staffs it, before the draw is finished: its place in the result's tasks (key order), and why it
 * could not be staffed. The draw hands these out one by one (`drawing` in draw.ts, `sealing` in bundle.ts), so the
 * platform can write each task while the draw goes on (src/draw/draw.service.ts); the result holds them all the same.
 */
export interface StaffedTask {
  index: number;
  task: Task;
  reason: string | undefined;
}

/** Runs steps to their end and returns the result: the draw in one go, for whoever does not need the tasks early. */
export function finish<R>(steps: Generator<StaffedTask, R>): R {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
