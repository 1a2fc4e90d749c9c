import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRecordKeyAtStart } from '../../src/records/record-key-check.service';
import { decryptIdNumber, recordKey } from '../../src/records/record-id-key';
import { call, login, type Session } from '../support/http';
import { testApp, type TestApp } from '../support/test-platform';
import { freshIdNumber, penaltyPayload } from '../support/factories/record.factory';

let t: TestApp;
let staff: Session;

beforeAll(async () => {
  t = await testApp();
  staff = await login(t.app, 'scjg_staff');
});
afterAll(async () => {
  await t.app.close();
});

describe('a natural person’s ID number', () => {
  it('is stored masked and encrypted, decryptable with the key file, and never in list or detail JSON', async () => {
    const idNumber = freshIdNumber();
    const record = penaltyPayload({
      counterpartCategory: '自然人',
      counterpartName: '张某某',
      uscc: null,
      legalRepresentative: '',
      idNumber,
      categories: ['罚款'],
      fineAmount: 0.2,
    });
    const res = await call(t.app, staff, 'POST', '/api/records/penalties', record);
    expect(res.json().results[0].outcome, res.body).toBe('created');
    const id = res.json().results[0].id as number;
    const row = await t.deps.db
      .selectFrom('penalty_records')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.uscc).toBeNull();
    expect(row.id_number_masked).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(14)}`);
    expect(row.id_number_cipher).not.toContain(idNumber);
    expect(decryptIdNumber(recordKey(t.deps.config.recordKeyFile), row.id_number_cipher!)).toBe(idNumber);
    expect(row.fine_amount === null ? null : Number(row.fine_amount)).toBe(0.2);

    const list = await call(t.app, staff, 'GET', `/api/records/penalties?q=${encodeURIComponent('张某某')}`);
    const detail = await call(t.app, staff, 'GET', `/api/records/penalties/${id}`);
    for (const body of [list.body, detail.body]) {
      expect(body).not.toContain(idNumber);
      expect(body).not.toContain(row.id_number_cipher!);
    }
    expect(detail.json().idNumberMasked).toBe(row.id_number_masked);
    // What was received is kept masked too.
    const versions = await t.deps.db
      .selectFrom('received_record_versions')
      .select('payload')
      .where('kind', '=', '行政处罚')
      .where('record_id', '=', id)
      .execute();
    expect(JSON.stringify(versions)).not.toContain(idNumber);
    expect(versions[0]!.payload['idNumberMasked']).toBe(row.id_number_masked);
    // The same record again is recognised (the digest uses a keyed fingerprint of the number).
    const again = await call(t.app, staff, 'POST', '/api/records/penalties', record);
    expect(again.json().results[0].outcome).toBe('unchanged');
    const otherId = await call(t.app, staff, 'POST', '/api/records/penalties', {
      ...record,
      idNumber: freshIdNumber(),
    });
    expect(otherId.json().results[0].outcome).toBe('updated');
  });

  it('is required for a natural person, and a credit code may be left out only for one', async () => {
    const res = await call(t.app, staff, 'POST', '/api/records/penalties', {
      records: [
        penaltyPayload({ counterpartCategory: '自然人', uscc: null, idNumber: null }),
        penaltyPayload({ uscc: null }),
        penaltyPayload({ counterpartCategory: '自然人', uscc: null, idNumber: '110101199001011235' }),
      ],
    });
    const [a, b, c] = res.json().results;
    expect(a.errors).toEqual([{ field: 'idNumber', message: '行政相对人为自然人时请填写证件号码（自然人）' }]);
    expect(b.errors).toEqual([{ field: 'uscc', message: '请填写行政相对人统一社会信用代码（只有自然人可以不填）' }]);
    expect(c.errors).toEqual([{ field: 'idNumber', message: '证件号码（自然人）：身份证号校验位错误' }]);
  });

  it('a wrong or malformed key file stops the start with a clear message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lianjian-record-key-'));
    const malformed = join(dir, 'bad.key');
    writeFileSync(malformed, 'not a key\n');
    await expect(checkRecordKeyAtStart(t.deps.db, { ...t.deps.config, recordKeyFile: malformed })).rejects.toThrow(
      /身份证号加密密钥文件 .*bad\.key 无效：应为 32 字节随机数的 base64 文本/,
    );
    const other = join(dir, 'other.key');
    writeFileSync(other, `${randomBytes(32).toString('base64')}\n`);
    // The shared database holds ciphers made with the test key (the test above): another key is refused.
    await expect(checkRecordKeyAtStart(t.deps.db, { ...t.deps.config, recordKeyFile: other })).rejects.toThrow(
      /与数据库中已加密的身份证号不匹配/,
    );
    const missing = join(dir, 'missing.key');
    await expect(checkRecordKeyAtStart(t.deps.db, { ...t.deps.config, recordKeyFile: missing })).rejects.toThrow(
      /不存在，但数据库中已有用它加密的身份证号/,
    );
    await expect(checkRecordKeyAtStart(t.deps.db, t.deps.config)).resolves.toBeUndefined();
  });
});
