import { actorOfUser } from '../../../src/demo/demo-activity';
import { declareConflict } from '../../../src/inspectors/inspector-conflict.service';
import type { ConflictDeclare } from '../../../src/inspectors/inspector.schemas';
import type { TestApp } from '../test-platform';

/** An inspector's declared conflict of interest with a subject, declared through the register (as the administrator). */
export async function createConflict(t: TestApp, inspectorId: number, declaration: ConflictDeclare): Promise<void> {
  await declareConflict(t.deps, await actorOfUser(t.deps.db, 'admin'), inspectorId, declaration);
}

/** The inspector record behind a demo user (its id and department). */
export async function inspectorOf(t: TestApp, username: string): Promise<{ id: number; departmentId: number }> {
  const row = await t.deps.db
    .selectFrom('inspectors as i')
    .innerJoin('users as u', 'u.id', 'i.user_id')
    .select(['i.id', 'i.department_id'])
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), departmentId: Number(row.department_id) };
}
