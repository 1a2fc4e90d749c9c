import type { RegistrationView } from '@server/registrations/registration.schemas';
import type { ProposalView } from '@server/registrations/visit-matching.schemas';

export const kindHints: Record<RegistrationView['kind'], string> = {
  专项检查: '针对行业性、区域性问题的专项行动；同一事项每年不超过 1 次',
  后续跟进: '对已发现问题的复查、整改跟进',
  日常检查: '非投诉举报引起的日常检查；每个主体每年不超过 2 次，同一事项每年不超过 1 次',
  投诉举报: '处理投诉举报，白名单主体也可登记',
  监测发现: '大数据监测、风险监测发现的问题，白名单主体也可登记',
  转办交办: '上级或其他部门转办、交办，白名单主体也可登记',
  依法依规: '法律法规规章明确要求的检查，白名单主体也可登记',
};

export const registrationStatusType: Record<RegistrationView['status'], 'success' | 'info' | 'primary' | 'warning'> = {
  有效: 'warning',
  已转任务: 'success',
  已撤回: 'info',
  已合并: 'primary',
};
export const proposalStatusType: Record<ProposalView['status'], 'warning' | 'success' | 'info' | 'danger'> = {
  待答复: 'warning',
  已合并: 'success',
  未合并: 'info',
  已失效: 'danger',
};
export const currentYear = () => new Date().getFullYear();
