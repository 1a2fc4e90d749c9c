import { z } from 'zod';

const isoDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });

/** A rating of 1–2 (很不满意 / 不满意) is listed for follow-up with every complaint. */
export const LOW_RATING = 2;
/** At most this many complaints and low ratings are listed (the newest first within each rating). */
export const FOLLOW_UP_LIMIT = 500;
/** The longest period one summary covers (months, for the trend). */
export const MAX_MONTHS = 60;

/** The period (China dates, inclusive; default the current year) and, for users who see every department, one department. */
export const summaryQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  departmentId: z.coerce.number().int().positive().optional(),
});
export type SummaryQuery = z.infer<typeof summaryQuery>;

/** Figures of a group of evaluations. Averages and shares are null when the group has none. */
const stats = {
  count: z.number(),
  /** Mean satisfaction (1–5), two decimals. */
  averageSatisfaction: z.number().nullable(),
  /** Evaluations of 4 or 5 points. */
  satisfied: z.number(),
  /** satisfied / count, four decimals. */
  satisfiedShare: z.number().nullable(),
  complaints: z.number(),
};
const withResponse = {
  /** Tasks (of the department) whose inspection date falls in the period. */
  inspectedTasks: z.number(),
  /**
   * Per department: its evaluations / its tasks inspected in the period; in total: evaluated tasks / tasks inspected.
   * Four decimals; null when nothing was inspected.
   */
  responseRate: z.number().nullable(),
};

export const evaluationStats = z.object(stats);
export type EvaluationStats = z.infer<typeof evaluationStats>;

export const followUp = z.object({
  taskNo: z.string(),
  subjectName: z.string(),
  /** The inspection date (check-in, else the latest off-site check); null when none was recorded. */
  inspectedOn: z.string().nullable(),
  /** When the enterprise evaluated (China date). */
  submittedOn: z.string(),
  satisfaction: z.number(),
  comments: z.string(),
  complaint: z.boolean(),
  complaintText: z.string(),
  /** The department whose part was evaluated (an evaluation is of one department's part). */
  departments: z.array(z.string()),
});
export type FollowUp = z.infer<typeof followUp>;

export const evaluationSummary = z.object({
  from: z.string(),
  to: z.string(),
  /** The department the figures are limited to (the user's own for department-scoped users), or null for all. */
  departmentId: z.number().nullable(),
  totals: z.object({ ...stats, ...withResponse, evaluatedTasks: z.number() }),
  /** Each department's own evaluations (the subject evaluates each department's part of a joint visit). */
  byDepartment: z.array(z.object({ id: z.number(), name: z.string(), ...stats, ...withResponse })),
  /** GB/T 4754-2017 section (门类 A–T) of the subject's first industry code; '-' when it has none. */
  byIndustry: z.array(z.object({ section: z.string(), name: z.string(), ...stats })),
  /** 联合检查 (two or more departments) and 单部门检查. */
  byJoint: z.array(z.object({ key: z.enum(['联合检查', '单部门检查']), ...stats })),
  /** 非现场检查 (the department's off-site check), 现场检查 (the visit was checked in), 未记录检查 (the window ended without either). */
  byMode: z.array(z.object({ key: z.enum(['现场检查', '非现场检查', '未记录检查']), ...stats })),
  /** Every month of the period, empty months included. */
  byMonth: z.array(z.object({ month: z.string(), ...stats })),
  /** Complaints and ratings of 1–2, lowest first. */
  followUps: z.array(followUp),
  followUpsTruncated: z.boolean(),
});
export type EvaluationSummary = z.infer<typeof evaluationSummary>;
