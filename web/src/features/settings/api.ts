import { http } from '@/api/http';

/** The district's supervision rules (the server's SupervisionRules in src/settings/visit-rules-setting.ts). */
export interface SupervisionRules {
  /** Routine visits one subject may receive in a year. */
  routineVisitCap: number;
  /** Inspections of the same item on one enterprise in a year. */
  sameItemCap: number;
  /** MM-DD: the day the annual routine plan must be published by. */
  annualPlanPublishBy: string;
}

export const settingsApi = {
  supervisionRules: () => http.get<SupervisionRules>('/api/settings/supervision-rules'),
  saveSupervisionRules: (rules: SupervisionRules) =>
    http.put<SupervisionRules>('/api/settings/supervision-rules', rules),
};
