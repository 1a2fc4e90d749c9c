import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { CreditModelRow, CreditModelStatus } from './credit-run.table';

export async function listModels(db: Db): Promise<CreditModelRow[]> {
  return db.selectFrom('credit_models').selectAll().orderBy('version', 'desc').execute();
}

export async function findModel(db: Db, id: number): Promise<CreditModelRow | undefined> {
  return db.selectFrom('credit_models').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function latestModel(db: Db): Promise<CreditModelRow | undefined> {
  return db.selectFrom('credit_models').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
}

/** The version runs use: the latest published one. */
export async function currentModel(db: Db): Promise<CreditModelRow | undefined> {
  return db
    .selectFrom('credit_models')
    .selectAll()
    .where('status', '=', '已发布')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface NewModel {
  version: number;
  name: string;
  status: CreditModelStatus;
  definition: unknown;
  note: string;
  createdBy: number | null;
  now: Date;
}

export async function insertModel(db: Db, m: NewModel): Promise<CreditModelRow> {
  const published = m.status === '已发布';
  return db
    .insertInto('credit_models')
    .values({
      version: m.version,
      name: m.name,
      status: m.status,
      definition: JSON.stringify(m.definition),
      note: m.note,
      created_by: m.createdBy,
      created_at: m.now,
      updated_at: m.now,
      published_by: published ? m.createdBy : null,
      published_at: published ? m.now : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateDraft(
  db: Db,
  id: number,
  values: { name: string; note: string; definition: unknown; now: Date },
): Promise<CreditModelRow> {
  return db
    .updateTable('credit_models')
    .set({
      name: values.name,
      note: values.note,
      definition: JSON.stringify(values.definition),
      updated_at: values.now,
    })
    .where('id', '=', id)
    .where('status', '=', '草稿')
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Publishes a draft; the version published before it is retired (已停用) and stays as it was. */
export async function publishDraft(db: Db, id: number, userId: number | null, now: Date): Promise<CreditModelRow> {
  await db
    .updateTable('credit_models')
    .set({ status: '已停用', updated_at: now })
    .where('status', '=', '已发布')
    .execute();
  return db
    .updateTable('credit_models')
    .set({ status: '已发布', published_by: userId, published_at: now, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', '草稿')
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Serialises the writers of model versions in this transaction (the first default model, a new draft): two at once
 * would both take the next version number.
 */
export async function lockModelVersions(trx: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(20261206, hashtext('credit_models'))`.execute(trx);
}
