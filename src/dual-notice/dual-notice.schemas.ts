import { z } from 'zod';
import { pageOf, pageQuery } from '../shared/paging';

const isoDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });
export const idParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
export const caseItemParams = idParams.extend({ code: z.string().trim().min(1).max(40) });

export const pushStates = ['待签收', '已签收', '逾期未签收', '逾期签收'] as const;
export const pushQuery = pageQuery.extend({
  status: z.enum(['待签收', '已签收', '逾期']).optional(),
  departmentId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  keyword: z.string().trim().max(50).optional(),
});
export type PushQuery = z.infer<typeof pushQuery>;

export const pushView = z.object({
  id: z.number(),
  registrationId: z.number(),
  registrationNo: z.string(),
  event: z.string(),
  subjectName: z.string(),
  uscc: z.string(),
  businessScope: z.string(),
  priorApproval: z.boolean(),
  departmentId: z.number().nullable(),
  departmentName: z.string(),
  duty: z.string(),
  route: z.string(),
  items: z.array(z.object({ code: z.string(), name: z.string() })),
  pushedAt: z.string(),
  ackDueOn: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  state: z.enum(pushStates),
});
export type PushView = z.infer<typeof pushView>;
export const pushPage = pageOf(pushView).extend({ today: z.string() });

export const poolQuery = pageQuery.extend({
  keyword: z.string().trim().max(50).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type PoolQuery = z.infer<typeof poolQuery>;
export const poolEntry = z.object({
  registrationId: z.number(),
  registrationNo: z.string(),
  event: z.string(),
  subjectName: z.string(),
  uscc: z.string(),
  businessScope: z.string(),
  industryCodes: z.array(z.string()),
  address: z.string(),
  registeredOn: z.string(),
  claims: z.array(z.string()),
});
export type PoolEntry = z.infer<typeof poolEntry>;
export const poolPage = pageOf(poolEntry);
export const claimInput = z.object({
  duty: z.enum(['许可审批', '行业主管', '综合执法']).default('行业主管'),
  note: z.string().trim().max(300).default(''),
});
export type ClaimInput = z.infer<typeof claimInput>;

export const caseStatuses = [
  '共享池',
  '前置审批',
  '待出具告知书',
  '待签署承诺书',
  '待联合审核',
  '联合审核未通过',
  '已完成',
  '注销告知',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const caseQuery = pageQuery.extend({
  status: z.enum(caseStatuses).optional(),
  keyword: z.string().trim().max(50).optional(),
});
export type CaseQuery = z.infer<typeof caseQuery>;

export const caseSummary = z.object({
  registrationId: z.number(),
  registrationNo: z.string(),
  event: z.string(),
  subjectName: z.string(),
  uscc: z.string(),
  registeredOn: z.string(),
  priorApproval: z.boolean(),
  items: z.array(z.object({ code: z.string(), name: z.string(), highRisk: z.boolean() })),
  noticeNo: z.string().nullable(),
  commitmentRecorded: z.boolean(),
  pushes: z.number(),
  acknowledged: z.number(),
  status: z.enum(caseStatuses),
  /** The joint punishment measures (联合惩戒) the subject is under today, shown to licensing staff. */
  punishments: z.array(z.string()),
});
export type CaseSummary = z.infer<typeof caseSummary>;
export const casePage = pageOf(caseSummary);

export const caseItemView = z.object({
  code: z.string(),
  name: z.string(),
  licensingDepartment: z.string(),
  supervisingDepartments: z.array(z.string()),
  enforcementDepartments: z.array(z.string()),
  priorApproval: z.boolean(),
  highRisk: z.boolean(),
  restriction: z.string(),
  source: z.string(),
  matchedBy: z.string(),
  addedReason: z.string(),
  removed: z.boolean(),
  removedReason: z.string(),
});

export const caseDetail = caseSummary.extend({
  legalRepresentative: z.string(),
  businessScope: z.string(),
  industryCodes: z.array(z.string()),
  address: z.string(),
  divisionCode: z.string(),
  registrationAuthority: z.string(),
  catalogVersionNo: z.number().nullable(),
  noticeIssuedAt: z.string().nullable(),
  itemList: z.array(caseItemView),
  pushList: z.array(
    z.object({
      id: z.number(),
      target: z.string(),
      duty: z.string(),
      route: z.string(),
      itemCodes: z.array(z.string()),
      pushedAt: z.string(),
      ackDueOn: z.string(),
      acknowledgedAt: z.string().nullable(),
      acknowledgedBy: z.string().nullable(),
      state: z.enum(pushStates),
    }),
  ),
  commitment: z
    .object({
      signerName: z.string(),
      signerRole: z.string(),
      signedOn: z.string(),
      eSignature: z.boolean(),
      scanFileName: z.string().nullable(),
      recordedBy: z.string(),
      recordedAt: z.string(),
    })
    .nullable(),
  jointReviews: z.array(
    z.object({
      departmentId: z.number(),
      departmentName: z.string(),
      itemCodes: z.array(z.string()),
      opinion: z.enum(['同意', '不同意']).nullable(),
      note: z.string(),
      answeredBy: z.string().nullable(),
      answeredAt: z.string().nullable(),
    }),
  ),
  /** Items of the registration's catalog version not proposed yet (what the licensing role may add). */
  addableItems: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type CaseDetail = z.infer<typeof caseDetail>;

export const addItemInput = z.object({
  code: z.string().trim().min(1).max(40),
  reason: z.string().trim().min(2, '请填写增加理由（至少 2 个字）').max(300),
});
export const removeItemInput = z.object({
  reason: z.string().trim().min(2, '请填写移除理由（至少 2 个字）').max(300),
});

export const commitmentFields = z.object({
  signerName: z.string().trim().min(2, '请填写签署人姓名').max(50),
  signerRole: z.enum(['法定代表人', '负责人', '经营者', '授权人']),
  signedOn: isoDate,
});
export const commitmentInput = commitmentFields.extend({ eSignature: z.literal(true) });
export type CommitmentFields = z.infer<typeof commitmentFields>;

export const jointReviewInput = z.object({
  opinion: z.enum(['同意', '不同意']),
  note: z.string().trim().max(500).default(''),
});
export type JointReviewInput = z.infer<typeof jointReviewInput>;

export const pendingReview = z.object({
  registrationId: z.number(),
  registrationNo: z.string(),
  subjectName: z.string(),
  uscc: z.string(),
  businessScope: z.string(),
  itemCodes: z.array(z.string()),
  itemNames: z.array(z.string()),
});
export const pendingReviews = z.array(pendingReview);
export type PendingReview = z.infer<typeof pendingReview>;

export const overdueQuery = z.object({
  departmentId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});
export const overdueView = z.object({
  today: z.string(),
  rows: z.array(
    z.object({
      kind: z.enum(['逾期未签收', '逾期签收', '许可反馈逾期']),
      departmentId: z.number(),
      departmentName: z.string(),
      reference: z.string(),
      subjectName: z.string(),
      dueOn: z.string(),
      doneOn: z.string().nullable(),
      /** Working days past the deadline (to today when still open). */
      lateDays: z.number(),
    }),
  ),
  departments: z.array(
    z.object({
      departmentId: z.number(),
      departmentName: z.string(),
      openOverdue: z.number(),
      lateAcknowledged: z.number(),
      lateLicences: z.number(),
    }),
  ),
});
export type OverdueView = z.infer<typeof overdueView>;
