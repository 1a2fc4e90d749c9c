import { z } from 'zod';

const isoDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });

export const tagInput = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9-]{1,39}$/, '标签编码应为小写字母开头的字母、数字或连字符，2–40 位'),
    name: z.string().trim().min(2, '标签名称至少 2 个字').max(30, '标签名称不超过 30 个字'),
    departmentId: z.number().int().positive(),
    meaning: z.string().trim().min(4, '请说明标签的含义（至少 4 个字）').max(500),
    validFrom: isoDate,
    validTo: isoDate.nullable().default(null),
    ruleIndustries: z.array(z.string().trim().min(1)).max(50).default([]),
    ruleKeywords: z.array(z.string().trim().min(2, '关键词至少 2 个字').max(20)).max(50).default([]),
  })
  .refine((t) => t.validTo === null || t.validTo >= t.validFrom, {
    path: ['validTo'],
    message: '有效期止不能早于有效期起',
  });
export type TagInput = z.infer<typeof tagInput>;

export const tagView = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  departmentId: z.number(),
  departmentName: z.string(),
  meaning: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  /** Within its validity period on the server's current date (China Standard Time). */
  active: z.boolean(),
  ruleIndustries: z.array(z.string()),
  ruleKeywords: z.array(z.string()),
  subjectCount: z.number(),
});
export type TagView = z.infer<typeof tagView>;

export const tagAssignByList = z.object({
  usccs: z.array(z.string().trim().toUpperCase()).min(1, '请至少提供一个统一社会信用代码').max(10_000),
});

export const tagApplyResult = z.object({ added: z.number(), removed: z.number(), total: z.number() });
export type TagApplyResult = z.infer<typeof tagApplyResult>;
export const tagListResult = z.object({ added: z.number(), alreadyTagged: z.number(), notFound: z.array(z.string()) });
export type TagListResult = z.infer<typeof tagListResult>;

export const subjectTagView = tagView
  .omit({ subjectCount: true })
  .extend({ source: z.enum(['rule', 'list']), assignedAt: z.string() });
export type SubjectTag = z.infer<typeof subjectTagView>;
