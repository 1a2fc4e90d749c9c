import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, type Session, unique } from '../support/http';
import { type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let admin: Session;
let yjglId: number;
let subject: { id: number; uscc: string; name: string };

beforeAll(async () => {
  t = await testApp();
  admin = await login(t.app, 'admin');
  const options = (await call(t.app, admin, 'GET', '/api/departments/options')).json() as {
    id: number;
    name: string;
  }[];
  yjglId = options.find((d) => d.name === '市应急管理局')!.id;
  subject = (await call(t.app, admin, 'GET', '/api/subjects?pageSize=1')).json().items[0];
});
afterAll(() => t.app.close());

const body = (overrides: object = {}) => ({
  kind: '车辆',
  name: '危险货物运输罐车',
  identifier: `鲁L${unique().tag}`,
  divisionCode: '371102',
  responsibleUscc: subject.uscc,
  departmentId: yjglId,
  ...overrides,
});

describe('inspection objects without a USCC', () => {
  it('links a vehicle to the subject bearing legal responsibility and lists it on that subject', async () => {
    const res = await call(t.app, admin, 'POST', '/api/inspection-objects', body());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().responsibleSubject).toEqual({ id: subject.id, uscc: subject.uscc, name: subject.name });
    const listed = (await call(t.app, admin, 'GET', `/api/subjects/${subject.id}/objects`)).json();
    expect(listed.map((o: { id: number }) => o.id)).toContain(res.json().id);
  });

  it('refuses an unknown responsible subject and a duplicate identifier', async () => {
    const unknown = await call(
      t.app,
      admin,
      'POST',
      '/api/inspection-objects',
      body({ responsibleUscc: '91350100M000100Y43' }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toEqual([{ field: 'responsibleUscc', message: '主体不存在' }]);
    const first = body();
    expect((await call(t.app, admin, 'POST', '/api/inspection-objects', first)).statusCode).toBe(200);
    const dup = await call(t.app, admin, 'POST', '/api/inspection-objects', { ...first, name: '另一辆车' });
    expect(dup.statusCode).toBe(409);
  });

  it('keeps each department to its own objects', async () => {
    const scjgAdmin = await login(t.app, 'scjg_admin');
    expect((await call(t.app, scjgAdmin, 'POST', '/api/inspection-objects', body())).statusCode).toBe(403);
    const created = (
      await call(
        t.app,
        admin,
        'POST',
        '/api/inspection-objects',
        body({ kind: '项目', name: '港区三期工程', identifier: '' }),
      )
    ).json();
    expect(
      (await call(t.app, scjgAdmin, 'PUT', `/api/inspection-objects/${created.id}`, body({ name: '改名' }))).statusCode,
    ).toBe(403);
    const changed = await call(
      t.app,
      admin,
      'PUT',
      `/api/inspection-objects/${created.id}`,
      body({ kind: '项目', name: '港区三期工程（二标段）', identifier: '' }),
    );
    expect(changed.statusCode, changed.body).toBe(200);
    const entry = (
      await call(t.app, admin, 'GET', `/api/audit?entityType=inspection_object&entityId=${created.id}`)
    ).json().items[0];
    expect(entry.changes.name).toEqual(['港区三期工程', '港区三期工程（二标段）']);
  });
});
