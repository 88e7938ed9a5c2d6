// Choosing what to see: the language the browser prefers when the address names none, share
// links that keep the language, and the program picker's "none" and "only this".

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { visit } from './harness.mjs';
import { AS_OF, LANGS, ready, screenshot, ui } from './qualify.mjs';

const TIMEOUT = { timeout: 60_000 };

for (const [locale, lang, title] of [
  ['en-US', 'en', 'Qualify self-assessment'],
  ['zh-CN', 'zh', 'Qualify 资质自评'],
  ['de-DE', 'zh', 'Qualify 资质自评'],
]) {
  test(`a browser preferring ${locale}, with no lang in the address, opens in ${lang}`, TIMEOUT, async () => {
    await visit({ locale, path: `?as_of=${AS_OF}` }, async ({ page }) => {
      await ready(page);
      assert.equal(await page.locator('h1').textContent(), title);
      assert.equal(await page.getAttribute('html', 'lang'), lang === 'en' ? 'en' : 'zh-CN');
    });
  });
}

test('the address\'s lang wins over the browser\'s, and a share link carries the language shown', TIMEOUT, async () => {
  await visit({ locale: 'en-US', path: `?lang=zh&as_of=${AS_OF}` }, async ({ page }) => {
    await ready(page);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    await page.locator('#q-share').click();
    assert.equal(new URL(await page.locator('#q-share-link').inputValue()).searchParams.get('lang'), 'zh');
  });
  // The language the browser picked is written into the link, so the recipient reads the same.
  await visit({ locale: 'en-US', path: `?as_of=${AS_OF}` }, async ({ page }) => {
    await ready(page);
    await page.locator('#q-share').click();
    const link = new URL(await page.locator('#q-share-link').inputValue());
    assert.equal(link.searchParams.get('lang'), 'en');
  });
});

for (const lang of LANGS) {
  test(`${lang}: narrowing the programs to two takes two clicks, and "none" clears them`, TIMEOUT, async () => {
    await visit({ path: `?lang=${lang}&as_of=${AS_OF}` }, async ({ page }) => {
      await ready(page);
      const picked = () =>
        page.locator('.q-picks input[type="checkbox"]:checked').evaluateAll((boxes) => boxes.map((b) => b.value));
      await page.getByRole('button', { name: ui('selectAll', lang), exact: true }).click();
      assert.ok((await picked()).length > 10);

      const only = page.getByRole('button', { name: new RegExp(`^${ui('onlyThis', lang)}`) });
      assert.equal(await only.count(), await page.locator('.q-picks input[type="checkbox"]').count());
      await page.locator('.q-picks li:has(#q-pick-cn-hnte) .q-only').click();
      assert.deepEqual(await picked(), ['cn-hnte']);
      await page.locator('#q-pick-cn-tech-sme').check();
      assert.deepEqual((await picked()).sort(), ['cn-hnte', 'cn-tech-sme']);
      assert.deepEqual(
        (await page.locator('.q-card[data-program]').evaluateAll((cs) => cs.map((c) => c.dataset.program))).sort(),
        ['cn-hnte', 'cn-tech-sme'],
      );
      // The button says which program it keeps, to a screen reader too.
      const label = await page.locator('.q-picks li:has(#q-pick-cn-hnte) .q-only').getAttribute('aria-label');
      assert.ok(label.startsWith(ui('onlyThis', lang)) && label.length > ui('onlyThis', lang).length + 2, label);

      const none = page.getByRole('button', { name: ui('selectNone', lang), exact: true });
      await none.click();
      assert.deepEqual(await picked(), []);
      assert.equal(await page.locator('.q-card[data-program]').count(), 0);
      // Focus stays on the button pressed.
      assert.equal(await page.evaluate(() => document.activeElement.textContent), ui('selectNone', lang));

      await page.setViewportSize({ width: 360, height: 800 });
      await page.getByRole('button', { name: ui('selectAll', lang), exact: true }).click();
      await screenshot(page, `picker-${lang}-360`, { element: '#q-picker' });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      assert.equal(overflow, false, 'nothing wider than a 360 px phone');
    });
  });
}
