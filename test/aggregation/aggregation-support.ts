import { expect } from 'vitest';
import { call, type Session, unique } from '../support/http';
import type { TestApp } from '../support/test-platform';

/** A bearer token (对接令牌) of a user, issued by the platform admin through the API. */
export async function bearerFor(t: TestApp, admin: Session, username: string): Promise<Session> {
  const { id } = await t.deps.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const issued = await call(t.app, admin, 'POST', '/api/tokens', {
    userId: id,
    name: `${username} 业务系统 ${unique().tag}`,
  });
  expect(issued.statusCode, issued.body).toBe(200);
  return { headers: { authorization: `Bearer ${issued.json().token}` } };
}

/** The facts a valid 行政检查 record of a department needs: its code, two certificates of its register, a subject. */
export async function inspectionFacts(t: TestApp, username: string) {
  const user = await t.deps.db
    .selectFrom('users as u')
    .innerJoin('departments as d', 'd.id', 'u.department_id')
    .select(['d.id', 'd.code', 'd.name'])
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();
  const inspectors = await t.deps.db
    .selectFrom('inspectors')
    .select(['name', 'certificate_no'])
    .where('department_id', '=', user.id)
    .orderBy('id')
    .limit(2)
    .execute();
  expect(inspectors.length).toBe(2);
  const subject = await t.deps.db
    .selectFrom('subjects')
    .select(['uscc', 'name'])
    .where('uscc', 'like', '91%')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return { department: user, inspectors, subject };
}

export type Facts = Awaited<ReturnType<typeof inspectionFacts>>;

/** A valid 行政检查 record; `overrides` breaks what a test needs broken. */
export function inspectionRecord(f: Facts, key: string, overrides: Record<string, unknown> = {}) {
  return {
    主键: key,
    操作: 'i',
    监管事项目录编码: '37110000100001',
    监管事项检查实施清单编码: `${f.department.code}10001`,
    检查行为名称: '食品经营日常检查',
    检查行为编号: `JC-${key}`,
    实施机构: f.department.name,
    实施机构编码: f.department.code,
    行政相对人: f.subject.name,
    行政相对人性质: '法人',
    证件类型: '001',
    行政相对人编码: f.subject.uscc,
    行政区划代码: '371102',
    检查形式: '01',
    检查结果: '合格',
    检查时间: '2026-11-20 10:00:00',
    检查人员: f.inspectors.map((i) => ({ 姓名: i.name, 执法证号: i.certificate_no })),
    报送时间: '2026-11-21 09:00:00',
    ...overrides,
  };
}
