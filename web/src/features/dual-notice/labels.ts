/** Tag colours of the push and case states (the states themselves are Chinese already). */
export const pushStateType = (state: string): 'success' | 'warning' | 'danger' | 'info' =>
  state === '已签收' ? 'success' : state === '待签收' ? 'warning' : 'danger';

export const caseStatusType = (status: string): 'success' | 'warning' | 'danger' | 'info' | 'primary' =>
  ({
    已完成: 'success' as const,
    前置审批: 'primary' as const,
    联合审核未通过: 'danger' as const,
    共享池: 'info' as const,
    注销告知: 'info' as const,
  })[status] ?? 'warning';
