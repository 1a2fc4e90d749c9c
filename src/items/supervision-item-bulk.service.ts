import type { Db } from '../db/database';
import { type ChangedBy, itemsWithChecksAfter, lockItemByCode, wholeCatalogue } from './supervision-item.repository';
import type { SupervisionItemListQuery } from './supervision-item.schemas';

// What the import and export of the catalogue (src/imports) need from the items capability.

export type { ChangedBy };

/** Locks an item found by code for the rest of the transaction (an import row then saves it as a new version). */
export const lockedItemByCode = (trx: Db, code: string) => lockItemByCode(trx, code);

/** Export pages: the list's filters, by increasing id, each item with its active check items. */
export const exportItemsAfter = (db: Db, query: SupervisionItemListQuery, afterId: number, limit = 1000) =>
  itemsWithChecksAfter(db, query, afterId, limit);

/** The catalogue an import validates its rows against: every item, check item and sampling link. */
export const catalogueForImport = (db: Db) => wholeCatalogue(db);
