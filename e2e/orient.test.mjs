// Finding one's way in the form (issue 20): an amount typed in other words echoes what it was
// read as, beside the field and tied to it for screen readers, in both languages; plain digits
// and unreadable text get no echo (the latter its problem instead).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { visit } from './harness.mjs';
import { AS_OF, LANGS, fieldFor, ready } from './qualify.mjs';

for (const lang of LANGS) {
  test(`${lang}: an amount in 亿 or full-width digits echoes what it was read as`, { timeout: 60_000 }, async () => {
    await visit({ path: `?lang=${lang}&as_of=${AS_OF}` }, async ({ page }) => {
      await ready(page);
      const revenue = fieldFor(page, 'years.2024.revenue', lang);
      const echoOf = async () => {
        const ids = ((await revenue.getAttribute('aria-describedby')) ?? '').split(' ');
        const echo = ids.find((id) => id.endsWith('-echo'));
        return echo ? page.locator(`[id="${echo}"]`).textContent() : null;
      };
      await revenue.fill('2.3亿');
      await page.waitForFunction(() => document.querySelector('.q-echo') !== null);
      assert.equal(await echoOf(), '= 23,000 万元');
      await revenue.fill('１，５００');
      await page.waitForFunction(() => document.querySelector('.q-echo')?.textContent === '= 1,500 万元');
      assert.equal(await echoOf(), '= 1,500 万元');
      await revenue.fill('1500');
      await page.waitForFunction(() => document.querySelector('.q-echo') === null);
      assert.equal(await echoOf(), null);
      await revenue.fill('很多');
      await page.waitForFunction(() => document.querySelector('.q-field--invalid') !== null);
      assert.equal(await echoOf(), null, 'an unreadable amount has its problem, not an echo');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid')), 'true', 'focus stays in the field');
    });
  });
}
