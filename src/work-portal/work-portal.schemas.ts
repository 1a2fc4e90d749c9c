import { z } from 'zod';
import { taskStatuses } from '../tasks/task-lifecycle';

/** The kinds of to-do the home page groups, in the order it shows them. */
export const todoKinds = [
  'today_visits',
  'my_tasks',
  'department_tasks',
  'results',
  'reviews',
  'publications',
  'pushes',
  'follow_ups',
  'licences',
  'complaints',
  'warnings',
  'transfers',
  'credit_repair',
  'credit_tasks',
  'plans',
  'anomalies',
  'notifications',
] as const;
export type TodoKind = (typeof todoKinds)[number];

export const todoItem = z.object({
  /** What the item is (a task no., a ticket no., …) and what to do with it. */
  title: z.string(),
  detail: z.string(),
  /** The deadline (China date); null when the step has none. */
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  /** The exact page (and record) where the step is done. */
  link: z.string(),
});
export type TodoItem = z.infer<typeof todoItem>;

export const todoGroup = z.object({
  kind: z.enum(todoKinds),
  title: z.string(),
  /** Every pending item of the kind; `items` holds the first ones by deadline. */
  count: z.number().int(),
  overdue: z.number().int(),
  items: z.array(todoItem),
  /** The list page with all of them. */
  link: z.string(),
});
export type TodoGroup = z.infer<typeof todoGroup>;

export const todoView = z.object({ today: z.string(), groups: z.array(todoGroup) });
export type TodoView = z.infer<typeof todoView>;

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

export const todoQuery = z
  .object({
    first: z.coerce.number().int().min(1, '条数至少为 1').max(500, '条数至多为 500').optional(),
  })
  .strict();

export const dashboardQuery = z
  .object({
    year: z.coerce.number().int().min(2000, '年度无效').max(2100, '年度无效').optional(),
    departmentId: z.coerce.number().int().positive().optional(),
    divisionCode: z
      .string()
      .regex(/^[0-9]{2,6}$/, '行政区划代码应为 2–6 位数字')
      .optional(),
    /** Months of the year, inclusive (YYYY-MM); default the whole year. */
    from: month.optional(),
    to: month.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: '结束月份不能早于开始月份' });
export type DashboardQuery = z.infer<typeof dashboardQuery>;

const count = z.object({ key: z.string(), name: z.string(), count: z.number().int() });
const departmentTasks = z.object({
  departmentId: z.number().int(),
  name: z.string(),
  /** Entries of the department in the year's published annual plan (年度日常检查计划). */
  planEntries: z.number().int(),
  tasks: z.number().int(),
  done: z.number().int(),
  byStatus: z.array(z.object({ status: z.enum(taskStatuses), count: z.number().int() })),
});
const deadlineRow = z.object({
  key: z.string(),
  name: z.string(),
  rule: z.string(),
  total: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  /** Still open and already past the deadline. */
  overdueOpen: z.number().int().nullable(),
  link: z.string(),
});

export const dashboardView = z.object({
  today: z.string(),
  filters: z.object({
    year: z.number().int(),
    from: z.string(),
    to: z.string(),
    departmentId: z.number().int().nullable(),
    departmentName: z.string().nullable(),
    divisionCode: z.string().nullable(),
    /** The actor sees only their department (department scope). */
    ownDepartmentOnly: z.boolean(),
    /** When the subject figures were counted (hourly). */
    subjectsAsOf: z.string(),
  }),
  summary: z.object({
    subjects: z.number().int(),
    tasks: z.number().int(),
    done: z.number().int(),
    jointTasks: z.number().int(),
    visitsSaved: z.number().int(),
    complaints: z.number().int(),
    openWarnings: z.number().int(),
    keyTargets: z.number().int(),
  }),
  subjects: z.object({ bySection: z.array(count), byDivision: z.array(count) }),
  inspections: z.object({
    byDepartment: z.array(departmentTasks),
    byMonth: z.array(z.object({ month: z.string(), tasks: z.number().int(), done: z.number().int() })),
  }),
  joint: z.object({
    bySource: z.array(
      z.object({ source: z.string(), tasks: z.number().int(), joint: z.number().int(), visitsSaved: z.number().int() }),
    ),
    mergedProposals: z.number().int(),
  }),
  deadlines: z.array(deadlineRow),
  complaints: z.object({
    byChannel: z.array(z.object({ channel: z.string(), count: z.number().int() })),
    byStatus: z.array(z.object({ status: z.string(), count: z.number().int() })),
    byMatter: z.array(count),
  }),
  warnings: z.object({
    byRule: z.array(count),
    byStatus: z.array(z.object({ status: z.string(), count: z.number().int() })),
  }),
  credit: z.object({
    run: z.object({ id: z.number().int(), runNo: z.string(), period: z.string() }).nullable(),
    byClass: z.array(z.object({ creditClass: z.enum(['A', 'B', 'C', 'D']), count: z.number().int() })),
  }),
  risk: z.object({ byLevel: z.array(z.object({ level: z.string(), count: z.number().int() })) }),
  keyTargets: z.object({ byReason: z.array(count) }),
  departments: z.array(z.object({ id: z.number().int(), name: z.string() })),
});
export type DashboardView = z.infer<typeof dashboardView>;
