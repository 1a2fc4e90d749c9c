import type { AuditEntryView, AuditListQuery, ChainReport, CheckpointView } from '@server/audit/audit.schemas';
import type { Page } from '@server/shared/paging';
import { http } from '@/api/http';

export type { ChainReport };

export const auditApi = {
  list: (query: AuditListQuery) => http.get<Page<AuditEntryView>>('/api/audit', query),
  actions: () => http.get<string[]>('/api/audit/actions'),
  verify: () => http.post<ChainReport>('/api/audit/verify'),
  checkpoint: () => http.post<CheckpointView>('/api/audit/checkpoints'),
};
