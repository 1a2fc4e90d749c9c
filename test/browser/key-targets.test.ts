import { describe, expect, it } from 'vitest';
import { answerTo, openAs, pageWidth, phone, platformForSuite, shot, withoutToasts } from './browser-helpers';
import { apiAs } from './browser-scene';

// 重点抽查对象: a department lists a subject by hand with a reason, sees it on the subject page, and lifts it with a
// reason; the page works on a phone.
const suite = platformForSuite();

type Subject = { id: number; name: string; uscc: string; keyTarget: boolean; whitelisted: boolean };

describe('重点抽查对象', () => {
  it('staff add a key target, see it on the subject page and lift it with a reason', async () => {
    const api = await apiAs(suite.platform.url, 'scjg_admin');
    const subjects = await api<{ items: Subject[] }>('GET', `/api/subjects?keyTarget=false&pageSize=50`);
    const subject = subjects.items.find((s) => !s.whitelisted && s.name.length >= 6)!;
    expect(subject).toBeDefined();

    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await openAs(page, suite.platform.url, 'scjg_admin', '/key-targets');
    await page.getByTestId('key-targets-table').waitFor();
    await page.getByTestId('key-targets-add').click();
    const dialog = page.getByTestId('key-target-add-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('key-target-subject').locator('input').fill(subject.name.slice(0, 6));
    await page.locator('.el-select-dropdown__item:visible', { hasText: subject.uscc }).first().click();
    await dialog.getByTestId('key-target-reason').fill('群众多次举报夜间违规经营，需重点抽查');
    await shot(page, 'key-target-add-dialog', false);
    const added = await answerTo(page, 'POST', /\/api\/key-targets$/, () =>
      dialog.getByTestId('key-target-submit').click(),
    );
    expect(added.status()).toBe(201);
    const listing = (await added.json()) as { id: number };
    await page.getByTestId(`key-target-state-${listing.id}`).waitFor();
    await withoutToasts(page);
    await shot(page, 'key-targets-page');

    await page.goto(`${suite.platform.url}/subjects/${subject.id}`);
    const panel = page.getByTestId('subject-key-targets');
    await panel.getByText('群众多次举报夜间违规经营').waitFor();
    await expect.poll(() => page.locator('.subject-flags').innerText()).toContain('重点对象');
    const lifted = await answerTo(page, 'POST', /\/lift$/, async () => {
      await panel.getByTestId(`subject-key-target-lift-${listing.id}`).click();
      await page.locator('.el-message-box textarea').fill('复查已整改到位，解除重点抽查');
      await page.locator('.el-message-box').getByRole('button', { name: '解除' }).click();
    });
    expect(lifted.status()).toBe(200);
    await expect.poll(() => panel.innerText()).toContain('复查已整改到位，解除重点抽查');
    expect(await panel.innerText()).toContain('已解除');
    await expect.poll(() => page.locator('.subject-flags').innerText()).not.toContain('重点对象');
    await withoutToasts(page);
    await shot(page, 'subject-key-targets-panel');
    await context.close();

    const mobile = await (await suite.browser.newContext(phone)).newPage();
    await openAs(mobile, suite.platform.url, 'scjg_admin', '/key-targets');
    await mobile.getByTestId('key-targets-table').waitFor();
    expect(await pageWidth(mobile)).toBeLessThanOrEqual(375);
    await shot(mobile, 'key-targets-phone');
    await mobile.goto(`${suite.platform.url}/subjects/${subject.id}`);
    await mobile.getByTestId('subject-key-targets').getByText('已解除').waitFor();
    expect(await pageWidth(mobile)).toBeLessThanOrEqual(375);
    await shot(mobile, 'subject-key-targets-phone');
  });
});
