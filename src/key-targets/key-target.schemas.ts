import { z } from 'zod';
import { pageOf, pageQuery } from '../shared/paging';
import { keyTargetReasons } from './key-target.table';

export { keyTargetReasons };

const isoDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });
export const keyTargetStates = ['有效', '已到期', '已解除', '未生效'] as const;

/** Staff list a subject by hand (人工列入), with the reason and, optionally, the last day it applies. */
export const keyTargetInput = z.object({
  subjectId: z.number().int().positive({ message: '请选择监管对象' }),
  reason: z.string().trim().min(4, '请写明列入理由（至少 4 个字）').max(200, '理由不超过 200 个字'),
  expiresOn: isoDate.nullable().default(null),
  /** Only a user whose scope is every department may list for another department. */
  departmentId: z.number().int().positive().nullable().default(null),
});
export type KeyTargetInput = z.infer<typeof keyTargetInput>;

export const keyTargetLiftInput = z.object({
  reason: z.string().trim().min(4, '请写明解除理由（至少 4 个字）').max(200, '理由不超过 200 个字'),
});
export type KeyTargetLiftInput = z.infer<typeof keyTargetLiftInput>;

export const keyTargetIdParams = z.object({ id: z.coerce.number().int().positive() });

export const keyTargetQuery = pageQuery.extend({
  /** Subject name or USCC. */
  q: z.string().trim().max(100).optional(),
  reasonKind: z.enum(keyTargetReasons).optional(),
  /** Default: in force. */
  state: z.enum([...keyTargetStates, '全部']).default('有效'),
  departmentId: z.coerce.number().int().positive().optional(),
});
export type KeyTargetQuery = z.infer<typeof keyTargetQuery>;

export const keyTargetView = z.object({
  id: z.number(),
  subjectId: z.number(),
  subjectName: z.string(),
  uscc: z.string(),
  whitelisted: z.boolean(),
  reasonKind: z.enum(keyTargetReasons),
  reason: z.string(),
  /** What it came from, in words (信用记录 XYJL…, 信用评价 XYPJ…, 照后证前跟踪 …), null for one added by hand. */
  sourceLabel: z.string().nullable(),
  departmentId: z.number().nullable(),
  departmentName: z.string().nullable(),
  listedOn: z.string(),
  expiresOn: z.string().nullable(),
  state: z.enum(keyTargetStates),
  /** ISO instant (the page shows it in China time). */
  liftedAt: z.string().nullable(),
  liftedByName: z.string().nullable(),
  liftReason: z.string().nullable(),
  createdByName: z.string().nullable(),
  /** Whether the signed-in user may lift it (their department's, or any with scope over all departments). */
  canLift: z.boolean(),
});
export type KeyTargetView = z.infer<typeof keyTargetView>;

export const keyTargetPage = pageOf(keyTargetView);
export const keyTargetList = z.object({ items: z.array(keyTargetView) });
