import { z } from 'zod';
import { pageOf, pageQuery } from '../shared/paging';

import { taskSources, taskStatuses } from './task-lifecycle';

export { taskSources, taskStatuses };

export const taskQuery = pageQuery.extend({
  recordNo: z.string().trim().min(1).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  inspectorId: z.coerce.number().int().positive().optional(),
  subjectId: z.coerce.number().int().positive().optional(),
  /** Only the tasks the signed-in user is assigned to as an inspector. */
  mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  status: z.enum(taskStatuses).optional(),
  source: z.enum(taskSources).optional(),
  keyword: z.string().trim().max(50).optional(),
  unstaffed: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  specialPlanId: z.coerce.number().int().positive().optional(),
});
export type TaskQuery = z.infer<typeof taskQuery>;

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
