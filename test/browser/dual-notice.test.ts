import { describe, expect, it } from 'vitest';
import { organUscc } from '../../src/shared/uscc';
import { answerTo, openAs, pageWidth, phone, platformForSuite, shot } from './browser-helpers';
import { apiAs as sceneApi } from './browser-scene';

const suite = platformForSuite();
const apiAs = (username: string) => sceneApi(suite.platform.url, username);

describe('双告知 and 双反馈', () => {
  it('the licensing bureau issues the 告知书 and records the 承诺书; a department acknowledges the push on a phone', async () => {
    // Scene (API): the licensing bureau publishes a catalog; a registration arrives from its system.
    const spj = await apiAs('spj_xk');
    const departments = await spj<{ id: number; name: string }[]>('GET', '/api/departments/options');
    const id = (name: string) => departments.find((d) => d.name === name)!.id;
    const draft = await spj<{ id: number }>('POST', '/api/dual-notice/catalog/versions', { note: '浏览器测试' });
    await spj('PUT', `/api/dual-notice/catalog/versions/${draft.id}/items`, {
      code: 'BT-SP',
      name: '食品经营许可',
      licensingDepartmentId: id('市行政审批服务局'),
      supervisingDepartmentIds: [id('市市场监督管理局')],
      enforcementDepartmentIds: [id('市市场监督管理局')],
      keywords: ['食品销售', '餐饮服务'],
      restriction: '未取得食品经营许可证前，不得从事食品销售、餐饮服务',
    });
    await spj('PUT', `/api/dual-notice/catalog/versions/${draft.id}/items`, {
      code: 'BT-WH',
      name: '危险化学品经营许可',
      licensingDepartmentId: id('市应急管理局'),
      supervisingDepartmentIds: [id('市应急管理局')],
      enforcementDepartmentIds: [id('市城市管理局')],
      keywords: ['危险化学品经营'],
      highRisk: true,
      restriction: '未取得危险化学品经营许可证前，不得经营危险化学品',
    });
    await spj('POST', `/api/dual-notice/catalog/versions/${draft.id}/publish`);
    const name = '日照浏览器测试海味餐饮有限公司';
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    await spj('POST', '/api/records/registrations', {
      senderRecordId: 'BT-DJ-0001',
      event: '设立',
      uscc: organUscc('371102', 269_901),
      name,
      subjectKind: '企业',
      legalRepresentative: '赵海',
      businessScope: '餐饮服务；食品销售；危险化学品经营（不带储存设施）',
      industryCodes: ['6210'],
      divisionCode: '371102',
      address: '日照市东港区海滨二路 88 号',
      registeredOn: today,
      registrationAuthority: '日照市行政审批服务局',
      priorApproval: false,
    });

    // The licensing bureau sees the proposed items, issues and downloads the 告知书, records the 承诺书.
    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await openAs(page, suite.platform.url, 'spj_xk', '/dual-notice/workbench');
    await page.getByTestId('case-link').filter({ hasText: name }).click();
    const drawer = page.getByTestId('case-drawer');
    await expect
      .poll(() => drawer.getByTestId('proposed-item').allTextContents())
      .toEqual([expect.stringContaining('食品经营许可'), expect.stringContaining('危险化学品经营许可')]);
    await expect.poll(() => drawer.getByTestId('drawer-status').textContent()).toBe('待出具告知书');
    await drawer.getByTestId('issue-notice').click();
    const link = drawer.getByTestId('download-notice');
    await link.waitFor();
    const pdf = await page.request.get(`${suite.platform.url}${await link.getAttribute('href')}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await drawer.getByTestId('signer-name').fill('赵海');
    await drawer.getByTestId('e-signature').click();
    const recorded = await answerTo(page, 'POST', /\/commitment$/, () =>
      drawer.getByTestId('record-commitment').click(),
    );
    expect(recorded.status(), await recorded.text()).toBe(200);
    await expect.poll(() => drawer.getByTestId('commitment').textContent()).toContain('法定代表人 赵海');
    // The high-risk item waits for the joint review.
    await expect.poll(() => drawer.getByTestId('drawer-status').textContent()).toBe('待联合审核');
    await shot(page, 'dual-notice-workbench');

    // 市应急管理局 acknowledges its push with one tap on a phone.
    const phonePage = await (await suite.browser.newContext(phone)).newPage();
    await openAs(phonePage, suite.platform.url, 'yjgl_admin', '/dual-notice/inbox');
    const card = phonePage.getByTestId('push-card').filter({ hasText: name }).first();
    await card.waitFor();
    expect(await pageWidth(phonePage)).toBeLessThanOrEqual(375);
    const button = card.getByTestId('acknowledge');
    expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await shot(phonePage, 'dual-notice-inbox-phone');
    const ack = await answerTo(phonePage, 'POST', /\/acknowledge$/, () => button.click());
    expect(ack.status(), await ack.text()).toBe(200);
    expect((await ack.json()).state).toBe('已签收');
  });
});
