import { capacityIn } from '../inspectors/inspector-eligibility';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import { canCopyOut, type CopyOutRow, copyOutRows } from '../db/bulk-copy';
import { industryCatalog } from '../industries/industry-catalog';
import { loadDrawHistory } from '../registrations/visit-rules-lookup.service';
import { compositeRisk } from '../risk-assessment/composite-risk';
import { RegisterColumnsBuilder, subjectAt } from './engine/register-columns';
import type {
  CreditClass,
  Design,
  FrameRegisters,
  RegisterColumns,
  RegisterSubject,
  RoundInspector,
  RoundItem,
} from './engine/types';

export function sectionOfDivision(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const industry of industryCatalog().values()) if (industry.level === 2) out[industry.code] = industry.section;
  return out;
}

/** Sampling items of a round as the engine sees them. */
export async function loadRoundItems(
  db: Db,
  ids: readonly number[],
  design: Design,
): Promise<(RoundItem & { name: string })[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('sampling_items')
    .select(['id', 'code', 'name', 'department_id', 'scope', 'ratios', 'inspector_requirements', 'a_class_exempt'])
    .where('id', 'in', [...ids])
    .orderBy('code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    departmentId: r.department_id,
    scope: r.scope,
    ratios: r.ratios,
    design,
    keyTargetsCertain: true,
    aClassExempt: r.a_class_exempt,
    fields: r.inspector_requirements.fields,
    minInspectors: r.inspector_requirements.minInspectors,
  }));
}

/** The register's columns as frames need them, as text in this order (COPY and SELECT read them alike). */
const registerFields = [
  's.id::text AS id',
  's.uscc',
  's.kind',
  's.division_code',
  's.status',
  's.credit_class',
  's.key_target::text AS key_target',
  's.whitelisted::text AS whitelisted',
  "array_to_string(s.industry_codes, ',') AS industry_codes",
  // Most subjects have no risk assessed: NULL, not an empty object to parse.
  "CASE WHEN s.industry_risk = '{}'::jsonb THEN NULL ELSE s.industry_risk::text END AS industry_risk",
].join(', ');

const registerQuery = (onlyIds?: readonly number[]): string =>
  `SELECT ${registerFields} FROM subjects s WHERE s.status = '存续'${
    onlyIds
      ? ` AND s.id IN (${onlyIds
          .map((id) => {
            if (!Number.isSafeInteger(id)) throw new Error(`not a subject id: ${id}`);
            return String(id);
          })
          .join(',')})`
      : ''
  } ORDER BY s.uscc`;

/**
 * The subject register as columns (src/draw/engine/register-columns.ts), with tag codes and composite risk, ordered
 * by USCC. Subjects that are not 存续 never enter a frame and are not loaded. The whole register, read on the
 * database handle itself, comes with COPY (a city's million rows in about half the time of a SELECT,
 * src/db/bulk-copy.ts), each row going straight into the columns; a transaction's reads, and a few subjects, with
 * the same query as a SELECT.
 */
export async function loadRegister(db: Db, onlyIds?: readonly number[]): Promise<RegisterColumns> {
  const register = new RegisterColumnsBuilder(onlyIds?.length ?? 1 << 16);
  if (onlyIds && onlyIds.length === 0) return register.done();
  // Tags in a query of their own: a per-subject subquery costs a lookup for each of a million rows.
  const tagRows = db
    .selectFrom('subject_tags as st')
    .innerJoin('tags as t', 't.id', 'st.tag_id')
    .select(['st.subject_id', 't.code'])
    .$if(onlyIds !== undefined, (q) => q.where('st.subject_id', 'in', [...onlyIds!]))
    .orderBy('t.code')
    .execute();
  tagRows.catch(() => undefined); // awaited below; never an unhandled rejection if the register's read fails first
  const add = ([id, uscc, kind, division, status, credit, keyTarget, whitelisted, industries, risk]: CopyOutRow) =>
    register.add({
      id: Number(id),
      uscc: uscc!,
      kind: kind!,
      divisionCode: division!,
      status: status!,
      creditClass: (credit ?? null) as CreditClass | null,
      keyTarget: keyTarget === 'true',
      whitelisted: whitelisted === 'true',
      industryCodes: industries ?? '',
      riskLevel: risk == null ? null : compositeRisk(JSON.parse(risk) as Record<string, string>),
    });
  if (onlyIds === undefined && canCopyOut(db)) await copyOutRows(db, registerQuery(), add);
  else
    for (const row of (await sql<Record<string, string | null>>`${sql.raw(registerQuery(onlyIds))}`.execute(db)).rows)
      add(Object.values(row));
  const tagsOf = new Map<number, string[]>();
  for (const t of await tagRows) {
    const list = tagsOf.get(t.subject_id);
    if (list) list.push(t.code);
    else tagsOf.set(t.subject_id, [t.code]);
  }
  if (tagsOf.size > 0)
    for (let i = 0; i < register.count; i += 1) {
      const tags = tagsOf.get(register.idAt(i));
      if (tags) register.tag(i, tags);
    }
  return register.done();
}

/** A few subjects of the register as objects (the checks of one registration, follow-up or warning), ordered by USCC. */
export async function loadRegisterSubjects(db: Db, onlyIds: readonly number[]): Promise<RegisterSubject[]> {
  const register = await loadRegister(db, onlyIds);
  return Array.from({ length: register.count }, (_, i) => subjectAt(register, i));
}

/**
 * The registers a round's frames are built from. With the round's year, the year's history
 * excludes subjects (src/registrations/visit-rules.repository.ts): routine visits already planned
 * or done (non-void tasks, active routine registrations) and the round's items already planned for
 * a subject, so the draw keeps the same visit rules as registrations.
 */
export async function loadFrameRegisters(
  db: Db,
  items: RoundItem[],
  year?: number,
  onlySubjectIds?: readonly number[],
): Promise<FrameRegisters> {
  const history =
    year === undefined
      ? { routineVisits: new Map(), inspectedItems: new Map() }
      : await loadDrawHistory(db, year, new Map(items.map((i) => [i.code, i.id])));
  return {
    register: await loadRegister(db, onlySubjectIds),
    items,
    sectionOfDivision: sectionOfDivision(),
    ...history,
    exclusions: [],
  };
}

/** The inspectors of the round's departments, with conflicts as USCCs and capacity for the window. */
export async function loadRoundInspectors(
  db: Db,
  departmentIds: readonly number[],
  window: { from: string; to: string },
): Promise<RoundInspector[]> {
  if (departmentIds.length === 0) return [];
  const rows = await db
    .selectFrom('inspectors as i')
    .select([
      'i.id',
      'i.department_id',
      'i.status',
      'i.certificate_issued_on',
      'i.certificate_valid_until',
      'i.fields',
      'i.qualified_sampling_item_codes',
      'i.capacity_per_month',
    ])
    .select(
      sql<
        string[]
      >`coalesce((SELECT array_agg(s.uscc ORDER BY s.uscc) FROM inspector_conflicts c JOIN subjects s ON s.id = c.subject_id WHERE c.inspector_id = i.id), '{}')`.as(
        'conflicts',
      ),
    )
    .where('i.department_id', 'in', [...departmentIds])
    .orderBy('i.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    departmentId: r.department_id,
    active: r.status === '在岗',
    certificateIssuedOn: r.certificate_issued_on,
    certificateValidUntil: r.certificate_valid_until,
    fields: r.fields,
    qualifiedItemCodes: r.qualified_sampling_item_codes,
    capacity: capacityIn(r.capacity_per_month, window),
    conflicts: r.conflicts,
    lastCycle: [],
  }));
}
