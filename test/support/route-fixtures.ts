import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { chinaDate } from '../../src/shared/china-date';
import { demoUsers } from '../../src/demo/demo-departments';
import { inspectorOf } from './factories/inspector.factory';
import { createTask } from './factories/task.factory';
import { call, demoIdCard, login, type Session, unique } from './http';
import type { Hints } from './bad-input';
import type { JsonSchema, Operation } from './route-catalog';
import type { TestApp } from './test-platform';

/** Who calls: a demo account, or nobody (anonymous), with the permissions its roles grant. */
export interface Principal {
  name: string;
  session: Session | null;
  permissions: ReadonlySet<string>;
}

export const ANONYMOUS = '匿名';

/** Anonymous and every demo account, signed in; each account's permissions as the platform reports them. */
export async function signInEveryone(t: TestApp): Promise<Principal[]> {
  const principals: Principal[] = [{ name: ANONYMOUS, session: null, permissions: new Set() }];
  for (const { username } of demoUsers) {
    const session = await login(t.app, username);
    const me = await call(t.app, session, 'GET', '/api/auth/me');
    expect(me.statusCode, me.body).toBe(200);
    principals.push({ name: username, session, permissions: new Set(me.json().user.permissions as string[]) });
  }
  return principals;
}

/** The sampling items of the draws made on the isolated database (here and in test/http/scope-matrix.test.ts). */
export const DRAW_ITEMS = ['SCJG-CC-01', 'SCJG-CC-02', 'CSGL-CC-01', 'XFJY-CC-01'];

/** A syntactically valid value that names nothing, for a path parameter no fixture covers. */
export function absentValue(schema: JsonSchema | undefined): string {
  if (schema?.enum?.length) return String(schema.enum[0]);
  if (schema?.type === 'integer' || schema?.type === 'number') return '2147483000';
  if (schema?.pattern?.includes('[0-9a-fA-F]{8}')) return '00000000-0000-4000-8000-000000000000';
  return 'ZZ-404';
}

/** Values for path parameters: real records of the database where the tests made or found one. */
export type PathValues = (op: Operation, name: string) => string;

export interface RouteFixtures {
  pathValue: PathValues;
  /** An account of 市市场监督管理局 made for the tests, for the calls that change or end the caller's own session. */
  spare: { username: string; password: string };
  /** Values for body properties that make a generated body pass validation (see bad-input.ts validValue). */
  hints: Hints;
}

/**
 * Records for every kind of path parameter, made through the API where a person would make them: a real draw of
 * three departments (lianxi), a published task of 市市场监督管理局 with its 检查码, and a department, role, user and
 * system token that exist only to be changed or removed by the calls under test (never a demo account).
 */
export async function makeRouteFixtures(t: TestApp, admin: Session): Promise<RouteFixtures> {
  const db = t.deps.db;
  const firstId = async (q: Promise<{ id: number | string } | undefined>) => String((await q)?.id ?? 2147483000);
  const subjectId = await firstId(db.selectFrom('subjects').select('id').orderBy('id').executeTakeFirst());
  const tagId = await firstId(db.selectFrom('tags').select('id').orderBy('id').executeTakeFirst());
  const itemId = await firstId(db.selectFrom('supervision_items').select('id').orderBy('id').executeTakeFirst());
  const checkItemId = await firstId(db.selectFrom('check_items').select('id').orderBy('id').executeTakeFirst());
  const sampling = await db.selectFrom('sampling_items').select(['id', 'code']).orderBy('id').execute();
  const samplingId = (code: string) => sampling.find((s) => s.code === code)!.id;
  const inspector = await inspectorOf(t, 'scjg_jc01');
  const { tag, uscc } = unique();

  const created = async (url: string, payload: object, who: Session = admin) => {
    const res = await call(t.app, who, 'POST', url, payload);
    expect(res.statusCode, `${url} ${res.body}`).toBe(200);
    return res.json() as Record<string, unknown>;
  };
  const department = await created('/api/departments', {
    name: `矩阵测试部门${tag}`,
    code: uscc,
    kind: '行业主管',
    divisionCode: '371100',
  });
  const role = await created('/api/roles', {
    code: `matrix_${tag}`,
    name: `矩阵测试角色${tag}`,
    dataScope: 'own_department',
    permissions: ['calendar:year:read'],
  });
  const spare = { username: `matrix${tag}`, password: `Mx!${tag}q#Zr7vK2` };
  const newUser = (username: string, serial: number) =>
    created('/api/users', {
      username,
      name: `矩阵${tag}`,
      idCard: demoIdCard('371102', serial % 900),
      phone: '13800000000',
      departmentId: inspector.departmentId,
      roleCodes: ['dept_staff'],
      password: spare.password,
    });
  await newUser(spare.username, Number(tag));
  // The user the /api/users/{id} routes change (and reset the password of): not the spare account, whose session lives on.
  const user = await newUser(`matrixu${tag}`, Number(tag) + 1);
  const token = await created('/api/tokens', { userId: user['id'], name: '矩阵测试对接' });

  const lianxi = await login(t.app, 'lianxi');
  // A window ahead of today, and a local seed: a lottery's numbers are refused before its declared draw time.
  const drawYear = Number(chinaDate(t.clock.now()).slice(0, 4)) + 1;
  const seed = `matrix-test-seed-${tag}`;
  const round = await created(
    '/api/draws',
    {
      title: `矩阵测试抽取${tag}`,
      year: drawYear,
      window: { from: `${drawYear}-05-01`, to: `${drawYear}-07-31` },
      samplingItemIds: DRAW_ITEMS.map(samplingId),
      design: 'fixed',
      entropy: { kind: 'local', seedHash: createHash('sha256').update(seed).digest('hex') },
    },
    lianxi,
  );
  const record = await created(
    `/api/draws/${String(round['roundNo'])}/records`,
    { reveal: { kind: 'local', seed } },
    lianxi,
  );
  const task = await createTask(t, { items: ['SCJG-CC-02'], inspectors: [inspector] });
  const notice = await created(`/api/tasks/${task.taskNo}/notice`, {});
  const code = notice['code'] as { token: string };

  const byName: Record<string, string> = {
    roundNo: String(round['roundNo']),
    recordNo: String(record['recordNo']),
    taskNo: task.taskNo,
    token: code.token,
    subjectId,
    checkItemId,
    departmentId: String(inspector.departmentId),
    year: '2026',
    version: '1',
    format: 'pdf',
    kind: 'annual',
    code: String(role['code']),
    recordKind: '行政检查',
  };
  const idOf: Record<string, string> = {
    subjects: subjectId,
    tags: tagId,
    inspectors: String(inspector.id),
    items: itemId,
    // Not an item the draws here use: the calls under test unpublish it.
    'sampling-items': String(sampling.find((s) => !DRAW_ITEMS.includes(s.code))!.id),
    users: String(user['id']),
    departments: String(department['id']),
    tokens: String(token['id']),
  };
  const pathValue: PathValues = (op, name) => {
    if (name === 'id') {
      const resource = op.path.split('/')[2]!;
      if (resource in idOf) return idOf[resource]!;
    } else if (name in byName) return byName[name]!;
    return absentValue(op.pathParams.find((p) => p.name === name)?.schema);
  };
  const checkItem = await db
    .selectFrom('sampling_item_check_items')
    .select('check_item_id')
    .where('sampling_item_id', '=', samplingId('SCJG-CC-02'))
    .executeTakeFirstOrThrow();
  const existing = await db.selectFrom('subjects').select('uscc').orderBy('id').executeTakeFirstOrThrow();
  const hints: Hints = {
    uscc: unique().uscc,
    code: unique().uscc,
    responsibleUscc: existing.uscc,
    usccs: [existing.uscc],
    subjectUsccs: [existing.uscc],
    username: `corpus${tag}`,
    idCard: demoIdCard('371102', (Number(tag) + 2) % 900),
    password: 'Zq7#Lm2!Vx9$Kp4w',
    newPassword: 'Zq7#Lm2!Vx9$Kp4w',
    oldPassword: spare.password,
    permissions: ['calendar:year:read'],
    roleCodes: ['dept_staff'],
    industryCodes: ['5251'],
    ruleIndustries: ['5251'],
    industries: ['5251'],
    tags: [],
    departmentId: inspector.departmentId,
    initiatingDepartmentId: inspector.departmentId,
    departmentIds: [inspector.departmentId],
    subjectId: Number(subjectId),
    inspectorIds: [inspector.id],
    year: 2026,
    window: { from: '2026-05-01', to: '2026-07-31' },
    claimedFrom: null,
    samplingItemIds: [samplingId('SCJG-CC-02')],
    samplingItemId: samplingId('SCJG-CC-02'),
    checkItemIds: [Number(checkItem.check_item_id)],
    itemCodes: ['SCJG-CC-02'],
    annualPlanPublishBy: '03-31',
    entropy: {
      kind: 'lottery',
      description: '2026-04-30 福彩双色球开奖号码（三组）',
      sources: 3,
      drawsAt: '2026-04-30T21:15:00+08:00',
    },
    reveal: { kind: 'lottery', keyString: '9319./2.5.8.10.12./9.18.26.34.41.45./' },
  };
  return { pathValue, spare, hints };
}
