import { sql } from 'kysely';
import type { Db } from '../db/database';

const chinaDay = (column: string) =>
  sql<string>`to_char((${sql.ref(column)} AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD')`;

/** News items still published, per department: how many are dated in [from, to], and the newest date up to `to`. */
export const newsActivity = (db: Db, from: string, to: string) =>
  db
    .selectFrom('portal_news')
    .select('department_id')
    .select((eb) =>
      eb.fn
        .count<number>('id')
        .filterWhere((e) => e.and([e('published_on', '>=', from), e('published_on', '<=', to)]))
        .as('n'),
    )
    .select(sql<string | null>`to_char(max(published_on), 'YYYY-MM-DD')`.as('last_on'))
    .where('status', '=', '已发布')
    .where('published_on', '<=', to)
    .groupBy('department_id')
    .execute();

/**
 * Exposure cases still published, per department: how many were first published in [from, to], and the newest
 * China date up to `to` on which one was published or updated.
 */
export const caseActivity = (db: Db, from: string, to: string) =>
  db
    .selectFrom('exposure_cases')
    .select('department_id')
    .select((eb) =>
      eb.fn
        .count<number>('id')
        .filterWhere((e) => e.and([e(chinaDay('published_at'), '>=', from), e(chinaDay('published_at'), '<=', to)]))
        .as('n'),
    )
    .select(
      sql<
        string | null
      >`max(CASE WHEN ${chinaDay('updated_at')} <= ${to} THEN ${chinaDay('updated_at')} ELSE ${chinaDay('published_at')} END)`.as(
        'last_on',
      ),
    )
    .where('status', '=', '已发布')
    .where(chinaDay('published_at'), '<=', to)
    .groupBy('department_id')
    .execute();
