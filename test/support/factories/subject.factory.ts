import { actorOfUser } from '../../../src/demo/demo-activity';
import { addKeyTarget, liftKeyTarget } from '../../../src/key-targets/key-target.service';
import type { SubjectInput } from '../../../src/subjects/subject.schemas';
import { changeSubject, getSubject } from '../../../src/subjects/subject.service';
import type { TestApp } from '../test-platform';

export interface SubjectFlags {
  whitelisted?: boolean;
  keyTarget?: boolean;
  keyTargetReason?: string | null;
}

/**
 * Changes a subject's whitelist flag the way the register page does (changeSubject, as the platform administrator),
 * keeping every other field, and its key-target flag the way the 重点抽查对象 page does (a 人工列入 listing with the
 * reason; false lifts every listing in force). Returns the flags it replaced, so a test can put them back.
 */
export async function setSubjectFlags(t: TestApp, uscc: string, flags: SubjectFlags): Promise<Required<SubjectFlags>> {
  const admin = await actorOfUser(t.deps.db, 'admin');
  const { id } = await t.deps.db.selectFrom('subjects').select('id').where('uscc', '=', uscc).executeTakeFirstOrThrow();
  const s = await getSubject(t.deps, admin, Number(id));
  const before = { whitelisted: s.whitelisted, keyTarget: s.keyTarget, keyTargetReason: s.keyTargetReason };
  if (flags.keyTarget === false && s.keyTarget) {
    const listings = await t.deps.db
      .selectFrom('key_targets')
      .select('id')
      .where('subject_id', '=', s.id)
      .where('lifted_at', 'is', null)
      .execute();
    for (const k of listings) await liftKeyTarget(t.deps, admin, k.id, { reason: '测试：恢复原状' });
  }
  if (flags.whitelisted !== undefined && flags.whitelisted !== s.whitelisted)
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
      whitelisted: flags.whitelisted,
    });
  if (flags.keyTarget === true && !s.keyTarget)
    await addKeyTarget(t.deps, admin, {
      subjectId: s.id,
      reason: flags.keyTargetReason ?? '测试：重点抽查对象',
      expiresOn: null,
      departmentId: null,
    });
  return before;
}
