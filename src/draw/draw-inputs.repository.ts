import { sql } from 'kysely';
import type { Db } from '../db/database';
import { industryCatalog } from '../industries/industry-catalog';
import type { CreditClass, Design, FrameRegisters, RegisterSubject, RiskLevel, RoundInspector, RoundItem } from './engine/types';

const riskOrder: RiskLevel[] = ['低', '一般', '较高', '高'];

/** The composite industry risk: the highest level any department assessed. */
export function compositeRisk(levels: Record<string, string>): RiskLevel | null {
  let best = -1;
  for (const level of Object.values(levels)) best = Math.max(best, riskOrder.indexOf(level as RiskLevel));
  return best < 0 ? null : riskOrder[best]!;
}

export function sectionOfDivision(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const industry of industryCatalog().values()) if (industry.level === 2) out[industry.code] = industry.section;
  return out;
}

/** Sampling items of a round as the engine sees them. */
export async function loadRoundItems(db: Db, ids: readonly number[], design: Design): Promise<(RoundItem & { name: string })[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('sampling_items').select(['id', 'code', 'name', 'department_id', 'scope', 'ratios', 'inspector_requirements']).where('id', 'in', [...ids]).orderBy('code').execute();
  return rows.map((r) => ({
    id: r.id, code: r.code, name: r.name, departmentId: r.department_id, scope: r.scope, ratios: r.ratios, design, keyTargetsCertain: true,
    fields: r.inspector_requirements.fields, minInspectors: r.inspector_requirements.minInspectors,
  }));
}

/**
 * The subject register, reduced to the columns frames need (with tag codes and composite risk),
 * ordered by USCC. Subjects that are not 存续 never enter a frame and are not loaded.
 */
export async function loadRegisterSubjects(db: Db): Promise<RegisterSubject[]> {
  const rows = await db
    .selectFrom('subjects as s')
    .select(['s.id', 's.uscc', 's.kind', 's.division_code', 's.industry_codes', 's.status', 's.credit_class', 's.key_target', 's.whitelisted', 's.industry_risk'])
    .select(sql<string[]>`coalesce((SELECT array_agg(t.code) FROM subject_tags st JOIN tags t ON t.id = st.tag_id WHERE st.subject_id = s.id), '{}')`.as('tags'))
    .where('s.status', '=', '存续')
    .orderBy('s.uscc')
    .execute();
  return rows.map((r) => ({
    id: r.id, uscc: r.uscc, kind: r.kind, divisionCode: r.division_code, industryCodes: r.industry_codes, tags: r.tags, status: r.status,
    creditClass: r.credit_class as CreditClass | null, keyTarget: r.key_target, whitelisted: r.whitelisted, riskLevel: compositeRisk(r.industry_risk),
  }));
}

export async function loadFrameRegisters(db: Db, items: RoundItem[]): Promise<FrameRegisters> {
  // Inspection history (routine visits, items inspected this year, exemptions) arrives with
  // inspection execution; until then nothing is excluded on those grounds.
  return { subjects: await loadRegisterSubjects(db), items, sectionOfDivision: sectionOfDivision(), routineVisits: new Map(), inspectedItems: new Map(), exclusions: [] };
}

function monthsIn(from: string, to: string): number {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  return Math.max(1, Math.ceil(days / 30.44));
}

/** The inspectors of the round's departments, with conflicts as USCCs and capacity for the window. */
export async function loadRoundInspectors(db: Db, departmentIds: readonly number[], window: { from: string; to: string }): Promise<RoundInspector[]> {
  if (departmentIds.length === 0) return [];
  const rows = await db
    .selectFrom('inspectors as i')
    .select(['i.id', 'i.department_id', 'i.status', 'i.certificate_issued_on', 'i.certificate_valid_until', 'i.fields', 'i.qualified_sampling_item_codes', 'i.capacity_per_month'])
    .select(sql<string[]>`coalesce((SELECT array_agg(s.uscc ORDER BY s.uscc) FROM inspector_conflicts c JOIN subjects s ON s.id = c.subject_id WHERE c.inspector_id = i.id), '{}')`.as('conflicts'))
    .where('i.department_id', 'in', [...departmentIds])
    .orderBy('i.id')
    .execute();
  const months = monthsIn(window.from, window.to);
  return rows.map((r) => ({
    id: r.id, departmentId: r.department_id, active: r.status === '在岗', certificateIssuedOn: r.certificate_issued_on, certificateValidUntil: r.certificate_valid_until,
    fields: r.fields, qualifiedItemCodes: r.qualified_sampling_item_codes, capacity: r.capacity_per_month * months, conflicts: r.conflicts, lastCycle: [],
  }));
}
