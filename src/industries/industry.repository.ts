import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import type { IndustryTable } from './industry.table';

export async function anyIndustryStored(db: Db): Promise<boolean> {
  return (await db.selectFrom('industries').select('code').limit(1).executeTakeFirst()) !== undefined;
}

export async function insertIndustries(db: Db, rows: Insertable<IndustryTable>[]): Promise<void> {
  await db.insertInto('industries').values(rows).execute();
}
