import type { z } from 'zod';
import type { AuditAction } from '../audit/audit-labels';
import type { Actor } from '../auth/actor';
import type { Permission } from '../auth/permissions';
import type { Db } from '../db/database';
import type { AppDeps } from '../shared/context';
import type { FieldProblem } from '../shared/app-error';
import { type CellParser, guardedCell, textCell } from './cell-parsers';
import type { CellValue } from './sheet-row';

export type { CellValue };

/** One column of an import file: the Chinese header ↔ a field of the parsed record. */
export interface ImportColumn {
  header: string;
  field: string;
  /** The header must be in the file and the cell must not be empty. */
  required?: boolean;
  /** Turns a non-empty cell into the field's value (default: trimmed text). */
  parse?: CellParser;
  /** What the template's 填写说明 sheet says about the column (format, allowed values, default). */
  help: string;
  /** The template's example row. */
  example: string;
  /** Export / template column width in characters. */
  width?: number;
}

/**
 * The parsed cells of one row by field. A field is missing when its column is not in the file
 * or its cell is empty; the spec decides what that means (usually the schema default).
 */
export type ParsedRecord = Record<string, unknown>;

export type Validated<T> = { value: T } | { problems: FieldProblem[] };

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface UpsertContext<C> {
  context: C;
  /** Fields whose column is in the file: an update changes only these (absent columns keep stored values). */
  present: ReadonlySet<string>;
  now: Date;
  /** The platform (config, audit hash), for specs whose rows go through another capability's service (received records). */
  deps: AppDeps;
}

export interface ExportSpec<Q> {
  permission: Permission;
  /** The list endpoint whose filters the export takes: routes `${listPath}/export.xlsx` and `.csv`. */
  listPath: string;
  /** The list endpoint's query schema (paging fields are ignored). */
  query: z.ZodType<Q>;
  /** Every matching row, streamed (keyset paging), as cells in `columns` order; actor null = command line (no scope). */
  rows(db: Db, actor: Actor | null, query: Q): AsyncIterable<CellValue[]>;
}

/**
 * What an entity provides to be imported and exported (subjects, inspectors, items …).
 * The engine does files, headers, cell parsing, required cells, duplicate keys inside the file,
 * batching, the transaction, modes, counts, the job and the audit entry; the spec does the rest.
 */
export interface ImportSpec<T, C, Q> {
  /** URL and CLI name: `POST /api/imports/<kind>`, `lianjian import <kind> FILE`. */
  kind: string;
  /** Chinese name of the entity, e.g. 监管对象 (sheet name, messages). */
  title: string;
  /** Needed to import (checked on the route and again in the service). */
  permission: Permission;
  /** The one audit entry written per committed import job. Add `action` to src/audit/audit-labels.ts. */
  audit: { action: AuditAction };
  columns: readonly ImportColumn[];
  /** The field that identifies a row (upsert key; duplicates inside a file are rejected). */
  keyField: string;
  /** Fields whose columns must be in the file together (cross-field rules need all of them). */
  together?: readonly (readonly string[])[];
  /** Loads what validation needs once per job (lookup tables, the actor's department scope). */
  prepare(db: Db, actor: Actor | null): Promise<C>;
  /**
   * Row rules beyond cell parsing. Problems name the Chinese header in `field`. `present` holds the fields
   * whose columns are in the file (a missing field is an absent column or an empty cell; some specs tell them apart).
   * `trx` is the job's transaction, for a rule that compares a row with what is stored (on PGlite the only
   * connection is the transaction's: a query on another handle would wait for ever).
   */
  validate(
    record: ParsedRecord,
    context: C,
    present: ReadonlySet<string>,
    trx: Db,
  ): Validated<T> | Promise<Validated<T>>;
  /** Writes a batch (≤ ~1000 valid rows with distinct keys) inside the job's transaction; an identical stored row counts as unchanged and is not written. */
  upsert(trx: Db, batch: readonly T[], ctx: UpsertContext<C>): Promise<UpsertCounts>;
  export?: ExportSpec<Q>;
}

/** A registered import kind with its types closed over (the registry holds different T, C, Q). */
export interface ImportKind {
  kind: string;
  title: string;
  permission: Permission;
  auditAction: AuditAction;
  columns: readonly ImportColumn[];
  keyField: string;
  together: readonly (readonly string[])[];
  prepare(db: Db, actor: Actor | null): Promise<unknown>;
  validate(record: ParsedRecord, context: unknown, present: ReadonlySet<string>, trx: Db): Promise<Validated<unknown>>;
  keyOf(record: ParsedRecord): string | null;
  upsert(trx: Db, batch: readonly unknown[], ctx: UpsertContext<unknown>): Promise<UpsertCounts>;
  export?: {
    permission: Permission;
    listPath: string;
    query: z.ZodType;
    /** `query` must come from `query.parse` (the route's querystring or the CLI options). */
    rows(db: Db, actor: Actor | null, query: unknown): AsyncIterable<CellValue[]>;
  };
}

/** Closes a spec over its types for the registry. The casts are safe: values only flow from this spec's own functions back into them. */
export function defineImport<T, C, Q>(spec: ImportSpec<T, C, Q>): ImportKind {
  const exporter = spec.export;
  return {
    kind: spec.kind,
    title: spec.title,
    permission: spec.permission,
    auditAction: spec.audit.action,
    columns: spec.columns,
    keyField: spec.keyField,
    together: spec.together ?? [],
    prepare: (db, actor) => spec.prepare(db, actor),
    validate: async (record, context, present, trx) => spec.validate(record, context as C, present, trx),
    keyOf: (record) => {
      const key = record[spec.keyField];
      return typeof key === 'string' && key !== '' ? key : null;
    },
    upsert: (trx, batch, ctx) => spec.upsert(trx, batch as readonly T[], { ...ctx, context: ctx.context as C }),
    export: exporter && {
      permission: exporter.permission,
      listPath: exporter.listPath,
      query: exporter.query,
      rows: (db, actor, query) => exporter.rows(db, actor, query as Q),
    },
  };
}

export const parserOf = (column: ImportColumn): CellParser => guardedCell(column.parse ?? textCell);
