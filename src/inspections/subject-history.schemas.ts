import { z } from 'zod';
import { taskView } from '../tasks/task.schemas';
import { overallResults } from './inspection.schemas';

export const subjectHistoryParams = z.object({ id: z.coerce.number().int().positive() });
export const subjectHistoryQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

/** A department's part of a task as the subject's register shows it. */
const historyDepartment = z.object({
  id: z.number(),
  name: z.string(),
  items: z.array(z.object({ code: z.string(), name: z.string() })),
  /** Null until the department has inspected; the result itself only for the reader's department, readers of all, or once published. */
  inspection: z
    .object({ offsite: z.boolean(), inspectedOn: z.string().nullable(), overall: z.enum(overallResults).nullable() })
    .nullable(),
});

export const subjectHistory = z.object({
  year: z.number(),
  /** Routine visits planned or done in the year, against the cap of 《黄浦区精准高效协同监管实施办法（试行）》第六条. */
  routineVisits: z.number(),
  routineVisitCap: z.number(),
  /** What the next draw of the year excludes for this subject: the visits counted and the item codes already planned or inspected. */
  visits: z.array(z.object({ ref: z.string(), routine: z.boolean(), itemCodes: z.array(z.string()) })),
  inspectedItemCodes: z.array(z.string()),
  tasks: z.array(
    taskView.pick({ taskNo: true, source: true, status: true, window: true, recordNo: true, mergedInto: true }).extend({
      inspectedOn: z.string().nullable(),
      published: z.boolean(),
      departments: z.array(historyDepartment),
    }),
  ),
});
export type SubjectHistory = z.infer<typeof subjectHistory>;
