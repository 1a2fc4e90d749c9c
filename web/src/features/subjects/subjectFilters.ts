import type { PageQuery } from '@server/shared/paging';
import { creditClasses, subjectKinds, subjectStatuses } from '@server/subjects/subject.table';
import type { SubjectQuery } from '@/api/subjects';
import { creditClassLabels } from './labels';

export const flagOptions = [
  { value: 'whitelisted', label: '白名单' },
  { value: 'keyTarget', label: '重点对象' },
  { value: 'flagged', label: '代码有疑问' },
] as const;
export type SubjectFlag = (typeof flagOptions)[number]['value'];

/** The search form of the subject list: the query's fields, with the three flags as one checkbox group. */
export type SubjectFilters = Omit<SubjectQuery, keyof PageQuery | 'q' | SubjectFlag> & {
  q: string;
  flags: SubjectFlag[];
};

/** The filters chosen from a fixed list of values. */
export const choiceFilters = [
  {
    key: 'creditClass',
    label: '信用分类',
    placeholder: '全部',
    options: creditClasses.map((c) => ({ value: c, label: creditClassLabels[c].text })),
  },
  {
    key: 'kind',
    label: '主体类型',
    placeholder: '全部类型',
    options: subjectKinds.map((k) => ({ value: k, label: k })),
  },
  {
    key: 'status',
    label: '登记状态',
    placeholder: '全部状态',
    options: subjectStatuses.map((s) => ({ value: s, label: s })),
  },
] as const;

export const blankFilters = (): SubjectFilters => ({ q: '', flags: [] });

/** One character is too little for a name search (the server refuses it); an 18-character code is an exact look-up. */
export const isShortName = (q: string): boolean => [...q.replace(/\s+/g, '')].length === 1;

export function toSubjectQuery({ flags, ...rest }: SubjectFilters & PageQuery): SubjectQuery {
  const on = (flag: SubjectFlag) => (flags.includes(flag) ? true : undefined);
  return {
    ...rest,
    q: rest.q.trim() || undefined,
    whitelisted: on('whitelisted'),
    keyTarget: on('keyTarget'),
    flagged: on('flagged'),
  };
}
