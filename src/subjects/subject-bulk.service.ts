import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import { findSubjectByUscc, subjectsMatchingAfter, upsertSubjectsByUscc } from './subject.repository';
import type { OwnedValues } from './subject-field-ownership';
import type { SubjectListQuery } from './subject.schemas';
import type { SubjectTable } from './subject.table';

// What the import and export of the register (src/imports) need from the subjects capability; the import
// engine owns the transaction.

/** Writes a batch keyed by USCC: new subjects inserted, changed ones updated (only the `changed` columns). */
export const upsertSubjectBatch = (trx: Db, rows: Insertable<SubjectTable>[], changed: (keyof SubjectTable)[]) =>
  upsertSubjectsByUscc(trx, rows, changed);

/** Export pages: the list's filters, by increasing id. */
export const exportSubjectsAfter = (db: Db, query: SubjectListQuery, afterId: number, limit = 1000) =>
  subjectsMatchingAfter(db, query, afterId, limit);

/** The stored credit class, whitelist flag and risk levels of a subject (for the import's field ownership). */
export async function storedOwnedValues(trx: Db, uscc: string): Promise<OwnedValues | undefined> {
  const row = await findSubjectByUscc(trx, uscc);
  return row && { creditClass: row.credit_class, whitelisted: row.whitelisted, industryRisk: row.industry_risk };
}
