import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, type Session } from '../support/http';
import { type TestApp, testApp } from '../support/test-platform';
import { replaceCalendarYear } from '../../src/calendar/calendar.repository';

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await testApp();
  admin = await login(t.app, 'admin');
});
afterAll(() => t.app.close());

const calendar2027 = [
  '日期,类型,名称',
  '2027-01-01,放假,元旦',
  '2027-10-01,放假,国庆节',
  '2027-10-04,放假,国庆节',
  '2027-10-09,上班,国庆节调休上班',
].join('\n');

describe('working-day calendar over HTTP', () => {
  it('adds working days across National Day 2026 and the Spring Festival', async () => {
    const nd = (await call(t.app, admin, 'GET', '/api/calendar/add-working-days?date=2026-09-28&n=5')).json();
    expect(nd.result).toBe('2026-10-10');
    const sf = (await call(t.app, admin, 'GET', '/api/calendar/add-working-days?date=2026-02-13&n=2')).json();
    expect(sf.result).toBe('2026-02-24');
    const count = (
      await call(t.app, admin, 'GET', '/api/calendar/count-working-days?from=2026-09-30&to=2026-10-12')
    ).json();
    expect(count.count).toBe(4);
  });

  it('refuses to guess a year with no holiday data', async () => {
    const res = await call(t.app, admin, 'GET', '/api/calendar/add-working-days?date=2026-12-29&n=5');
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'CALENDAR_YEAR_MISSING', details: { year: 2027 } });
  });

  it('rejects a bad holiday file with row and field, and writes nothing', async () => {
    const bad = ['日期,类型,名称', '2027-01-01,放假,元旦', '2027-02-30,放假,春节', '2027-03-03,上班,春节调休上班'].join(
      '\n',
    );
    const res = await call(t.app, admin, 'POST', '/api/calendar/years', { fileName: 'bad.csv', content: bad });
    expect(res.statusCode).toBe(422);
    const details = res.json().error.details as { row: number; field: string }[];
    expect(details.map((d) => [d.row, d.field])).toEqual([
      [3, '日期'],
      [4, '类型'],
    ]);
    const list = await call(t.app, admin, 'GET', '/api/calendar/years');
    expect(list.statusCode, list.body).toBe(200);
    const years = list.json().items as { year: number }[];
    expect(years.some((y) => y.year === 2027)).toBe(false);
  });

  it('lets only holders of calendar:year:write load a year, which then counts', async () => {
    const staff = await login(t.app, 'scjg_staff');
    expect(
      (await call(t.app, staff, 'POST', '/api/calendar/years', { fileName: '2027.csv', content: calendar2027 }))
        .statusCode,
    ).toBe(403);
    const loaded = await call(t.app, admin, 'POST', '/api/calendar/years', {
      fileName: '2027.csv',
      content: calendar2027,
    });
    expect(loaded.statusCode, loaded.body).toBe(200);
    expect(loaded.json()).toEqual({ year: 2027, holidays: 3, workdays: 1 });
    // 2026-12-31 (Thu) + 1 → 2027-01-04 (Mon), since 1 January 2027 (Fri) is a holiday.
    expect((await call(t.app, staff, 'GET', '/api/calendar/add-working-days?date=2026-12-31&n=1')).json().result).toBe(
      '2027-01-04',
    );
    expect((await call(t.app, staff, 'GET', '/api/calendar/add-working-days?date=2027-10-08&n=1')).json().result).toBe(
      '2027-10-09',
    );
    const year = (await call(t.app, staff, 'GET', '/api/calendar/years/2027')).json();
    expect(year.source).toBe('admin');
    expect(year.days).toHaveLength(4);
    const entry = (await call(t.app, admin, 'GET', '/api/audit?action=calendar.load&pageSize=1')).json().items[0];
    expect(entry.summary).toContain('2027 年节假日安排');
  });

  it('computes month periods that end on a holiday at the next working day', async () => {
    // 2026-08-01 + 2 months = 2026-10-01 (National Day) → the period ends on 2026-10-08.
    expect((await call(t.app, admin, 'GET', '/api/calendar/add-months?date=2026-08-01&months=2')).json().result).toBe(
      '2026-10-08',
    );
  });

  it('lists a year another process loaded after this one built its calendar (the CLI next to a server)', async () => {
    // Build (and cache) this process's calendar first, then load 2039 the way `lianjian calendar load` in another
    // process does: straight into the tables, without this process hearing of it.
    expect((await call(t.app, admin, 'GET', '/api/calendar/years')).statusCode).toBe(200);
    await t.deps.db
      .transaction()
      .execute((trx) =>
        replaceCalendarYear(
          trx,
          { year: 2039, file_name: '2039.csv', holidays: 1, workdays: 0, loaded_by: null, loaded_at: new Date() },
          [{ year: 2039, date: '2039-01-03', kind: 'holiday', name: '元旦' }],
        ),
      );
    const list = await call(t.app, admin, 'GET', '/api/calendar/years');
    expect(list.statusCode, list.body).toBe(200);
    const y2039 = (list.json().items as { year: number; workingDays: number }[]).find((y) => y.year === 2039);
    // 2039 has 260 weekdays; the loaded holiday (a Monday) is not a working day.
    expect(y2039?.workingDays).toBe(259);
  });
});
