import type { Db } from '../../src/db/database';
import type { TestClock } from '../support/test-platform';

/** The first published, valid sampling item of each department, in id order (the demo registers have several departments). */
export async function firstItemPerDepartment(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom('sampling_items')
    .select(['id', 'department_id'])
    .where('published', '=', true)
    .where('status', '=', '有效')
    .orderBy('id')
    .execute();
  const byDept = new Map<number, number>();
  for (const r of rows) if (!byDept.has(r.department_id)) byDept.set(r.department_id, r.id);
  return [...byDept.values()];
}

/**
 * A declared lottery for tests: it draws `minutes` after the test clock's now (to the minute, China
 * time), so a round can be committed to it now and drawn once the clock has passed it (afterTheDraw).
 */
export function drawsAtIn(clock: TestClock, minutes = 10): string {
  const china = new Date(clock.now().getTime() + minutes * 60_000 + 8 * 3_600_000).toISOString();
  return `${china.slice(0, 16)}:00+08:00`;
}

/** Moves the test clock past a lottery declared with drawsAtIn (sessions stay valid: well under their idle limit). */
export function afterTheDraw(clock: TestClock): void {
  clock.advanceMinutes(12);
}
