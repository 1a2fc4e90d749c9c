import { z } from 'zod';
import { oneOf, optionalText, text } from '../shared/field-schemas';
import { pageOf, pageQuery } from '../shared/paging';
import { eventView, fileView } from './transfer.schemas';
import { copyTopics } from './transfer.table';

/** 抄告抄送 (《朔州市平鲁区“互联网+监管”系统运行管理办法》第二十九条): a finding or decision sent to the departments concerned. */
export const copyInput = z.object({
  about: z.enum(copyTopics, { message: oneOf('抄告事项', copyTopics) }),
  title: text('标题', 200),
  content: text('抄告内容', 4000),
  sourceRef: optionalText('相关编号（任务编号、决定书文号等）', 100),
  subjectId: z.number({ message: '检查对象应为编号' }).int().positive().nullish(),
  departmentIds: z
    .array(z.number().int().positive(), { message: '请选择抄送部门' })
    .min(1, '请选择至少一个抄送部门')
    .max(50, '最多抄送 50 个部门'),
});
export type CopyInput = z.infer<typeof copyInput>;

export const readInput = z.object({ reply: optionalText('回复', 2000) });
export const copyNoParams = z.object({ copyNo: z.string().min(1).max(40) });

export const copyQuery = pageQuery.extend({
  box: z.enum(['sent', 'received', 'all'], { message: oneOf('范围', ['sent', 'received', 'all']) }).default('all'),
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  keyword: z.string().trim().max(100).optional(),
});
export type CopyQuery = z.infer<typeof copyQuery>;

export const copyRow = z.object({
  copyNo: z.string(),
  about: z.enum(copyTopics),
  title: z.string(),
  subjectName: z.string(),
  senderDepartmentId: z.number(),
  senderDepartmentName: z.string(),
  recipients: z.number(),
  read: z.number(),
  /** Whether the actor's department has read it (null when it is not a recipient). */
  readByMine: z.boolean().nullable(),
  createdAt: z.string(),
});
export type CopyRow = z.infer<typeof copyRow>;
export const copyPage = pageOf(copyRow);

export const copyDetail = copyRow.extend({
  content: z.string(),
  sourceRef: z.string().nullable(),
  createdBy: z.string(),
  recipientList: z.array(
    z.object({
      departmentId: z.number(),
      departmentName: z.string(),
      readAt: z.string().nullable(),
      readBy: z.string().nullable(),
      reply: z.string().nullable(),
    }),
  ),
  actions: z.array(z.enum(['read'])),
  events: z.array(eventView),
  files: z.array(fileView),
});
export type CopyDetail = z.infer<typeof copyDetail>;
