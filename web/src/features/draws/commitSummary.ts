import { daysInMonth } from '@server/calendar/calendar-date';
import { h, type VNode } from 'vue';

/**
 * The check window the commit form proposes: the next calendar quarter after `today` (China date), so
 * that a commitment never starts with a period already past. Its year is the round's year.
 */
export function nextQuarter(today: string): { year: number; from: string; to: string } {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const startMonth = (Math.floor((m - 1) / 3) + 1) * 3 + 1;
  const year = startMonth > 12 ? y + 1 : y;
  const first = startMonth > 12 ? 1 : startMonth;
  const pad = (n: number) => String(n).padStart(2, '0');
  const last = first + 2;
  return { year, from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(daysInMonth(year, last))}` };
}

/** One line of the confirmation: a label and what the commitment will say. */
export interface SummaryLine {
  label: string;
  value: string;
}

/**
 * The confirmation shown before a commitment is made public: what it will say, and that it cannot be
 * taken back (ElMessageBox renders this VNode; its styles are inline because the box lives outside the dialog).
 */
export function commitSummary(lines: readonly SummaryLine[]): VNode {
  const row = (line: SummaryLine) =>
    h('div', { style: 'display:flex;gap:8px;line-height:1.6;padding:2px 0' }, [
      h('span', { style: 'flex:none;width:5.5em;color:var(--el-text-color-secondary)' }, line.label),
      h('span', { style: 'min-width:0;word-break:break-all' }, line.value),
    ]);
  return h('div', { 'data-testid': 'commit-summary' }, [
    ...lines.map(row),
    h(
      'p',
      {
        style:
          'margin:10px 0 0;padding:8px 10px;border-radius:4px;line-height:1.6;' +
          'background:var(--el-color-warning-light-9);color:var(--el-color-warning-dark-2)',
      },
      [
        h('b', '此承诺公开后不可撤回。'),
        '确认后对象框架和检查人员即被冻结，以上内容连同默克尔根向社会公布，不能修改、删除或重新承诺同一轮次。',
      ],
    ),
  ]);
}
