import { actorOfUser } from '../../../src/demo/demo-activity';
import type { SubjectInput } from '../../../src/subjects/subject.schemas';
import { changeSubject, getSubject } from '../../../src/subjects/subject.service';
import type { TestApp } from '../test-platform';

export type SubjectFlags = Partial<Pick<SubjectInput, 'whitelisted' | 'keyTarget' | 'keyTargetReason'>>;

/**
 * Changes a subject's whitelist or key-target flags the way the register page does (changeSubject, as the platform
 * administrator), keeping every other field. Returns the flags it replaced, so a test can put them back.
 */
export async function setSubjectFlags(t: TestApp, uscc: string, flags: SubjectFlags): Promise<Required<SubjectFlags>> {
  const admin = await actorOfUser(t.deps.db, 'admin');
  const { id } = await t.deps.db.selectFrom('subjects').select('id').where('uscc', '=', uscc).executeTakeFirstOrThrow();
  const s = await getSubject(t.deps, admin, Number(id));
  await changeSubject(t.deps, admin, s.id, {
    uscc: s.uscc,
    keepFlaggedUscc: s.usccProblem !== null,
    legacyRegNo: s.legacyRegNo,
    name: s.name,
    kind: s.kind,
    legalRepresentative: s.legalRepresentative,
    divisionCode: s.divisionCode,
    registeredAddress: s.registeredAddress,
    businessAddress: s.businessAddress,
    businessScope: s.businessScope,
    industryCodes: s.industries.map((i) => i.code),
    registrationDate: s.registrationDate,
    status: s.status,
    creditClass: s.creditClass,
    industryRisk: s.industryRisk as SubjectInput['industryRisk'],
    whitelisted: s.whitelisted,
    keyTarget: s.keyTarget,
    keyTargetReason: s.keyTargetReason,
    ...flags,
  });
  return { whitelisted: s.whitelisted, keyTarget: s.keyTarget, keyTargetReason: s.keyTargetReason };
}
