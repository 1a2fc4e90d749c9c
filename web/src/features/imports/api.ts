import type { ImportMode } from '@server/imports/import-job.table';
import type { ImportJobView } from '@server/imports/import.schemas';
import { http } from '@/api/http';

export type TableFormat = 'xlsx' | 'csv';

/** Upload, progress and reports of the background import jobs (src/imports/import.routes.ts). */
export const importApi = {
  /** Uploads one CSV or XLSX file; the server answers 202 with the job to poll. */
  start: (kind: string, file: File, mode: ImportMode) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return http.upload<{ jobId: string }>(`/api/imports/${kind}`, form, { mode });
  },
  get: (id: string) => http.get<ImportJobView>(`/api/imports/${id}`),
  /** The user's latest jobs of one register (a platform administrator: everyone's). */
  recent: (kind: string) => http.get<ImportJobView[]>('/api/imports', { kind }),
};

/** Plain links the browser downloads itself (the server sends content-disposition: attachment). */
export const importLinks = {
  template: (kind: string, format: TableFormat) => `/api/imports/templates/${kind}.${format}`,
  errors: (id: string, format: TableFormat) => `/api/imports/${id}/errors.${format}`,
};
