import type { ChartOption } from '@/components/EChart.vue';
import type { DashboardView } from './api';

/** One chart of the dashboard: its option and the list each of its bars or slices opens. */
export interface DashboardChart {
  key: string;
  title: string;
  note?: string;
  option: ChartOption;
  /** The list behind the clicked point (series name, data index), or null when the point opens nothing. */
  linkOf: (seriesName: string, dataIndex: number) => string | null;
  height?: string;
}

const statusColors: Record<string, string> = {
  待发布: '#c0c4cc',
  已发布: '#a0cfff',
  已排期: '#409eff',
  检查中: '#e6a23c',
  已检查: '#95d475',
  已办结: '#529b2e',
};
const levelColors: Record<string, string> = {
  高: '#d03050',
  较高: '#f08a24',
  一般: '#e6b800',
  低: '#2f7fd8',
  未评级: '#c0c4cc',
};
const classColors: Record<string, string> = { A: '#529b2e', B: '#409eff', C: '#e6a23c', D: '#d03050' };

const query = (params: Record<string, string | number | null | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const text = q.toString();
  return text ? `?${text}` : '';
};

const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

/** The period's first and last day, as the task list's check-window filter takes them. */
export const periodOf = (d: DashboardView) => ({
  windowFrom: `${d.filters.from}-01`,
  windowTo: monthEnd(d.filters.to),
});

const legend = { bottom: 0, type: 'plain' as const, itemGap: 8, textStyle: { fontSize: 11 } };
const grid = { left: 8, right: 16, top: 24, bottom: 48, containLabel: true };
const tooltip = { trigger: 'axis' as const, confine: true };
const short = (name: string, max = 6) => (name.length > max ? `${name.slice(0, max)}…` : name);

function pie(
  names: string[],
  values: number[],
  colors: Record<string, string> | null,
  seriesName: string,
): ChartOption {
  return {
    tooltip: { trigger: 'item', confine: true, formatter: '{b}：{c}（{d}%）' },
    legend,
    series: [
      {
        name: seriesName,
        type: 'pie',
        radius: ['35%', '62%'],
        center: ['50%', '44%'],
        label: { formatter: '{b}\n{c}', fontSize: 11 },
        data: names.map((name, i) => ({
          name,
          value: values[i]!,
          ...(colors?.[name] ? { itemStyle: { color: colors[name] } } : {}),
        })),
      },
    ],
  };
}

function bars(
  categories: string[],
  series: { name: string; data: number[]; color?: string; stack?: string }[],
): ChartOption {
  return {
    tooltip,
    legend: series.length > 1 ? legend : { show: false },
    grid,
    xAxis: {
      type: 'category',
      data: categories.map((c) => short(c)),
      axisLabel: { interval: 0, rotate: categories.length > 4 ? 30 : 0, fontSize: 11 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      data: s.data,
      ...(s.stack ? { stack: s.stack } : {}),
      ...(s.color ? { itemStyle: { color: s.color } } : {}),
    })),
  };
}

/** Every chart of the dashboard from one answer; the links carry the dashboard's own filters where the list has them. */
export function dashboardCharts(d: DashboardView): DashboardChart[] {
  const period = periodOf(d);
  const dept = d.filters.departmentId;
  const depts = d.inspections.byDepartment;
  const statuses = [...new Set(depts.flatMap((x) => x.byStatus.map((s) => s.status)))];
  const complaintsLink = (extra: Record<string, string>) => `/complaints${query({ ...extra, departmentId: dept })}`;
  const warningsLink = (extra: Record<string, string>) => `/warnings${query({ ...extra, departmentId: dept })}`;
  return [
    {
      key: 'tasks-by-department',
      title: '检查完成情况（按部门）',
      note: '检查期与所选月份有交集的任务；年度计划为年度日常检查计划中的抽查事项条目数',
      height: `${Math.max(260, depts.length * 36 + 80)}px`,
      option: {
        tooltip,
        legend,
        grid,
        yAxis: { type: 'category', inverse: true, data: depts.map((x) => short(x.name, 8)) },
        xAxis: { type: 'value', minInterval: 1 },
        series: [
          ...statuses.map((status) => ({
            name: status,
            type: 'bar' as const,
            stack: 'tasks',
            itemStyle: { color: statusColors[status] ?? '#909399' },
            data: depts.map((x) => x.byStatus.find((s) => s.status === status)?.count ?? 0),
          })),
          {
            name: '年度计划条目',
            type: 'bar' as const,
            itemStyle: { color: '#b39ddb' },
            data: depts.map((x) => x.planEntries),
          },
        ],
      },
      linkOf: (series, i) => {
        const row = depts[i];
        if (!row) return null;
        if (series === '年度计划条目') return '/plans/annual';
        return `/tasks${query({ departmentId: row.departmentId, status: series, ...period })}`;
      },
    },
    {
      key: 'tasks-by-month',
      title: '检查任务与完成（按月）',
      note: '已完成：已检查、已办结',
      option: bars(
        d.inspections.byMonth.map((m) => `${Number(m.month.slice(5))}月`),
        [
          { name: '任务', data: d.inspections.byMonth.map((m) => m.tasks), color: '#409eff' },
          { name: '已完成', data: d.inspections.byMonth.map((m) => m.done), color: '#529b2e' },
        ],
      ),
      linkOf: (_s, i) => {
        const m = d.inspections.byMonth[i];
        return m
          ? `/tasks${query({ departmentId: dept, windowFrom: `${m.month}-01`, windowTo: monthEnd(m.month) })}`
          : null;
      },
    },
    {
      key: 'joint',
      title: '联合检查与减少入企（按任务来源）',
      note: `联合检查：有两个以上部门事项的任务，每个减少入企 部门数−1 次；合并入企建议已合并 ${d.joint.mergedProposals} 条`,
      option: bars(
        d.joint.bySource.map((s) => s.source),
        [
          { name: '任务', data: d.joint.bySource.map((s) => s.tasks), color: '#a0cfff' },
          { name: '联合检查', data: d.joint.bySource.map((s) => s.joint), color: '#409eff' },
          { name: '减少入企', data: d.joint.bySource.map((s) => s.visitsSaved), color: '#529b2e' },
        ],
      ),
      linkOf: (_s, i) => {
        const s = d.joint.bySource[i];
        return s ? `/tasks${query({ departmentId: dept, source: s.source, ...period })}` : null;
      },
    },
    {
      key: 'deadlines',
      title: '期限执行情况',
      note: '所选期间内办理的，按时与超期；未办理已超期为当前仍未办理且已过期限的',
      height: '320px',
      option: {
        tooltip,
        legend,
        grid,
        yAxis: { type: 'category', inverse: true, data: d.deadlines.map((x) => x.name) },
        xAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            name: '按时',
            type: 'bar',
            stack: 'done',
            itemStyle: { color: '#529b2e' },
            data: d.deadlines.map((x) => x.onTime),
          },
          {
            name: '超期办理',
            type: 'bar',
            stack: 'done',
            itemStyle: { color: '#e6a23c' },
            data: d.deadlines.map((x) => x.late),
          },
          {
            name: '未办理已超期',
            type: 'bar',
            itemStyle: { color: '#d03050' },
            data: d.deadlines.map((x) => x.overdueOpen ?? 0),
          },
        ],
      },
      linkOf: (_s, i) => d.deadlines[i]?.link ?? null,
    },
    {
      key: 'subjects-by-section',
      title: '监管对象（按行业门类）',
      note: '存续的监管对象；跨门类经营的在每个门类各计一次',
      height: `${Math.max(260, d.subjects.bySection.length * 26 + 60)}px`,
      option: {
        tooltip,
        grid: { ...grid, bottom: 16 },
        yAxis: {
          type: 'category',
          inverse: true,
          data: d.subjects.bySection.map((s) => `${s.key} ${short(s.name, 8)}`),
        },
        xAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            name: '监管对象',
            type: 'bar',
            itemStyle: { color: '#409eff' },
            data: d.subjects.bySection.map((s) => s.count),
          },
        ],
      },
      linkOf: (_s, i) => {
        const s = d.subjects.bySection[i];
        return s ? `/subjects${query({ industry: s.key, status: '存续', division: d.filters.divisionCode })}` : null;
      },
    },
    {
      key: 'subjects-by-division',
      title: '监管对象（按行政区划）',
      option: pie(
        d.subjects.byDivision.map((x) => x.name),
        d.subjects.byDivision.map((x) => x.count),
        null,
        '监管对象',
      ),
      linkOf: (_s, i) => {
        const x = d.subjects.byDivision[i];
        return x ? `/subjects${query({ division: x.key, status: '存续' })}` : null;
      },
    },
    {
      key: 'complaints-by-channel',
      title: '投诉举报（按来源渠道）',
      note: '所选期间收到的',
      option: pie(
        d.complaints.byChannel.map((x) => x.channel),
        d.complaints.byChannel.map((x) => x.count),
        null,
        '投诉举报',
      ),
      linkOf: (_s, i) => {
        const x = d.complaints.byChannel[i];
        return x ? complaintsLink({ channel: x.channel }) : null;
      },
    },
    {
      key: 'complaints-by-status',
      title: '投诉举报（按办理状态）',
      option: bars(
        d.complaints.byStatus.map((x) => x.status),
        [{ name: '投诉举报', data: d.complaints.byStatus.map((x) => x.count), color: '#409eff' }],
      ),
      linkOf: (_s, i) => {
        const x = d.complaints.byStatus[i];
        return x ? complaintsLink({ status: x.status }) : null;
      },
    },
    {
      key: 'complaints-by-matter',
      title: '投诉举报（按事项）',
      option: bars(
        d.complaints.byMatter.map((x) => x.name),
        [{ name: '投诉举报', data: d.complaints.byMatter.map((x) => x.count), color: '#79bbff' }],
      ),
      linkOf: (_s, i) => {
        const x = d.complaints.byMatter[i];
        return x ? complaintsLink({ matterCode: x.key }) : null;
      },
    },
    {
      key: 'warnings-by-rule',
      title: '风险预警（按规则）',
      note: '所选期间发出的',
      option: bars(
        d.warnings.byRule.map((x) => x.name),
        [{ name: '预警', data: d.warnings.byRule.map((x) => x.count), color: '#f08a24' }],
      ),
      linkOf: (_s, i) => {
        const x = d.warnings.byRule[i];
        return x ? warningsLink({ ruleCode: x.key }) : null;
      },
    },
    {
      key: 'warnings-by-status',
      title: '风险预警（按处置状态）',
      option: pie(
        d.warnings.byStatus.map((x) => x.status),
        d.warnings.byStatus.map((x) => x.count),
        null,
        '预警',
      ),
      linkOf: (_s, i) => {
        const x = d.warnings.byStatus[i];
        return x ? warningsLink({ status: x.status }) : null;
      },
    },
    {
      key: 'credit',
      title: d.credit.run ? `信用风险分类（${d.credit.run.period}）` : '信用风险分类',
      note: d.credit.run ? `最近推送的信用评价 ${d.credit.run.runNo}` : '尚无推送的信用评价',
      option: pie(
        d.credit.byClass.map((x) => `${x.creditClass}类`),
        d.credit.byClass.map((x) => x.count),
        Object.fromEntries(Object.entries(classColors).map(([k, v]) => [`${k}类`, v])),
        '监管对象',
      ),
      linkOf: () => (d.credit.run ? `/credit/runs/${d.credit.run.id}` : null),
    },
    {
      key: 'risk',
      title: '行业风险等级分布',
      note: d.filters.departmentName ? `${d.filters.departmentName}评定的等级` : '各部门评定中最高的等级',
      option: pie(
        d.risk.byLevel.map((x) => x.level),
        d.risk.byLevel.map((x) => x.count),
        levelColors,
        '监管对象',
      ),
      linkOf: () => '/risk-assessments',
    },
    {
      key: 'key-targets',
      title: '重点抽查对象（按列入原因）',
      option: bars(
        d.keyTargets.byReason.map((x) => x.name),
        [{ name: '重点对象', data: d.keyTargets.byReason.map((x) => x.count), color: '#d03050' }],
      ),
      linkOf: () => '/key-targets',
    },
  ];
}
