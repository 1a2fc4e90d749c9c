import type { SupervisionRules } from '@server/settings/visit-rules-setting';
import { http } from '@/api/http';

export type { SupervisionRules };

export const settingsApi = {
  supervisionRules: () => http.get<SupervisionRules>('/api/settings/supervision-rules'),
  saveSupervisionRules: (rules: SupervisionRules) =>
    http.put<SupervisionRules>('/api/settings/supervision-rules', rules),
};
