/** Chinese names of the notification kinds (src/notifications/notification.table.ts). */
export const notificationKindNames: Record<string, string> = {
  task_published: '新任务',
  visit_scheduled: '排期',
  visit_rescheduled: '改期',
  results_returned: '结果退回',
  results_overdue: '结果逾期',
  publication_overdue: '公示逾期',
  feedback_overdue: '反馈单到期',
  publicity_due: '双公示到期',
  account_locked: '账号锁定',
  registration_pushed: '登记信息推送',
  push_ack_due: '今日应签收',
  push_ack_overdue: '签收逾期',
  credit_run_pushed: '信用评价',
  measure_case: '联合奖惩',
  warning: '风险预警',
  transfer_received: '收到移送',
  transfer_progress: '移送进展',
  transfer_due: '移送协查到期',
  assistance_received: '协查请求',
  assistance_answered: '协查答复',
  copy_received: '抄告抄送',
  complaint: '投诉举报',
  complaint_due: '投诉举报临期',
  complaint_overdue: '投诉举报超期',
  complaint_supervised: '投诉举报督办',
  performance_notice: '履职评价整改通知',
  anomaly_due: '异常数据临期',
  anomaly_overdue: '异常数据超期',
};

export const kindName = (kind: string): string => notificationKindNames[kind] ?? kind;
export const isWarning = (kind: string): boolean =>
  kind.endsWith('_overdue') || kind === 'results_returned' || kind === 'account_locked';
