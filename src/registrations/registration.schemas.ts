import { z } from 'zod';
import { pageOf, pageQuery } from '../shared/paging';
import { registrationKinds, registrationStatuses } from './registration.table';
import { taskStatuses } from '../tasks/task-lifecycle';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const uscc = z.string().trim().toUpperCase().length(18, '统一社会信用代码应为 18 位');

/** 提前登记: one or more subjects, one window, one kind, the department's items. */
export const registrationInput = z
  .object({
    /** Only the joint-meeting office registers for another department; others register for their own. */
    departmentId: z.number().int().positive().optional(),
    usccs: z.array(uscc).min(1, '请至少填写一个统一社会信用代码').max(200, '一次最多登记 200 个主体'),
    kind: z.enum(registrationKinds, '请选择检查类型'),
    window: z.object({ from: date, to: date }),
    itemCodes: z.array(z.string().trim().min(1)).min(1, '请至少选择一个检查事项').max(50),
    inspectorIds: z.array(z.number().int().positive()).max(20).default([]),
    note: z.string().trim().max(500).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.window.to < v.window.from)
      ctx.addIssue({ code: 'custom', path: ['window', 'to'], message: '检查期结束日不能早于开始日' });
    if (v.window.from.slice(0, 4) !== v.window.to.slice(0, 4))
      ctx.addIssue({ code: 'custom', path: ['window', 'to'], message: '检查期应在同一年度内（按年度计算检查次数）' });
  });
export type RegistrationInput = z.infer<typeof registrationInput>;

export const registrationQuery = pageQuery.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  status: z.enum(registrationStatuses).optional(),
  kind: z.enum(registrationKinds).optional(),
  keyword: z.string().trim().max(50).optional(),
});
export type RegistrationQuery = z.infer<typeof registrationQuery>;

export const registrationNoParams = z.object({ registrationNo: z.string().trim().min(1).max(40) });
export const withdrawInput = z.object({ reason: z.string().trim().min(1, '请说明撤回理由').max(500) });

const item = z.object({ code: z.string(), name: z.string() });
export const registrationView = z.object({
  registrationNo: z.string(),
  department: z.object({ id: z.number(), name: z.string() }),
  subject: z.object({ id: z.number(), uscc: z.string(), name: z.string() }),
  kind: z.enum(registrationKinds),
  year: z.number(),
  window: z.object({ from: z.string(), to: z.string() }),
  items: z.array(item),
  inspectorIds: z.array(z.number()),
  note: z.string(),
  status: z.enum(registrationStatuses),
  withdrawReason: z.string().nullable(),
  mergedTaskNo: z.string().nullable(),
  /** The task the registration became (confirmed, or merged into) and its status. */
  taskNo: z.string().nullable(),
  taskStatus: z.enum(taskStatuses).nullable(),
  createdAt: z.string(),
});
export type RegistrationView = z.infer<typeof registrationView>;
export const registrationPage = pageOf(registrationView);

/** What a registration needs for its rules, besides the registration itself: which rule applies to which kind. */
export const registrationRules = z.object({
  kinds: z.array(
    z.object({ kind: z.enum(registrationKinds), proactive: z.boolean(), routine: z.boolean(), itemBound: z.boolean() }),
  ),
  routineVisitCap: z.number(),
  sameItemCap: z.number(),
});
