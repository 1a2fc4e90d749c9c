import { sql } from 'kysely';
import type { Db } from '../db/database';

interface ActivityRow {
  department_id: number;
  n: number | string;
  last_on: string | null;
}

/**
 * News items still published, per department: how many count in [from, to], and the newest such day up to `to`.
 * A news item counts on its publication date but never before the day it was entered, so a date typed into the past
 * (or moved there by an edit) cannot fill a month that had no news.
 */
export const newsActivity = async (db: Db, from: string, to: string) => {
  const day = sql`greatest((created_at AT TIME ZONE 'Asia/Shanghai')::date, published_on)`;
  const { rows } = await sql<ActivityRow>`
    SELECT department_id,
      count(*) FILTER (WHERE ${day} BETWEEN ${from}::date AND ${to}::date) AS n,
      to_char(max(${day}), 'YYYY-MM-DD') AS last_on
    FROM portal_news
    WHERE status = '已发布' AND ${day} <= ${to}::date
    GROUP BY department_id`.execute(db);
  return rows;
};

/**
 * Exposure cases still published, per department: how many were first published in [from, to], and the newest
 * China date up to `to` on which one was published or updated (from the append-only publication history, so an
 * earlier update still counts after a later one).
 */
export const caseActivity = async (db: Db, from: string, to: string) => {
  const { rows } = await sql<ActivityRow>`
    SELECT c.department_id,
      count(DISTINCT c.id) FILTER (
        WHERE (c.published_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${from}::date AND ${to}::date) AS n,
      to_char(max((e.at AT TIME ZONE 'Asia/Shanghai')::date), 'YYYY-MM-DD') AS last_on
    FROM exposure_cases c
    JOIN exposure_case_events e ON e.case_id = c.id AND e.action IN ('发布', '更新')
      AND (e.at AT TIME ZONE 'Asia/Shanghai')::date <= ${to}::date
    WHERE c.status = '已发布' AND (c.published_at AT TIME ZONE 'Asia/Shanghai')::date <= ${to}::date
    GROUP BY c.department_id`.execute(db);
  return rows;
};
