import { z } from 'zod';
import { taskStatuses, taskView } from '../tasks/task.schemas';

const isoDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });

export const checkResults = ['符合', '不符合', '不适用'] as const;
export const overallResults = ['符合', '发现问题'] as const;
/** Photo evidence: images only, at most 5 MB each. */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const photoTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/heic'] as const;

export const taskNoParams = z.object({ taskNo: z.string().trim().min(1).max(60) });
export const resultParams = taskNoParams.extend({ checkItemId: z.coerce.number().int().positive() });
export const photoParams = z.object({ id: z.coerce.number().int().positive() });
export const photoQuery = z.object({ checkItemId: z.coerce.number().int().positive() });
export const feedbackQuery = z.object({ departmentId: z.coerce.number().int().positive() });

export const scheduleInput = z.object({
  visitOn: isoDate,
  /** Required when the date changes (改期). */
  reason: z.string().trim().max(500).optional(),
  /** The user confirmed a visit on a rest day (休息日); without it such a date is answered 409 with the question. */
  confirmNonWorkingDay: z.boolean().optional(),
});
export type ScheduleInput = z.infer<typeof scheduleInput>;

/** The body may be left out (a check-in on a working day needs nothing). */
export const checkInInput = z
  .object({
    /** The user confirmed checking in on a rest day (休息日); without it the check-in is answered 409 with the question. */
    confirmNonWorkingDay: z.boolean().optional(),
  })
  .nullish();
export type CheckInInput = z.infer<typeof checkInInput>;

export const resultInput = z.object({
  result: z.enum(checkResults),
  notes: z.string().trim().max(2000).default(''),
});
export type ResultInput = z.infer<typeof resultInput>;

/** The most check items one department has on a task is far below this; a request beyond it is not a form. */
const MAX_BATCH = 500;

/** A department's results saved together (one 保存 on the phone): every entry or none. */
export const resultsInput = z.object({
  results: z
    .array(resultInput.extend({ checkItemId: z.number().int().positive() }))
    .min(1, '请至少录入一个检查事项的结果')
    .max(MAX_BATCH, `一次最多保存 ${MAX_BATCH} 个检查事项`),
});
export type ResultsInput = z.infer<typeof resultsInput>;

export const submitInput = z.object({
  /** When the feedback sheet is not handed over on the spot: the date promised to the subject. */
  feedbackPromisedOn: isoDate.nullable().optional(),
});
export type SubmitInput = z.infer<typeof submitInput>;

export const checkEntry = z.object({
  checkItemId: z.number(),
  itemCode: z.string(),
  itemName: z.string(),
  content: z.string(),
  method: z.string(),
  basis: z.string(),
  result: z.enum(checkResults).nullable(),
  notes: z.string(),
  recordedAt: z.string().nullable(),
  late: z.boolean(),
  photos: z.array(z.object({ id: z.number(), fileName: z.string(), size: z.number() })),
});
export type CheckEntry = z.infer<typeof checkEntry>;

export const submissionView = z.object({
  overall: z.enum(overallResults),
  feedbackPromisedOn: z.string().nullable(),
  submittedAt: z.string(),
  submittedBy: z.string(),
  /** Null when the deadline falls in a year whose holiday notice is not loaded yet. */
  dueOn: z.string().nullable(),
  late: z.boolean(),
});

export const inspectionView = z.object({
  task: taskView,
  visit: z.object({
    visitOn: z.string().nullable(),
    checkedInAt: z.string().nullable(),
    checkedInOn: z.string().nullable(),
    checkedInBy: z.string().nullable(),
    /** Last day for entering results (7 working days after check-in); null before check-in. */
    dueOn: z.string().nullable(),
    changes: z.array(
      z.object({
        previousOn: z.string().nullable(),
        visitOn: z.string(),
        reason: z.string().nullable(),
        changedBy: z.string(),
        changedAt: z.string(),
      }),
    ),
  }),
  departments: z.array(
    z.object({ id: z.number(), name: z.string(), checks: z.array(checkEntry), submission: submissionView.nullable() }),
  ),
  /** The signed-in inspector's department on this task (null: not an inspector of the task). */
  myDepartmentId: z.number().nullable(),
});
export type InspectionView = z.infer<typeof inspectionView>;

/** Where a task stands on the inspector's agenda (inspection-agenda.ts). */
export const agendaGroups = ['overdue', 'today', 'week', 'later', 'done'] as const;
export type AgendaGroup = (typeof agendaGroups)[number];

export const myInspection = z.object({
  taskNo: z.string(),
  subjectName: z.string(),
  address: z.string(),
  status: z.enum(taskStatuses),
  window: z.object({ from: z.string(), to: z.string() }),
  visitOn: z.string().nullable(),
  /** Last day for entering results, once checked in; null before check-in or while the year's holidays are not loaded. */
  resultsDueOn: z.string().nullable(),
  departments: z.array(z.string()),
  group: z.enum(agendaGroups),
});
export const myInspections = z.object({
  today: z.string(),
  /** The Sunday ending the current week (本周 runs Monday to Sunday). */
  weekEnd: z.string(),
  items: z.array(myInspection),
});
export type MyInspections = z.infer<typeof myInspections>;
export const photoCreated = z.object({ id: z.number(), fileName: z.string(), size: z.number() });
