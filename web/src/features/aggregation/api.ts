import type { z } from 'zod';
import type {
  actionRecordView,
  anomalyView,
  batchAnswer,
  batchDetail,
  batchView,
  completenessAnswer,
  fieldSpecView,
  overdueSummary,
} from '@server/aggregation/aggregation.schemas';
import type { Page } from '@server/shared/paging';
import { http, type Query } from '@/api/http';

export type BatchView = z.infer<typeof batchView>;
export type BatchDetail = z.infer<typeof batchDetail>;
export type BatchAnswer = z.infer<typeof batchAnswer>;
export type AnomalyView = z.infer<typeof anomalyView>;
export type FieldSpec = z.infer<typeof fieldSpecView>;
export type OverdueSummary = z.infer<typeof overdueSummary>;
export type ActionRecord = z.infer<typeof actionRecordView>;

export interface ExchangeExport {
  id: number;
  batchNo: string;
  recordKind: string;
  from: string;
  to: string;
  inserted: number;
  updated: number;
  deleted: number;
  refused: number;
  refusals: { key: string; reason: string }[];
  exportedBy: string;
  exportedAt: string;
}
export interface CodeMapping {
  itemCode: string;
  itemName: string;
  departmentName: string;
  catalogCode: string | null;
  listCode: string | null;
}

export const recordKinds = [
  '监管计划',
  '监管对象',
  '执法人员',
  '行政检查',
  '行政处罚',
  '行政强制',
  '其他监管行为',
  '投诉举报',
  '信用信息',
] as const;
export const channels = ['接口', '批量文件', '在线填报', '平台核查'] as const;
export const anomalyStatuses = ['待整改', '已整改', '已核销'] as const;
export const anomalyProblems = ['未报送', '报送错误', '报送不一致'] as const;

export const aggregationApi = {
  batches: (q: Query) => http.get<Page<BatchView>>('/api/aggregation/batches', q),
  batch: (id: number) => http.get<BatchDetail>(`/api/aggregation/batches/${id}`),
  anomalies: (q: Query) => http.get<Page<AnomalyView>>('/api/aggregation/anomalies', q),
  overdue: () => http.get<OverdueSummary>('/api/aggregation/anomalies/overdue'),
  writeOff: (id: number, reason: string) => http.post<void>(`/api/aggregation/anomalies/${id}/write-off`, { reason }),
  check: () => http.post<z.infer<typeof completenessAnswer>>('/api/aggregation/completeness-check'),
  spec: () => http.get<FieldSpec[]>('/api/aggregation/spec'),
  online: (kind: string, record: Record<string, unknown>) =>
    http.post<BatchAnswer>('/api/aggregation/online', { 数据类别: kind, 记录: record }),
  upload: (kind: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return http.upload<BatchAnswer>('/api/aggregation/batches/file', form, { kind });
  },
  templateUrl: (kind: string, format: 'xlsx' | 'csv') =>
    `/api/aggregation/templates/${encodeURIComponent(kind)}?format=${format}`,
  records: (q: Query) => http.get<Page<ActionRecord>>('/api/aggregation/records', q),
  exports: () => http.get<ExchangeExport[]>('/api/aggregation/exchange/exports'),
  createExport: (input: { kind: string; from: string; to: string }) =>
    http.post<Pick<ExchangeExport, 'id' | 'batchNo' | 'inserted' | 'updated' | 'deleted' | 'refused' | 'refusals'>>(
      '/api/aggregation/exchange/exports',
      input,
    ),
  exportUrl: (id: number, format: 'csv' | 'xlsx') => `/api/aggregation/exchange/exports/${id}/file?format=${format}`,
  mappings: () => http.get<CodeMapping[]>('/api/aggregation/exchange/mappings'),
  setMapping: (itemCode: string, body: { catalogCode: string; listCode: string }) =>
    http.put<void>(`/api/aggregation/exchange/mappings/${encodeURIComponent(itemCode)}`, body),
};

export const outcomeNames: Record<BatchAnswer['results'][number]['outcome'], string> = {
  created: '新增',
  updated: '更新',
  deleted: '删除',
  unchanged: '未变化',
  refused: '异常',
};
export const batchStatusType = (s: BatchView['status']) =>
  s === '已接收' ? 'success' : s === '部分异常' ? 'warning' : 'danger';
export const anomalyStatusType = (s: AnomalyView['status']) =>
  s === '待整改' ? 'warning' : s === '已整改' ? 'success' : 'info';

/** 剩余 n 个工作日 / 今日到期 / 逾期 n 个工作日. */
export function deadlineText(a: Pick<AnomalyView, 'daysLeft' | 'status'>): string {
  if (a.status !== '待整改' || a.daysLeft === null) return '';
  if (a.daysLeft < 0) return `逾期 ${-a.daysLeft} 个工作日`;
  if (a.daysLeft === 0) return '今日到期';
  return `剩余 ${a.daysLeft} 个工作日`;
}
