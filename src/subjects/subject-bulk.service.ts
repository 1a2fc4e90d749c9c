import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import { findOwnedValues, ownedValuesPage, subjectsMatchingAfter, upsertSubjectsByUscc } from './subject.repository';
import { unsetOwnedValues } from './subject-field-ownership';
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

/** Per-row reads before the loader switches to reading every set value at once. */
const SINGLE_READS = 200;

/**
 * The stored credit class, whitelist flag and risk levels by USCC, for the import's field ownership.
 * A few rows are read one by one (a small file into a large register reads little); past SINGLE_READS
 * the loader reads, in pages, every subject whose values are set and keeps them as compact strings
 * (one query per row costs milliseconds on PGlite: 20,000 rows took 67 s instead of 6 s). A USCC it
 * does not hold is a new subject or one with nothing set: both compare as unset.
 */
export function ownedValuesLoader(trx: Db): (uscc: string) => Promise<OwnedValues> {
  let reads = 0;
  let all: Map<string, string> | null = null;
  const decode = (packed: string | undefined): OwnedValues => {
    if (packed === undefined) return unsetOwnedValues;
    const [creditClass, whitelisted, risk] = JSON.parse(packed) as [string | null, boolean, Record<string, string>];
    return { creditClass, whitelisted, industryRisk: risk };
  };
  return async (uscc) => {
    if (all) return decode(all.get(uscc));
    if (reads < SINGLE_READS) {
      reads += 1;
      const row = await findOwnedValues(trx, uscc);
      return row
        ? { creditClass: row.credit_class, whitelisted: row.whitelisted, industryRisk: row.industry_risk }
        : unsetOwnedValues;
    }
    const loaded = new Map<string, string>();
    for (let page = await ownedValuesPage(trx, 0, 10_000); page.length > 0;) {
      for (const r of page) loaded.set(r.uscc, JSON.stringify([r.credit_class, r.whitelisted, r.industry_risk]));
      page = page.length < 10_000 ? [] : await ownedValuesPage(trx, Number(page[page.length - 1]!.id), 10_000);
    }
    all = loaded;
    return decode(all.get(uscc));
  };
}
