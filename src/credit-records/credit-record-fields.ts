import type { CreditRecordKind, CreditSeverity } from './credit-record.table';

/** The Chinese name of every field of a record sent from outside: errors, import columns and form labels use it. */
export const creditFieldNames = {
  senderRecordId: '业务系统记录编号',
  action: '操作（列入/移出）',
  uscc: '统一社会信用代码',
  subjectName: '主体名称',
  kind: '记录类别',
  severity: '严重程度',
  departmentName: '认定部门',
  decidedOn: '认定日期',
  title: '事由',
  detail: '详情',
  countsUntil: '计入期限至',
  basisDocNo: '依据文号',
  removedOn: '移出日期',
  removalReason: '移出事由',
} as const;

/** The kinds other systems and departments send (the platform derives 行政处罚, 许可撤销吊销 and 检查发现问题 itself). */
export const externalKinds = [
  '经营异常名录',
  '严重违法失信名单',
  '年报未报',
  '违反告知承诺',
  '表彰奖励',
  '投诉举报属实',
] as const satisfies readonly CreditRecordKind[];
export type ExternalKind = (typeof externalKinds)[number];

/** The lists a subject is put on (列入) and taken off (移出). */
export const listKinds: readonly ExternalKind[] = ['经营异常名录', '严重违法失信名单'];

/** The severity when the sender names none. */
export const defaultSeverity: Record<ExternalKind, CreditSeverity> = {
  经营异常名录: '一般',
  严重违法失信名单: '严重',
  年报未报: '轻微',
  违反告知承诺: '较重',
  表彰奖励: '轻微',
  投诉举报属实: '一般',
};
