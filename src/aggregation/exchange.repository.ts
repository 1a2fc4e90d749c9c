import { type Insertable, sql } from 'kysely';
import type { Db } from '../db/database';
import type { ExchangeExportTable } from './aggregation.table';

export const listMappings = (db: Db) =>
  db
    .selectFrom('supervision_items as i')
    .innerJoin('departments as d', 'd.id', 'i.department_id')
    .leftJoin('exchange_code_mappings as m', 'm.item_code', 'i.code')
    .select(['i.code', 'i.name', 'd.name as department_name', 'm.catalog_code', 'm.list_code', 'm.updated_at'])
    .where('i.status', '=', '有效')
    .orderBy('i.code')
    .execute();

export const itemByCode = (db: Db, code: string) =>
  db
    .selectFrom('supervision_items')
    .select(['code', 'name', 'department_id'])
    .where('code', '=', code)
    .executeTakeFirst();

export const upsertMapping = (
  trx: Db,
  values: { item_code: string; catalog_code: string; list_code: string; updated_by: number; updated_at: Date },
) =>
  trx
    .insertInto('exchange_code_mappings')
    .values(values)
    .onConflict((oc) =>
      oc.column('item_code').doUpdateSet({
        catalog_code: values.catalog_code,
        list_code: values.list_code,
        updated_by: values.updated_by,
        updated_at: values.updated_at,
      }),
    )
    .execute();

/**
 * The platform's own inspections submitted in [from, to] (China dates): one row per task, department and supervision
 * item (the check items recorded, grouped by the item they belong to), with the subject, the department, the item's
 * national codes (null without a mapping), the worst result and the inspectors.
 */
export const platformInspections = (db: Db, from: string, to: string) =>
  db
    .selectFrom('inspection_submissions as s')
    .innerJoin('inspection_tasks as t', 't.id', 's.task_id')
    .innerJoin('subjects as sub', 'sub.id', 't.subject_id')
    .innerJoin('departments as d', 'd.id', 's.department_id')
    .innerJoin('inspection_results as r', (j) =>
      j.onRef('r.task_id', '=', 's.task_id').onRef('r.department_id', '=', 's.department_id'),
    )
    .innerJoin('check_items as ci', 'ci.id', 'r.check_item_id')
    .innerJoin('supervision_items as si', 'si.id', 'ci.supervision_item_id')
    .leftJoin('exchange_code_mappings as m', 'm.item_code', 'si.code')
    .leftJoin('inspection_visits as v', 'v.task_id', 't.id')
    .select([
      't.task_no',
      't.routine',
      's.submitted_at',
      'sub.name as subject_name',
      'sub.uscc',
      'sub.kind as subject_kind',
      'sub.division_code',
      'sub.registered_address',
      'sub.business_address',
      'd.name as department_name',
      'd.code as department_code',
      'd.division_code as department_division',
      'si.code as item_code',
      'si.name as item_name',
      'm.catalog_code',
      'm.list_code',
      sql<string | null>`coalesce(v.checked_in_on, v.visit_on)`.as('inspected_on'),
      sql<string>`CASE WHEN bool_or(r.result = '不符合') THEN '不合格'
        WHEN bool_and(r.result = '不适用') THEN '合理缺项' ELSE '合格' END`.as('result'),
      sql<string | null>`(SELECT string_agg(i.name || ':' || i.certificate_no, ';' ORDER BY i.certificate_no)
        FROM inspection_task_inspectors ti2 JOIN inspectors i ON i.id = ti2.inspector_id
        WHERE ti2.task_id = t.id AND ti2.department_id = s.department_id)`.as('inspectors'),
    ])
    .where(sql<boolean>`(s.submitted_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${from} AND ${to}`)
    .groupBy([
      't.id',
      's.task_id',
      's.department_id',
      's.submitted_at',
      'sub.id',
      'd.id',
      'si.id',
      'm.catalog_code',
      'm.list_code',
      'v.checked_in_on',
      'v.visit_on',
    ])
    .orderBy('t.task_no')
    .orderBy('si.code')
    .execute();

/** Received records of a kind changed in [from, to], deletes included. */
export const receivedInPeriod = (db: Db, kind: string, from: string, to: string) =>
  db
    .selectFrom('aggregation_records as r')
    .innerJoin('departments as d', 'd.id', 'r.department_id')
    .select([
      'r.sender_key',
      'r.payload',
      'r.content_digest',
      'r.deleted',
      'd.code as department_code',
      'd.division_code',
    ])
    .where('r.record_kind', '=', kind)
    .where(sql<boolean>`(r.updated_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${from} AND ${to}`)
    .orderBy('r.id')
    .execute();

export async function exportedState(db: Db, kind: string, keys: string[]) {
  if (keys.length === 0) return new Map<string, { record_id: string; content_digest: string; deleted: boolean }>();
  const rows = await db
    .selectFrom('exchange_exported_records')
    .select(['sender_key', 'record_id', 'content_digest', 'deleted'])
    .where('record_kind', '=', kind)
    .where('sender_key', 'in', keys)
    .execute();
  return new Map(rows.map((r) => [r.sender_key, r]));
}

export const insertExport = (trx: Db, values: Insertable<ExchangeExportTable>) =>
  trx.insertInto('exchange_exports').values(values).returning('id').executeTakeFirstOrThrow();

export async function saveExported(
  trx: Db,
  rows: {
    record_kind: string;
    sender_key: string;
    record_id: string;
    content_digest: string;
    deleted: boolean;
    last_export_id: number;
  }[],
) {
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('exchange_exported_records')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.columns(['record_kind', 'sender_key']).doUpdateSet((eb) => ({
          content_digest: eb.ref('excluded.content_digest'),
          deleted: eb.ref('excluded.deleted'),
          last_export_id: eb.ref('excluded.last_export_id'),
        })),
      )
      .execute();
}

export const listExports = (db: Db) =>
  db
    .selectFrom('exchange_exports as e')
    .leftJoin('users as u', 'u.id', 'e.exported_by')
    .selectAll('e')
    .select('u.name as exported_by_name')
    .orderBy('e.id', 'desc')
    .limit(100)
    .execute();
