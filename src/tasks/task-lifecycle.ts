import { AppError } from '../shared/app-error';

/**
 * Where a task comes from. 抽取: a draw record; 登记: a registration its department confirmed;
 * 专项: an approved special plan; 合并: a joint visit (合并入企) replacing several. The later sources
 * (licence follow-ups, complaint and warning checks, assistance requests) are created the same way.
 */
export const taskSources = ['抽取', '登记', '专项', '合并', '跟踪', '投诉核查', '预警核查', '协查'] as const;
export type TaskSource = (typeof taskSources)[number];

/**
 * 待发布 until published (a draw task with its announcement; every other source at creation);
 * 已排期 once a visit date is set, 检查中 after check-in, 已检查 when every department inspected
 * (on site or off site), 已办结 when every department's results are approved and published.
 * 已作废: replaced by a redraw; 已合并: absorbed into a joint task.
 */
export const taskStatuses = ['待发布', '已发布', '已排期', '检查中', '已检查', '已办结', '已作废', '已合并'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

/** The operations that change a task's status, each with the Chinese verb its refusal names. */
export const taskTransitions = {
  publish: { label: '发布', from: ['待发布'], to: '已发布' },
  void: { label: '作废', from: ['待发布', '已发布'], to: '已作废' },
  merge: { label: '并入联合检查', from: ['待发布', '已发布'], to: '已合并' },
  schedule: { label: '排期', from: ['已发布'], to: '已排期' },
  checkIn: { label: '签到', from: ['已发布', '已排期'], to: '检查中' },
  complete: { label: '完成检查', from: ['已发布', '已排期', '检查中'], to: '已检查' },
  close: { label: '办结', from: ['已检查'], to: '已办结' },
  reopenPublished: { label: '退回重查', from: ['已检查'], to: '已发布' },
  reopenScheduled: { label: '退回重查', from: ['已检查'], to: '已排期' },
  reopenInProgress: { label: '退回重查', from: ['已检查'], to: '检查中' },
} as const satisfies Record<string, { label: string; from: readonly TaskStatus[]; to: TaskStatus }>;

export type TaskTransition = keyof typeof taskTransitions;

/** Statuses in which an inspector works the task (listed in 我的检查). */
export const workingStatuses: readonly TaskStatus[] = ['已发布', '已排期', '检查中', '已检查'];

export function allowed(transition: TaskTransition, from: TaskStatus): boolean {
  return (taskTransitions[transition].from as readonly TaskStatus[]).includes(from);
}

/** Every (from, to) pair the table allows, for tests and documentation. */
export function allowedPairs(): [TaskStatus, TaskStatus][] {
  const pairs = new Set<string>();
  for (const t of Object.values(taskTransitions)) for (const from of t.from) pairs.add(`${from}>${t.to}`);
  return [...pairs].map((p) => p.split('>') as [TaskStatus, TaskStatus]);
}

/** The 409 refusal naming the current state. */
export function refusal(taskNo: string, from: TaskStatus, transition: TaskTransition): AppError {
  const t = taskTransitions[transition];
  return new AppError(
    'CONFLICT',
    `检查任务 ${taskNo} 当前为“${from}”，不能${t.label}（只有${t.from.map((s) => `“${s}”`).join('、')}的任务可以${t.label}）`,
    { taskNo, status: from, transition },
  );
}

/** Throws the 409 refusal unless the table allows `transition` from `from`. */
export function assertAllowed(taskNo: string, from: TaskStatus, transition: TaskTransition): void {
  if (!allowed(transition, from)) throw refusal(taskNo, from, transition);
}
