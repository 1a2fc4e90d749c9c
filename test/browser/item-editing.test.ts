import { describe, expect, it } from 'vitest';
import { answerTo, choose, pageWidth, phone, platformForSuite, shot, openAsAdmin } from './browser-helpers';

const suite = platformForSuite();

const fields = {
  'item-name': '浏览器测试冷链食品经营监督检查',
  'item-legalBasis': '《中华人民共和国食品安全法》第一百一十条',
  'item-objectType': '冷链食品经营者',
  'item-measures': '现场检查、抽样检验',
  'item-process': '制定计划、随机抽取、实施检查、结果公示',
  'item-resultHandling': '依法公示检查结果，发现违法行为的立案查处',
  'item-responsibleLeader': '副局长 测试',
  'item-responsibleUnit': '食品经营安全监督管理科',
  'item-responsiblePerson': '秦海涛',
};

describe('editing the item lists and tags in Chromium', () => {
  it('creates a supervision item with two check items, shows a server problem on its field, edits it into version 2', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await openAsAdmin(page, suite.platform.url, '/items');
    await page.getByTestId('item-create').click();
    const dialog = page.getByTestId('item-dialog');
    await dialog.getByTestId('item-code').fill('SCJG-JG-001');
    await choose(dialog.getByTestId('item-department'), '市市场监督管理局');
    for (const [testId, value] of Object.entries(fields)) await dialog.getByTestId(testId).fill(value);
    await dialog.getByTestId('check-item-content-0').fill('查验冷链食品进货查验记录和追溯信息');
    await dialog.getByTestId('check-item-basis-0').fill('《中华人民共和国食品安全法》第五十三条');
    await dialog.getByTestId('check-item-add').click();
    await dialog.getByTestId('check-item-content-1').fill('检查冷藏冷冻设施温度记录');
    await choose(dialog.getByTestId('check-item-method-1'), '书面检查');
    await dialog.getByTestId('check-item-basis-1').fill('《食品经营过程卫生规范》');
    await page.waitForTimeout(400); // the dialog's opening animation
    await shot(page, 'item-dialog-desktop', false);

    // The code is taken by a demo item: the server's problem appears on the code field, the dialog stays open.
    const clash = await answerTo(page, 'POST', /^\/api\/items$/, () => dialog.getByTestId('item-save').click());
    expect(clash.status()).toBe(409);
    await expect.poll(() => dialog.locator('.el-form-item.is-error').first().innerText()).toContain('编码重复');
    await dialog.getByTestId('item-code').fill('LJ-BROWSER-001');
    const created = await answerTo(page, 'POST', /^\/api\/items$/, () => dialog.getByTestId('item-save').click());
    expect(created.status(), await created.text()).toBe(200);
    await page.getByTestId('page-item-detail').waitFor();
    await expect.poll(() => page.getByTestId('item-detail-name').innerText()).toBe(fields['item-name']);
    await expect.poll(() => page.getByTestId('item-check-items').locator('.el-table__body tr').count()).toBe(2);
    await page.getByTestId('item-version-1').waitFor();

    await page.getByTestId('item-edit').click();
    await dialog.getByTestId('item-name').fill(`${fields['item-name']}（修订）`);
    await dialog.getByTestId('check-item-remove-1').click();
    await dialog.getByTestId('item-change-note').fill('合并温度记录检查');
    const changed = await answerTo(page, 'PUT', /^\/api\/items\/\d+$/, () => dialog.getByTestId('item-save').click());
    expect(changed.status(), await changed.text()).toBe(200);
    await expect.poll(() => page.getByTestId('item-detail-name').innerText()).toContain('（修订）');
    await page.getByTestId('item-version-2').waitFor();
    await expect.poll(() => page.getByTestId('item-versions').innerText()).toContain('合并温度记录检查');
    await expect.poll(() => page.getByTestId('item-check-items').locator('.el-table__body tr').count()).toBe(1);
    await page.waitForLoadState('networkidle');
    await shot(page, 'item-edited-desktop');
    await page.close();
  });

  it('creates a sampling item with the default ratios after the A ≤ B ≤ C ≤ D check, then edits it', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await openAsAdmin(page, suite.platform.url, '/sampling-items');
    await page.getByTestId('sampling-create').click();
    const dialog = page.getByTestId('sampling-dialog');
    await expect
      .poll(() => dialog.getByTestId('sampling-ratios-editor').innerText())
      .toMatch(/默认：A \d+% B \d+% C \d+% D \d+%/);
    await dialog.getByTestId('sampling-use-defaults').click();
    await dialog.getByTestId('sampling-ratio-A').locator('input').fill('90');
    await dialog.getByTestId('sampling-ratio-A').locator('input').blur();
    await expect.poll(() => dialog.innerText()).toContain('须满足 A ≤ B ≤ C ≤ D');
    await dialog.getByTestId('sampling-code').fill('LJ-BROWSER-CC-01');
    await dialog.getByTestId('sampling-name').fill('浏览器测试食品销售抽查');
    // The check items load for the chosen department; pick one only once they are there, and see that it took.
    await answerTo(page, 'GET', /^\/api\/check-items$/, () =>
      choose(dialog.getByTestId('sampling-department'), '市市场监督管理局'),
    );
    await choose(dialog.getByTestId('sampling-check-items'), 'SCJG-JG-001-01');
    await dialog.getByTestId('sampling-name').click(); // closes the multiple select's dropdown
    await expect.poll(() => dialog.getByTestId('sampling-check-items').innerText()).toContain('SCJG-JG-001-01');
    await dialog.getByTestId('sampling-basis').fill('《中华人民共和国食品安全法》第一百一十条');
    await page.waitForTimeout(400);
    await shot(page, 'sampling-dialog-desktop', false);
    // The order problem blocks saving until the defaults are taken again.
    await dialog.getByTestId('sampling-save').click();
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByTestId('sampling-use-defaults').click();
    // Save only once the page has taken the defaults back (on a loaded machine the click can outrun the check).
    await expect.poll(() => dialog.innerText()).not.toContain('须满足 A ≤ B ≤ C ≤ D');
    const created = await answerTo(page, 'POST', /^\/api\/sampling-items$/, () =>
      dialog.getByTestId('sampling-save').click(),
    );
    expect(created.status(), await created.text()).toBe(200);
    const item = (await created.json()) as { id: number; ratios: Record<string, number>; frequency: string };
    expect(item.ratios.A).toBeLessThanOrEqual(item.ratios.D);

    await page.getByTestId('sampling-search-q').fill('LJ-BROWSER-CC-01');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.getByTestId(`sampling-edit-${item.id}`).click();
    await expect.poll(() => dialog.getByTestId('sampling-name').inputValue()).toBe('浏览器测试食品销售抽查');
    await choose(dialog.getByTestId('sampling-frequency'), '每季度一次');
    const changed = await answerTo(page, 'PUT', new RegExp(`^/api/sampling-items/${item.id}$`), () =>
      dialog.getByTestId('sampling-save').click(),
    );
    expect(changed.status(), await changed.text()).toBe(200);
    expect(((await changed.json()) as { frequency: string }).frequency).toBe('每季度一次');
    await expect.poll(() => page.getByTestId('sampling-items-table').innerText()).toContain('每季度一次');
    await page.close();
  });

  it('fits the item dialog on a phone', async () => {
    const context = await suite.browser.newContext(phone);
    const page = await context.newPage();
    await openAsAdmin(page, suite.platform.url, '/items');
    await page.getByTestId('item-create').click();
    await page.getByTestId('item-dialog').getByTestId('item-code').waitFor();
    await page.waitForTimeout(400); // the dialog's opening animation
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'item-dialog-phone', false);
    await page.getByTestId('check-items-editor').scrollIntoViewIfNeeded();
    await shot(page, 'item-dialog-phone-checks', false);
    await context.close();
  });

  it('creates a tag and tags subjects by a pasted list, naming the codes not found', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await openAsAdmin(page, suite.platform.url, '/tags');
    await page.getByTestId('page-tags').waitFor();
    await page.getByTestId('tag-create').click();
    const dialog = page.getByTestId('tag-dialog');
    await dialog.getByTestId('tag-name').fill('浏览器测试冷链');
    await dialog.getByTestId('tag-code').fill('browser-cold-chain');
    await choose(dialog.getByTestId('tag-department'), '市市场监督管理局');
    await dialog.getByTestId('tag-meaning').fill('经营冷链食品、需重点检查温控记录的经营者');
    const created = await answerTo(page, 'POST', /^\/api\/tags$/, () => dialog.getByTestId('tag-save').click());
    expect(created.status(), await created.text()).toBe(200);
    await expect.poll(() => page.getByTestId('tag-count-browser-cold-chain').innerText()).toBe('0');

    const subjects = (await (await page.request.get(`${suite.platform.url}/api/subjects?pageSize=2`)).json()) as {
      items: { uscc: string }[];
    };
    const usccs = subjects.items.map((s) => s.uscc);
    await page.getByTestId('tag-assign-browser-cold-chain').click();
    const list = page.getByTestId('tag-list-dialog');
    await list.getByTestId('tag-list-input').fill([...usccs, '91371100NOTFOUND01'].join('\n'));
    const assigned = await answerTo(page, 'POST', /^\/api\/tags\/\d+\/subjects$/, () =>
      list.getByTestId('tag-list-save').click(),
    );
    expect(assigned.status(), await assigned.text()).toBe(200);
    await expect.poll(() => list.getByTestId('tag-list-not-found').innerText()).toContain('91371100NOTFOUND01');
    await expect.poll(() => list.getByTestId('tag-list-result').innerText()).toContain(`新增标注 ${usccs.length} 个`);
    await shot(page, 'tag-list-dialog-desktop', false);
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('tag-count-browser-cold-chain').innerText()).toBe(String(usccs.length));
    await page.waitForLoadState('networkidle');
    await shot(page, 'tags-desktop');
    await page.close();
  });
});
