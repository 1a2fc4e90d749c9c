import { describe, expect, it } from 'vitest';
import { preparedStatement } from '../../src/db/prepared-statements';
import type { Db } from '../../src/db/database';
import { testPlatform } from '../support/test-platform';

describe('prepared statements (compiled once, named on PostgreSQL)', () => {
  it('fills each call’s values into the statement compiled on the first call', async () => {
    const db: Db = (await testPlatform()).deps.db;
    const departments = await db.selectFrom('departments').select(['code', 'name']).orderBy('id').limit(3).execute();
    expect(departments.length).toBe(3);
    const byCode = preparedStatement(1, (d: Db, code: string) =>
      d.selectFrom('departments').select('name').where('code', '=', code).where('status', '=', 'active'),
    );
    for (const dept of [...departments, ...departments].reverse())
      expect(await byCode(db, dept.code)).toEqual([{ name: dept.name }]);
    expect(await byCode(db, 'no-such-code')).toEqual([]);
  });

  it('refuses a statement that does not use its value exactly once as a parameter', async () => {
    const db: Db = (await testPlatform()).deps.db;
    const twice = preparedStatement(1, (d: Db, code: string) =>
      d.selectFrom('departments').select('name').where('code', '=', code).where('name', '=', code),
    );
    await expect(twice(db, 'x')).rejects.toThrow('exactly once');
    const unused = preparedStatement(1, (d: Db) => d.selectFrom('departments').select('name'));
    await expect(unused(db, 'x')).rejects.toThrow('exactly once');
  });
});
