import type { InspectionView } from '@server/inspections/inspection.schemas';
import { http } from '@/api/http';

/** One task's inspection: every department's check items, results, photos and submission. */
export const getInspection = (taskNo: string) =>
  http.get<InspectionView>(`/api/inspections/${encodeURIComponent(taskNo)}`);

export const inspectionPhotoUrl = (id: number) => `/api/inspection-photos/${id}`;
