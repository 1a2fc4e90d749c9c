import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { SamplingScope } from '../items/sampling-item.table';
import { UNLICENSED_CHECK_CONTENT } from './follow-up-rules';

export interface CandidateItem {
  code: string;
  name: string;
  scope: SamplingScope;
  /** One of its check items belongs to a supervision item linked to one of the approval items (licence_items). */
  licenceLinked: boolean;
  /** It lets the inspector record “未取得许可即开展经营活动”. */
  unlicensedCheck: boolean;
}

/** A department's sampling items in force, with what ties them to the approval items (read for the 跟踪 task). */
export async function departmentCandidateItems(
  db: Db,
  departmentId: number,
  approvalItemCodes: readonly string[],
): Promise<CandidateItem[]> {
  const codes = sql`ARRAY[${sql.join(approvalItemCodes.length ? [...approvalItemCodes] : [''])}]::text[]`;
  const rows = await db
    .selectFrom('sampling_items as si')
    .select(['si.code', 'si.name', 'si.scope'])
    .select(
      sql<boolean>`EXISTS (SELECT 1 FROM sampling_item_check_items sc JOIN check_items c ON c.id = sc.check_item_id
        JOIN supervision_items sv ON sv.id = c.supervision_item_id
        WHERE sc.sampling_item_id = si.id AND c.withdrawn_at IS NULL AND sv.licence_items && ${codes})`.as(
        'licence_linked',
      ),
    )
    .select(
      sql<boolean>`EXISTS (SELECT 1 FROM sampling_item_check_items sc JOIN check_items c ON c.id = sc.check_item_id
        WHERE sc.sampling_item_id = si.id AND c.withdrawn_at IS NULL AND c.content = ${UNLICENSED_CHECK_CONTENT})`.as(
        'unlicensed_check',
      ),
    )
    .where('si.department_id', '=', departmentId)
    .where('si.status', '=', '有效')
    .orderBy('si.code')
    .execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    scope: r.scope,
    licenceLinked: r.licence_linked,
    unlicensedCheck: r.unlicensed_check,
  }));
}
