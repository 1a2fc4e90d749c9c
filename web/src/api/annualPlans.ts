import type { AnnualPlanSummary, AnnualPlanView } from '@server/plans/plan.schemas';
import { http } from '@/api/http';

export type { AnnualPlanSummary };

export const listAnnualPlans = () => http.get<AnnualPlanSummary[]>('/api/annual-plans');
export const getAnnualPlan = (id: number) => http.get<AnnualPlanView>(`/api/annual-plans/${id}`);
