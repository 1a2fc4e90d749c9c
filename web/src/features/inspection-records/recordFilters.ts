import type { PageQuery } from '@server/shared/paging';
import { recordResults, transferStates } from '@server/inspection-records/inspection-record.schemas';
import type { RecordQuery } from './api';

/** The search form of the inspection records: the query's fields, the inspection dates as one range. */
export interface RecordFilters {
  dates: [string, string] | null;
  departmentId?: number;
  result?: RecordQuery['result'];
  transfer?: RecordQuery['transfer'];
  subject: string;
  taskNo: string;
}

export const resultOptions = recordResults.map((r) => ({ value: r, label: r }));
export const transferOptions = transferStates.map((s) => ({
  value: s,
  label: s === '未移送' ? '发现问题未移送' : s,
}));

export const blankRecordFilters = (): RecordFilters => ({ dates: null, subject: '', taskNo: '' });

export function toRecordQuery({ dates, subject, taskNo, ...rest }: RecordFilters & PageQuery): RecordQuery {
  return {
    ...rest,
    from: dates?.[0],
    to: dates?.[1],
    subject: subject.trim() || undefined,
    taskNo: taskNo.trim() || undefined,
  };
}
