import { createHash } from 'node:crypto';
import type { Compilable, Kysely } from 'kysely';
import type pg from 'pg';

/**
 * Statements run as named prepared statements on PostgreSQL: parsed and planned once per connection instead of on
 * every execution. Only the few statements of a hot public path are registered (the 检查码 verification's one
 * statement, whose planning costs more than its execution); everything else is sent as before. Keyed by the SQL text,
 * so the name always belongs to one text. PGlite (one connection in the process) sends them as it sends the rest.
 */
const names = new Map<string, string>();

/**
 * Runs the query as a named prepared statement on PostgreSQL: its SQL text (the same for every call of one query
 * shape, the parameters apart) is registered on first use. Compiled once, as an ordinary execution would.
 */
export async function executePrepared<DB, O>(db: Kysely<DB>, query: Compilable<O>): Promise<O[]> {
  const compiled = query.compile();
  if (!names.has(compiled.sql))
    names.set(compiled.sql, `lj_${createHash('sha256').update(compiled.sql).digest('hex').slice(0, 24)}`);
  return (await db.executeQuery(compiled)).rows;
}

/** Makes a pooled connection send registered texts as named statements (pg keeps what it has prepared per connection). */
export function prepareRegisteredStatements(client: pg.PoolClient): void {
  const send = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    const name = typeof text === 'string' && Array.isArray(values) && args.length === 2 ? names.get(text) : undefined;
    return name ? send({ name, text, values }) : send(...args);
  };
}
