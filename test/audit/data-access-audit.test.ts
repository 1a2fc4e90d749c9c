import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, type Session } from '../support/http';
import { type TestApp, testApp } from '../support/test-platform';

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await testApp();
  admin = await login(t.app, 'admin');
});
afterAll(() => t.app.close());

interface Entry {
  seq: number;
  action: string;
  actorName: string;
  entityType: string;
  entityId: string | null;
  summary: string;
  changes: Record<string, [unknown, unknown]>;
}

/** The newest audit entry with `action` (the audit query itself is not audited). */
async function newestEntry(action: string): Promise<Entry | undefined> {
  return (await call(t.app, admin, 'GET', `/api/audit?action=${action}&pageSize=1`)).json().items[0];
}

const after = (entry: Entry | undefined, field: string) => entry?.changes[field]?.[1];

describe('reads of personal data and downloads are audited', () => {
  it('records who read an inspector’s details, with the route and the id', async () => {
    const staff = await login(t.app, 'scjg_admin');
    const list = await call(t.app, staff, 'GET', '/api/inspectors?pageSize=3');
    expect(list.statusCode, list.body).toBe(200);
    const listed = await newestEntry('personal_data.read');
    expect(listed).toMatchObject({ entityType: 'personal_data', entityId: 'inspector' });
    expect(listed!.actorName).not.toBe('系统管理员');
    expect(listed!.summary).toContain(`（${list.json().items.length} 条）`);
    expect(after(listed, 'query')).toEqual({ pageSize: 3, page: 1 });

    const id = list.json().items[0].id;
    const detail = await call(t.app, staff, 'GET', `/api/inspectors/${id}`);
    expect(detail.statusCode).toBe(200);
    const read = await newestEntry('personal_data.read');
    expect(read!.seq).toBeGreaterThan(listed!.seq);
    expect(read).toMatchObject({ entityType: 'personal_data', entityId: `inspector:${id}` });
    // An inspector's history stays the list of its changes.
    const history = (await call(t.app, admin, 'GET', `/api/audit?entityType=inspector&entityId=${id}`)).json();
    expect(history.items.map((e: Entry) => e.action)).not.toContain('personal_data.read');
    expect(read!.summary).toBe('查阅个人信息：执法检查人员详情（含利害关系回避申报）（1 条）');
    expect(after(read, 'route')).toBe('GET /api/inspectors/:id');
    expect(after(read, 'rows')).toBe(1);
  });

  it('records the users list and the subject list with their filters', async () => {
    await call(t.app, admin, 'GET', '/api/users?pageSize=2');
    const users = await newestEntry('personal_data.read');
    expect(users).toMatchObject({ entityType: 'personal_data', entityId: 'user' });
    expect(after(users, 'rows')).toBe(2);
    const subjects = await call(t.app, admin, 'GET', `/api/subjects?q=${encodeURIComponent('日照')}&pageSize=5`);
    expect(subjects.statusCode).toBe(200);
    const entry = await newestEntry('personal_data.read');
    expect(entry).toMatchObject({ entityType: 'personal_data', entityId: 'subject' });
    expect(after(entry, 'query')).toMatchObject({ q: '日照', pageSize: 5 });
    expect(after(entry, 'rows')).toBe(subjects.json().items.length);
  });

  it('records an export with the file, the filter and the number of rows, in CSV and in XLSX', async () => {
    const csv = await call(t.app, admin, 'GET', `/api/subjects/export.csv?q=${encodeURIComponent('日照')}`);
    expect(csv.statusCode, csv.body).toBe(200);
    const rowsInFile = csv.body.trim().split('\r\n').length - 1;
    expect(rowsInFile).toBeGreaterThan(0);
    const entry = await newestEntry('export.download');
    expect(entry).toMatchObject({ entityType: 'export_file', actorName: '系统管理员' });
    expect(after(entry, 'route')).toBe('GET /api/subjects/export.csv');
    expect(after(entry, 'query')).toMatchObject({ q: '日照' });
    expect(after(entry, 'rows')).toBe(rowsInFile);
    expect(String(after(entry, 'fileName'))).toMatch(/^监管对象-\d{8}\.csv$/);
    expect(entry!.summary).toContain(`${rowsInFile} 行`);

    const xlsx = await call(t.app, admin, 'GET', '/api/inspectors/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
    const inspectors = await newestEntry('export.download');
    expect(inspectors!.seq).toBeGreaterThan(entry!.seq);
    expect(after(inspectors, 'route')).toBe('GET /api/inspectors/export.xlsx');
    expect(after(inspectors, 'rows')).toBeGreaterThan(0);
  });

  it('does not audit a refused read, nor the public portal’s anonymous reads', async () => {
    const before = (await newestEntry('personal_data.read'))!.seq;
    const inspector = await login(t.app, 'scjg_jc01');
    expect((await call(t.app, inspector, 'GET', '/api/users')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/sampling-items' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/audit-checkpoints' })).statusCode).toBe(200);
    expect((await newestEntry('personal_data.read'))!.seq).toBe(before);
  });
});
