import { loadRegisterSubjects, sectionOfDivision } from '../draw/draw-inputs.repository';
import { subjectInScope } from '../draw/engine/frame';
import type { Db } from '../db/database';
import type { FieldProblem } from '../shared/app-error';
import { tagNameMap } from '../plans/annual-plan.repository';
import { scopeText } from '../plans/plan-text';
import type { RegisteredItem } from './registration.table';

/**
 * A registration only for subjects its items are about: each sampling item's object scope (industry,
 * subject kind, division, tags) must cover each subject, tested as a draw frame tests it
 * (src/draw/engine/frame.ts subjectInScope). Supervision items carry no scope and are not checked.
 * Returns one problem per subject and item that does not match.
 */
export async function outOfScope(db: Db, departmentId: number, items: readonly RegisteredItem[], subjects: readonly { id: number; uscc: string; name: string }[]): Promise<FieldProblem[]> {
  const codes = items.map((i) => i.code);
  const scoped = codes.length ? await db.selectFrom('sampling_items').select(['code', 'name', 'scope']).where('department_id', '=', departmentId).where('code', 'in', codes).execute() : [];
  if (scoped.length === 0) return [];
  const registers = await loadRegisterSubjects(db, subjects.map((s) => s.id));
  const sections = sectionOfDivision();
  const tagNames = await tagNameMap(db);
  const problems: FieldProblem[] = [];
  for (const s of subjects) {
    const facts = registers.find((r) => r.id === s.id);
    for (const item of scoped) {
      if (facts && subjectInScope(facts, item.scope, sections)) continue;
      problems.push({ field: 'usccs', message: `${s.name}（${s.uscc}）不在事项“${item.name}”（${item.code}）的检查对象范围内（${scopeText(item.scope, tagNames)}）` });
    }
  }
  return problems;
}
