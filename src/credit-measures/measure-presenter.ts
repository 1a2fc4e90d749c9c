import type { CreditMeasureRow, MeasureKind } from './credit-measure.table';
import { platformEffect } from './measure-effects-rules';
import type { MeasureView } from './measure.schemas';

/** The measure's number on the list: JL-001 (激励), CJ-001 (惩戒). */
export const measureCode = (kind: MeasureKind, id: number): string =>
  `${kind === '激励' ? 'JL' : 'CJ'}-${String(id).padStart(3, '0')}`;

/** The one place a measure row becomes JSON. */
export function presentMeasure(row: CreditMeasureRow, names: Map<number, string>, activeCases: number): MeasureView {
  return {
    id: Number(row.id),
    code: measureCode(row.kind, Number(row.id)),
    kind: row.kind,
    matter: row.matter,
    target: row.target,
    means: row.means,
    departments: row.department_ids.map((id) => ({ id: Number(id), name: names.get(Number(id)) ?? `部门 ${id}` })),
    legalBasis: row.legal_basis,
    isPublic: row.is_public,
    nonPublicReason: row.non_public_reason,
    status: row.status,
    version: row.version,
    platformEffect: platformEffect(row.kind, row.means),
    publishedAt: row.published_at?.toISOString() ?? null,
    withdrawnReason: row.withdrawn_reason,
    activeCases,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** What a version keeps of the measure (and its audit entries record). */
// A type alias (not an interface) so it passes as an audit payload (Record<string, unknown>).
export type MeasureSnapshot = {
  kind: MeasureKind;
  matter: string;
  target: string;
  means: string;
  departmentIds: number[];
  legalBasis: string;
  isPublic: boolean;
  nonPublicReason: string | null;
  status: CreditMeasureRow['status'];
};

export const measureSnapshot = (row: CreditMeasureRow): MeasureSnapshot => ({
  kind: row.kind,
  matter: row.matter,
  target: row.target,
  means: row.means,
  departmentIds: row.department_ids.map(Number),
  legalBasis: row.legal_basis,
  isPublic: row.is_public,
  nonPublicReason: row.non_public_reason,
  status: row.status,
});
