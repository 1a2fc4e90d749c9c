// The plans' enumerations, apart from the table and the schemas so that neither imports the other's values.
export const annualPlanStatuses = ['编制中', '已公布', '已修订'] as const;
export type AnnualPlanStatus = (typeof annualPlanStatuses)[number];
export const entryStatuses = ['已报送', '已退回', '已采纳'] as const;
export type EntryStatus = (typeof entryStatuses)[number];
export const specialPlanKinds = ['专项检查', '全项彻查'] as const;
export type SpecialPlanKind = (typeof specialPlanKinds)[number];
export const specialPlanStatuses = ['草稿', '已报送', '征求意见中', '已退回', '已批准', '已公布'] as const;
export type SpecialPlanStatus = (typeof specialPlanStatuses)[number];
export const consultationAnswers = ['参加', '不参加'] as const;
export type ConsultationAnswer = (typeof consultationAnswers)[number];
