import { createHash, randomUUID } from 'node:crypto';
import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type pg from 'pg';

/**
 * Statements of a hot public path, built and compiled by Kysely once instead of on every call, and run on
 * PostgreSQL as named prepared statements: parsed and planned once per connection instead of on every execution.
 * Only the statements registered here (the 检查码 verification's one statement: building it cost more than running
 * it, and planning it more than executing it) are sent this way; everything else is sent as before. A name belongs to
 * one SQL text (it is the text's hash). PGlite (one connection in the process) runs them as it runs the rest.
 */
const names = new Map<string, string>();

/** Where the call's values go in a compiled statement: the positions of its parameters that stood for them. */
interface Template<O> {
  compiled: CompiledQuery<O>;
  slots: number[];
}

/**
 * A statement with `arity` string values, compiled on its first call per database handle (the query built with
 * stand-ins for the values, whose parameter positions are then filled with each call's values) and registered as a
 * named prepared statement.
 */
export function preparedStatement<DB, O>(
  arity: number,
  build: (db: Kysely<DB>, ...values: string[]) => Compilable<O>,
): (db: Kysely<DB>, ...values: string[]) => Promise<O[]> {
  const templates = new WeakMap<Kysely<DB>, Template<O>>();
  const templateOf = (db: Kysely<DB>): Template<O> => {
    const known = templates.get(db);
    if (known) return known;
    const standIns = Array.from({ length: arity }, () => `lj-stand-in-${randomUUID()}`);
    const compiled = build(db, ...standIns).compile();
    const slots = standIns.map((s) => compiled.parameters.indexOf(s));
    if (slots.some((slot, i) => slot < 0 || compiled.parameters.lastIndexOf(standIns[i]) !== slot))
      throw new Error('a prepared statement must use each of its values exactly once, as a parameter');
    if (!names.has(compiled.sql))
      names.set(compiled.sql, `lj_${createHash('sha256').update(compiled.sql).digest('hex').slice(0, 24)}`);
    const template = { compiled, slots };
    templates.set(db, template);
    return template;
  };
  return async (db, ...values) => {
    if (values.length !== arity) throw new Error(`the prepared statement takes ${arity} values`);
    const { compiled, slots } = templateOf(db);
    const parameters = [...compiled.parameters];
    slots.forEach((slot, i) => (parameters[slot] = values[i]));
    return (await db.executeQuery<O>({ ...compiled, parameters })).rows;
  };
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
