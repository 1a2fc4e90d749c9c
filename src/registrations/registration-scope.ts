import { loadRegisterSubjects, sectionOfDivision } from '../draw/draw-frame-lookup.service';
import { subjectInScope } from '../draw/engine/frame';
import type { Db } from '../db/database';
import { ineligibility } from '../inspectors/inspector-eligibility';
import { candidateInspectors } from '../inspectors/inspector-lookup.service';
import type { FieldProblem } from '../shared/app-error';
import { tagNameMap } from '../plans/plan-scope.service';
import { scopeText } from '../plans/plan-text';
import { samplingItemRequirements, samplingItemScopes } from './registration-scope.repository';
import type { RegisteredItem } from './registration.table';

/**
 * A registration only for subjects its items are about: each sampling item's object scope (industry,
 * subject kind, division, tags) must cover each subject, tested as a draw frame tests it
 * (src/draw/engine/frame.ts subjectInScope). Supervision items carry no scope and are not checked.
 * Returns one problem per subject and item that does not match.
 */
export async function outOfScope(
  db: Db,
  departmentId: number,
  items: readonly RegisteredItem[],
  subjects: readonly { id: number; uscc: string; name: string }[],
): Promise<FieldProblem[]> {
  const codes = items.map((i) => i.code);
  const scoped = await samplingItemScopes(db, departmentId, codes);
  if (scoped.length === 0) return [];
  const registers = await loadRegisterSubjects(
    db,
    subjects.map((s) => s.id),
  );
  const sections = sectionOfDivision();
  const tagNames = await tagNameMap(db);
  const problems: FieldProblem[] = [];
  for (const s of subjects) {
    const facts = registers.find((r) => r.id === s.id);
    for (const item of scoped) {
      if (facts && subjectInScope(facts, item.scope, sections)) continue;
      problems.push({
        field: 'usccs',
        message: `${s.name}（${s.uscc}）不在事项“${item.name}”（${item.code}）的检查对象范围内（${scopeText(item.scope, tagNames)}）`,
      });
    }
  }
  return problems;
}

/**
 * The inspectors a registration names must be ones its department may send to each subject in the window
 * (src/inspectors/inspector-eligibility.ts): on duty, certificate through the window, qualified for one of the
 * items, no declared conflict, not the subject's inspector last year, capacity left. One problem per inspector and subject.
 */
export async function namedInspectorProblems(
  db: Db,
  departmentId: number,
  items: readonly RegisteredItem[],
  inspectorIds: readonly number[],
  subjects: readonly { id: number; uscc: string; name: string }[],
  window: { from: string; to: string },
): Promise<FieldProblem[]> {
  if (inspectorIds.length === 0) return [];
  const codes = items.map((i) => i.code);
  const sampling = await samplingItemRequirements(db, departmentId, codes);
  const requirements = items.map((i) => {
    const found = sampling.find((s) => s.code === i.code);
    return {
      code: i.code,
      fields: found?.inspector_requirements.fields ?? [],
      minInspectors: found?.inspector_requirements.minInspectors ?? 2,
    };
  });
  const problems: FieldProblem[] = [];
  for (const s of subjects) {
    const candidates = await candidateInspectors(db, [departmentId], window, s);
    for (const id of inspectorIds) {
      const inspector = candidates.find((c) => c.id === id);
      const why = inspector
        ? ineligibility(inspector, { departmentId, items: requirements, uscc: s.uscc, window })
        : '不是本部门的执法检查人员';
      if (why)
        problems.push({
          field: 'inspectorIds',
          message: `${inspector?.name ?? `执法检查人员 ${id}`}不能派往${s.name}（${s.uscc}）：${why}`,
        });
    }
  }
  return problems;
}
