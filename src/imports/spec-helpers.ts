import type { UpsertCounts } from './import-spec';

/** The stored columns an update may change: those of the fields whose columns are in the file. */
export function changedColumns<C extends string>(
  present: ReadonlySet<string>,
  stored: Readonly<Record<string, readonly C[]>>,
): C[] {
  return [...new Set([...present].flatMap((field) => stored[field] ?? []))];
}

/**
 * Counts of an `INSERT … ON CONFLICT DO UPDATE … WHERE (stored) IS DISTINCT FROM (new) RETURNING xmax = 0 AS inserted`:
 * returned rows were inserted or updated, the rest of the batch was unchanged.
 */
export function countWritten(written: readonly { inserted: boolean }[], batchSize: number): UpsertCounts {
  const inserted = written.filter((w) => w.inserted).length;
  return { inserted, updated: written.length - inserted, unchanged: batchSize - written.length };
}

/** Every row a keyset-paged query returns, page after page by increasing id (exports stream without OFFSET). */
export async function* rowsById<R extends { id: number | string }>(
  pageAfter: (afterId: number) => Promise<R[]>,
  pageSize = 1000,
): AsyncGenerator<R> {
  let after = 0;
  for (;;) {
    const page = await pageAfter(after);
    yield* page;
    if (page.length < pageSize) return;
    after = Number(page[page.length - 1]!.id);
  }
}
