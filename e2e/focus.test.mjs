// Where the keyboard focus lands after an action (WCAG 2.4.3), by keyboard alone: adding and
// removing certifications, importing a file, and clearing every figure with its undo. In both
// languages.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { visit } from './harness.mjs';
import { AS_OF, LANGS, PROFILE, fieldFor, ready, ui } from './qualify.mjs';

const TIMEOUT = { timeout: 90_000 };
const focused = (page) => page.evaluate(() => document.activeElement?.id ?? '');
const focusedIs = (page, id) => page.waitForFunction((want) => document.activeElement?.id === want, id);

for (const lang of LANGS) {
  test(`${lang}: keyboard only, focus follows adding and removing certifications, importing and clearing`, TIMEOUT, async () => {
    await visit({ path: `?lang=${lang}&as_of=${AS_OF}` }, async ({ page }) => {
      await ready(page);
      const add = page.getByRole('button', { name: ui('certAdd', lang) });
      await add.focus();

      // Adding a row takes the focus into it.
      await page.keyboard.press('Enter');
      await focusedIs(page, 'q-cert-0-kind');
      // Its three fields and its remove button, then the add button again.
      for (let i = 0; i < 4; i++) {
        await page.keyboard.press('Tab');
      }
      assert.equal(await focused(page), 'q-cert-add');
      await page.keyboard.press('Enter');
      await focusedIs(page, 'q-cert-1-kind');
      await page.keyboard.type('h');
      await page.keyboard.press('Tab');
      await page.keyboard.type('2023-01-01');

      // Removing the first row: the focus goes to the row that takes its place.
      await page.locator('#q-cert-1-kind').focus();
      await page.keyboard.press('Shift+Tab');
      assert.equal(await focused(page), 'q-cert-0-remove');
      await page.keyboard.press('Enter');
      await focusedIs(page, 'q-cert-0-remove');
      assert.equal(await page.locator('.q-cert').count(), 1);
      assert.equal(await page.locator('#q-cert-0-since').inputValue(), '2023-01-01', 'the row kept is the one typed in');
      // Removing the last row: to the add button.
      await page.keyboard.press('Enter');
      await focusedIs(page, 'q-cert-add');
      assert.equal(await page.locator('.q-cert').count(), 0);

      // Importing: the result is said beside the import control, and the focus goes to it.
      await page.getByLabel(ui('import', lang)).setInputFiles({
        name: 'example.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(PROFILE)),
      });
      await focusedIs(page, 'q-tools-message');
      const note = page.locator('#q-tools-message');
      assert.match(await note.textContent(), new RegExp(ui('importOk', lang)));
      assert.equal(await page.locator('#q-message').count(), 0, 'not at the top of the page, out of sight');
      const revenue = fieldFor(page, 'years.2024.revenue', lang);
      assert.equal(await revenue.inputValue(), '52000');

      // Clearing: said where the user is, with an undo that puts everything back.
      await page.locator('#q-clear').focus();
      await page.keyboard.press('Enter');
      await focusedIs(page, 'q-tools-message');
      assert.match(await note.textContent(), new RegExp(ui('cleared', lang)));
      assert.equal(await revenue.inputValue(), '');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      assert.equal(await focused(page), 'q-undo');
      await page.keyboard.press('Enter');
      await focusedIs(page, 'q-clear');
      assert.equal(await revenue.inputValue(), '52000');
      assert.equal(await page.locator('#q-undo').count(), 0);
    });
  });
}

test('the offer to undo clearing ends after ten seconds, and the figures stay cleared', { timeout: 60_000 }, async () => {
  await visit({ path: `?lang=en&as_of=${AS_OF}` }, async ({ page }) => {
    await ready(page);
    const revenue = fieldFor(page, 'years.2024.revenue', 'en');
    await revenue.fill('52000');
    await page.locator('#q-clear').click();
    await page.locator('#q-undo').waitFor();
    const started = Date.now();
    await page.locator('#q-undo').waitFor({ state: 'detached', timeout: 15_000 });
    const lasted = Date.now() - started;
    assert.ok(lasted > 8_000 && lasted < 13_000, `the undo lasted ${lasted} ms`);
    assert.equal(await revenue.inputValue(), '');
    assert.equal(await page.locator('#q-tools-message').count(), 0);
  });
});
