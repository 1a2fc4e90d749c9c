import { z } from 'zod';
import { date, oneOf, optionalText, text } from '../shared/field-schemas';
import { pageOf, pageQuery } from '../shared/paging';
import { knowledgeCategories, validities } from './portal-content.table';

const optionalDate = (label: string) => date(label).nullable().default(null);

export const knowledgeInput = z
  .object({
    category: z.enum(knowledgeCategories, { message: oneOf('类别', knowledgeCategories) }),
    title: text('标题', 200),
    issuer: text('制定机关', 100),
    docNo: optionalText('文号', 100),
    issuedOn: optionalDate('公布日期'),
    effectiveOn: optionalDate('施行日期'),
    validity: z.enum(validities, { message: oneOf('时效性', validities) }),
    repealedOn: optionalDate('废止日期'),
    body: text('正文', 100000),
    relatedItemCodes: z.array(z.string().trim().min(1).max(40)).max(30, '关联监管事项最多 30 项').default([]),
    departmentId: z.number().int().positive().optional(),
  })
  .superRefine((k, ctx) => {
    if (k.validity === '已废止' && !k.repealedOn)
      ctx.addIssue({ code: 'custom', path: ['repealedOn'], message: '已废止的请填写废止日期' });
    if (k.validity !== '已废止' && k.repealedOn)
      ctx.addIssue({ code: 'custom', path: ['repealedOn'], message: '只有已废止的才填写废止日期' });
    if (k.issuedOn && k.effectiveOn && k.effectiveOn < k.issuedOn)
      ctx.addIssue({ code: 'custom', path: ['effectiveOn'], message: '施行日期不得早于公布日期' });
  });
export type KnowledgeInput = z.infer<typeof knowledgeInput>;

export const knowledgeQuery = pageQuery.extend({
  /** Words in the title, the body or the document number; several words must all occur. */
  q: z.string().trim().max(100).optional(),
  category: z.enum(knowledgeCategories).optional(),
  validity: z.enum(validities).optional(),
});
export type KnowledgeQuery = z.infer<typeof knowledgeQuery>;

const segment = z.object({ text: z.string(), hit: z.boolean() });

const entryFields = {
  id: z.number(),
  category: z.enum(knowledgeCategories),
  title: z.string(),
  issuer: z.string(),
  docNo: z.string(),
  issuedOn: z.string().nullable(),
  effectiveOn: z.string().nullable(),
  validity: z.enum(validities),
  repealedOn: z.string().nullable(),
  departmentName: z.string(),
};

/** A search hit: the title and a passage of the body cut into highlighted segments. */
export const knowledgeHit = z.object({
  ...entryFields,
  titleSegments: z.array(segment),
  docNoSegments: z.array(segment),
  snippet: z.array(segment),
});
export type KnowledgeHit = z.infer<typeof knowledgeHit>;
export const knowledgePage = pageOf(knowledgeHit);

export const relatedItem = z.object({ id: z.number().nullable(), code: z.string(), name: z.string() });
export const knowledgeEntryView = z.object({
  ...entryFields,
  departmentId: z.number(),
  body: z.string(),
  relatedItems: z.array(relatedItem),
  updatedAt: z.string(),
});
export type KnowledgeEntryView = z.infer<typeof knowledgeEntryView>;
