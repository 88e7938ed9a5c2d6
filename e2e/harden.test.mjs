// What the page does when the browser lets it down or the address is wrong, in both languages:
// storage that is full, an `?as_of=` that is not a date, and a site's pack that never answers.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { visit } from './harness.mjs';
import { LANGS, fieldFor, ready, screenshot, ui } from './qualify.mjs';

/** Fills this origin's local storage until the browser refuses even one more character. */
const fillStorage = (page) =>
  page.evaluate(() => {
    let n = 0;
    for (const size of [256 * 1024, 16 * 1024, 1024, 64, 1]) {
      const chunk = 'x'.repeat(size);
      for (;;) {
        try {
          localStorage.setItem(`filler-${n}`, chunk);
          n += 1;
        } catch {
          break;
        }
      }
    }
    return n;
  });

for (const lang of LANGS) {
  test(`${lang}: when storage is full, remembering says so at once and the figures stay`, { timeout: 90_000 }, async () => {
    await visit({ path: `?lang=${lang}&as_of=2025-06-30` }, async ({ page }) => {
      await ready(page);
      await page.getByLabel(ui('remember', lang)).check();
      const revenue = fieldFor(page, 'years.2024.revenue', lang);
      await revenue.fill('100');
      assert.equal(await page.locator('#q-message').count(), 0);
      assert.ok((await fillStorage(page)) > 0, 'the storage never filled');

      await revenue.pressSequentially('5');
      const message = page.locator('#q-message');
      await message.waitFor();
      assert.match(await message.textContent(), new RegExp(ui('storageFailed', lang)));
      assert.equal(await message.locator('..').getAttribute('role'), 'status');
      // In view where the typing is, far down the form.
      assert.ok(await message.evaluate((el) => {
        const box = el.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= innerHeight;
      }));
      // Typing goes on where it was, with what was typed kept.
      assert.equal(await revenue.inputValue(), '1005');
      assert.ok(await revenue.evaluate((el) => el === document.activeElement));
      await screenshot(page, `storage-full-${lang}`, { fullPage: false });

      // Dismissed, it stays away until a change cannot be saved either.
      await message.getByRole('button').click();
      assert.equal(await page.locator('#q-message').count(), 0);
      await revenue.fill('2000');
      await message.waitFor();
      assert.equal(await revenue.inputValue(), '2000');

      // With room again, the next change is saved.
      await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler-')).forEach((k) => localStorage.removeItem(k)));
      await revenue.fill('52000');
      await page.waitForFunction(() => (localStorage.getItem('qualify.profile') ?? '').includes('52000'));
    });
  });

  test(`${lang}: an ?as_of= that is not a date is named, with the date used instead`, { timeout: 60_000 }, async () => {
    await visit({ path: `?lang=${lang}&as_of=2025-02-30` }, async ({ page }) => {
      await ready(page);
      const used = await page.locator('#q-as-of').inputValue();
      assert.match(used, /^\d{4}-\d{2}-\d{2}$/);
      const message = page.locator('#q-message');
      assert.equal(await message.textContent().then((t) => t.includes(`${ui('asOfLinkInvalid', lang)}${used}`)), true, await message.textContent());
      assert.equal(await message.getAttribute('class'), 'q-message q-message--error');
    });
  });

  test(`${lang}: a site's pack that never answers is waited for with a notice, then given up`, { timeout: 60_000 }, async () => {
    // The request is held and never answered, as by a server that hangs.
    const held = [];
    const routes = [['**/never/xm-etc.json', (route) => held.push(route)]];
    await visit({ routes, path: `?lang=${lang}&as_of=2025-06-30&pack=never/xm-etc.json` }, async ({ page }) => {
      await ready(page);
      const pending = page.locator('#q-host-pending');
      await pending.waitFor();
      assert.match(await pending.textContent(), new RegExp(ui('hostPending', lang)));
      assert.equal(await pending.getAttribute('role'), 'status');
      await screenshot(page, `host-pending-${lang}`, { fullPage: false });
      // The bundled rules are in use meanwhile.
      assert.ok((await page.locator('[data-program][data-outcome]').count()) > 0);

      const banner = page.locator('#q-host-banner');
      await banner.waitFor({ timeout: 20_000 });
      assert.match(await banner.textContent(), new RegExp(ui('hostTimedOut', lang)));
      assert.equal(await pending.count(), 0);
      assert.equal(held.length, 1);
    });
  });
}
