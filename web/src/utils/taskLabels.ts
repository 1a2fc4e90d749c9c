import type { TaskView } from '@server/tasks/task.schemas';

type TagType = 'info' | 'success' | 'warning' | 'primary' | 'danger';

export const taskStatuses: TaskView['status'][] = [
  '待发布',
  '已发布',
  '已排期',
  '检查中',
  '已检查',
  '已办结',
  '已合并',
  '已作废',
];
export const taskStatusType: Record<TaskView['status'], TagType> = {
  待发布: 'warning',
  已发布: 'success',
  已排期: 'primary',
  检查中: 'warning',
  已检查: 'success',
  已办结: 'success',
  已作废: 'info',
  已合并: 'info',
};

/** 抽取: a draw record; 登记: a confirmed registration; 专项: an approved special plan; 合并: a joint visit replacing several. */
export const taskSources: TaskView['source'][] = [
  '抽取',
  '登记',
  '专项',
  '合并',
  '跟踪',
  '投诉核查',
  '预警核查',
  '协查',
];
export const taskSourceType: Record<TaskView['source'], TagType> = {
  抽取: 'primary',
  登记: 'success',
  专项: 'warning',
  合并: 'danger',
  跟踪: 'info',
  投诉核查: 'info',
  预警核查: 'info',
  协查: 'info',
};

/** Inspectors change only before anyone is on site (the server's rule, repeated here to offer the action). */
export const isStaffable = (t: Pick<TaskView, 'status'>) =>
  t.status === '待发布' || t.status === '已发布' || t.status === '已排期';
/** The window of a task that is not a draw's moves while the task is not yet scheduled. */
export const windowMovable = (t: Pick<TaskView, 'status' | 'source'>) =>
  t.source !== '抽取' && (t.status === '待发布' || t.status === '已发布');

/** The round a draw record belongs to: record nos. are `<round no.>-NNNN`. */
export const roundNoOf = (recordNo: string) => recordNo.replace(/-\d+$/, '');

/** The desktop page of a task. */
export const taskLink = (taskNo: string) => `/tasks/${encodeURIComponent(taskNo)}`;
