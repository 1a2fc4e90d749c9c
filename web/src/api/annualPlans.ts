import type { AnnualPlanView } from '@server/plans/plan.schemas';
import { http } from '@/api/http';

export interface AnnualPlanSummary {
  id: number;
  year: number;
  revision: number;
  title: string;
  status: AnnualPlanView['status'];
  submissionDeadline: string;
  publishDeadline: string;
  publishedAt: string | null;
  entryCount: number;
  departmentCount: number;
}

export const listAnnualPlans = () => http.get<AnnualPlanSummary[]>('/api/annual-plans');
export const getAnnualPlan = (id: number) => http.get<AnnualPlanView>(`/api/annual-plans/${id}`);
