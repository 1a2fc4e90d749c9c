import { z } from 'zod';
import { pageOf, pageQuery } from '../shared/paging';

import { taskSources, taskStatuses } from './task-lifecycle';

export { taskSources, taskStatuses };

const isoDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });
const yesNo = z
  .enum(['true', 'false'], { message: '应为 true 或 false' })
  .transform((v) => v === 'true')
  .optional();

export const taskQuery = pageQuery
  .extend({
    recordNo: z.string().trim().min(1).optional(),
    /** The tasks of every record of one draw round (a redraw's and the voided ones alike). */
    roundNo: z.string().trim().min(1).max(40).optional(),
    departmentId: z.coerce.number().int().positive().optional(),
    inspectorId: z.coerce.number().int().positive().optional(),
    subjectId: z.coerce.number().int().positive().optional(),
    /** Only the tasks the signed-in user is assigned to as an inspector. */
    mine: yesNo,
    status: z.enum(taskStatuses).optional(),
    source: z.enum(taskSources).optional(),
    keyword: z.string().trim().max(50).optional(),
    /** true: still short of inspectors (未配齐人员); false: fully staffed (已配齐人员). */
    unstaffed: yesNo,
    specialPlanId: z.coerce.number().int().positive().optional(),
    /** The check window overlaps [windowFrom, windowTo] (either end may be left open). */
    windowFrom: isoDate.optional(),
    windowTo: isoDate.optional(),
    /** true: a visit date is set (已排期); false: none yet (未排期). */
    scheduled: yesNo,
    /** The visit date falls in [scheduledFrom, scheduledTo]. */
    scheduledFrom: isoDate.optional(),
    scheduledTo: isoDate.optional(),
  })
  .refine((q) => !q.windowFrom || !q.windowTo || q.windowFrom <= q.windowTo, {
    path: ['windowTo'],
    message: '检查期筛选的结束日不能早于开始日',
  })
  .refine((q) => !q.scheduledFrom || !q.scheduledTo || q.scheduledFrom <= q.scheduledTo, {
    path: ['scheduledTo'],
    message: '排期日期筛选的结束日不能早于开始日',
  });
export type TaskQuery = z.infer<typeof taskQuery>;

/** What the task list's round and plan filters offer: the rounds and special plans that have tasks the user may see. */
export const taskOrigins = z.object({
  rounds: z.array(z.object({ roundNo: z.string(), title: z.string(), year: z.number() })),
  specialPlans: z.array(z.object({ id: z.number(), title: z.string() })),
});
export type TaskOrigins = z.infer<typeof taskOrigins>;

export const taskNoParams = z.object({ taskNo: z.string().trim().min(1).max(60) });

const taskInspector = z.object({ id: z.number(), name: z.string(), certificateNo: z.string() });
const taskDepartment = z.object({
  id: z.number(),
  name: z.string(),
  items: z.array(z.object({ code: z.string(), name: z.string() })),
  inspectors: z.array(taskInspector),
});

export const taskView = z.object({
  taskNo: z.string(),
  source: z.enum(taskSources),
  recordNo: z.string().nullable(),
  subject: z.object({ id: z.number(), uscc: z.string(), name: z.string(), address: z.string() }),
  window: z.object({ from: z.string(), to: z.string() }),
  /** The visit date set by scheduling (排期), or the check-in day; null while unscheduled. */
  visitOn: z.string().nullable(),
  status: z.enum(taskStatuses),
  unstaffedReason: z.string().nullable(),
  /** The joint task that absorbed this one (status 已合并). */
  mergedInto: z.string().nullable(),
  /** The tasks this joint task absorbed. */
  mergedFrom: z.array(z.string()),
  registrationNo: z.string().nullable(),
  specialPlan: z.object({ id: z.number(), title: z.string() }).nullable(),
  joint: z.boolean(),
  departments: z.array(taskDepartment),
});
export type TaskView = z.infer<typeof taskView>;
export const taskPage = pageOf(taskView);

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** 指定: a department's own choice of inspectors for a task, with the reason (kept and audited). */
export const chooseInspectorsInput = z.object({
  /** Only the joint-meeting office chooses for another department. */
  departmentId: z.number().int().positive().optional(),
  inspectorIds: z.array(z.number().int().positive()).min(1, '请至少选择 1 名执法检查人员').max(20),
  reason: z.string().trim().min(1, '请说明选派理由').max(500),
});
export type ChooseInspectorsInput = z.infer<typeof chooseInspectorsInput>;

export const windowInput = z
  .object({ from: date, to: date, reason: z.string().trim().min(1, '请说明调整理由').max(500) })
  .refine((v) => v.to >= v.from, { path: ['to'], message: '检查期结束日不能早于开始日' });
export type WindowInput = z.infer<typeof windowInput>;

export const staffingView = z.object({
  taskNo: z.string(),
  unstaffedReason: z.string().nullable(),
  departments: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      /** Every inspector of the department; `ineligible` says why one may not be sent (null: eligible). */
      inspectors: z.array(
        z.object({
          id: z.number(),
          name: z.string(),
          onTask: z.boolean(),
          capacity: z.number(),
          ineligible: z.string().nullable(),
        }),
      ),
    }),
  ),
  history: z.array(
    z.object({
      method: z.enum(['随机', '指定']),
      departmentId: z.number().nullable(),
      seed: z.string().nullable(),
      inspectorIds: z.array(z.number()),
      unstaffedReason: z.string().nullable(),
      reason: z.string().nullable(),
      by: z.string().nullable(),
      at: z.string(),
    }),
  ),
});
export type StaffingView = z.infer<typeof staffingView>;
