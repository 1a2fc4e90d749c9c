import { z } from 'zod';
import { date, oneOf, optionalText, text } from '../shared/field-schemas';
import { pageOf, pageQuery } from '../shared/paging';
import { exposureActions, publicationStatuses, subjectCategories } from './portal-content.table';

export const idParams = z.object({ id: z.coerce.number().int().positive() });

/** A typical case as a department publishes it; only what may be shown publicly goes in. */
export const exposureCaseInput = z
  .object({
    title: text('标题', 100),
    subjectCategory: z.enum(subjectCategories, { message: oneOf('当事人类别', subjectCategories) }),
    subjectName: text('当事人名称', 100),
    uscc: z
      .string()
      .trim()
      .max(18)
      .transform((v) => v.toUpperCase() || null)
      .nullable()
      .default(null),
    violation: text('违法事实', 2000),
    handling: text('处理结果', 1000),
    legalBasis: text('处理依据', 1000),
    penaltyRecordId: z.number().int().positive().nullable().default(null),
    decidedOn: date('处理日期'),
    /** Omitted: the actor's own department. */
    departmentId: z.number().int().positive().optional(),
    /** Why it changed (kept in the publication history); on create ignored. */
    note: optionalText('变更说明', 200),
  })
  .superRefine((c, ctx) => {
    if (c.subjectCategory === '自然人' && c.uscc)
      ctx.addIssue({ code: 'custom', path: ['uscc'], message: '自然人不填写统一社会信用代码，也不公开身份证件号码' });
  });
export type ExposureCaseInput = z.infer<typeof exposureCaseInput>;

export const withdrawInput = z.object({ reason: text('撤回理由', 200) });

export const exposureCaseQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  status: z.enum(publicationStatuses).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
});
export type ExposureCaseQuery = z.infer<typeof exposureCaseQuery>;

const caseFields = {
  id: z.number(),
  caseNo: z.string(),
  departmentId: z.number(),
  departmentName: z.string(),
  title: z.string(),
  violation: z.string(),
  handling: z.string(),
  legalBasis: z.string(),
  decidedOn: z.string(),
  /** The penalty decision's document number, when the case is linked to one. */
  penaltyDocNo: z.string().nullable(),
  publishedAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
};

/** Staff view: the subject as entered, status and withdrawal. */
export const exposureCaseView = z.object({
  ...caseFields,
  subjectCategory: z.enum(subjectCategories),
  subjectName: z.string(),
  uscc: z.string().nullable(),
  penaltyRecordId: z.number().nullable(),
  status: z.enum(publicationStatuses),
  withdrawnAt: z.string().nullable(),
  withdrawReason: z.string(),
});
export type ExposureCaseView = z.infer<typeof exposureCaseView>;
export const exposureCasePage = pageOf(exposureCaseView);

export const exposureEventView = z.object({
  version: z.number(),
  action: z.enum(exposureActions),
  note: z.string(),
  actorName: z.string(),
  at: z.string(),
  title: z.string(),
});
export const exposureCaseDetail = exposureCaseView.extend({ history: z.array(exposureEventView) });

/** Public view: a natural person is shown by surname only, and no one's ID number ever. */
export const publicExposureCase = z.object({
  ...caseFields,
  subjectName: z.string(),
  uscc: z.string().nullable(),
});
export type PublicExposureCase = z.infer<typeof publicExposureCase>;
export const publicExposurePage = pageOf(publicExposureCase);
export const publicExposureQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
});
export type PublicExposureQuery = z.infer<typeof publicExposureQuery>;

/** A penalty decision of the department that a case may link to. */
export const penaltyOption = z.object({
  id: z.number(),
  docNo: z.string(),
  counterpartName: z.string(),
  counterpartCategory: z.string(),
  uscc: z.string().nullable(),
  decidedOn: z.string(),
  violationType: z.string(),
  violationFacts: z.string(),
  legalBasis: z.string(),
  content: z.string(),
});
export type PenaltyOption = z.infer<typeof penaltyOption>;
