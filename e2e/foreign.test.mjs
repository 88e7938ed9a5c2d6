// The page is not only the app's: a browser's translation replaces texts by <font> elements,
// password managers and extensions put icons beside inputs. Typing on, with the results changing
// and re-sorting around the field, leaves their nodes where they are and the focus in the field.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { visit } from './harness.mjs';
import { AS_OF, PROFILE, fieldFor, ready, ui } from './qualify.mjs';

test('nodes of a translation and a password manager survive typing, and the focus stays', { timeout: 90_000 }, async () => {
  const lang = 'zh';
  await visit({ path: `?lang=${lang}&as_of=${AS_OF}` }, async ({ page }) => {
    await ready(page);
    await page.getByLabel(ui('import', lang)).setInputFiles({
      name: 'example.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(PROFILE)),
    });
    await page.locator('#q-tools-message').waitFor();
    await page.getByLabel(ui('sort', lang)).selectOption({ label: ui('closeness', lang) });
    const card = page.locator('.q-results [data-program="cn-national-etc"]');
    await card.locator('summary').click();

    const field = fieldFor(page.locator('.q-form'), 'years.2024.rd_expense', lang);
    await field.click();
    await page.evaluate(() => {
      const title = document.querySelector('.q-results .q-card-title');
      const font = document.createElement('font');
      font.textContent = 'translated';
      title.firstChild.replaceWith(font);
      const input = document.getElementById('q-years-2024-rd-expense');
      input.after(Object.assign(document.createElement('span'), { className: 'pm-icon', textContent: '*' }));
    });
    // 1000 loses the national center (N1 needs 1500) and re-sorts the cards; the x then brings
    // a message into the very field the icon sits in.
    await field.fill('');
    await page.keyboard.type('1000x');

    assert.equal(await page.evaluate(() => document.activeElement.id), 'q-years-2024-rd-expense');
    assert.equal(await field.inputValue(), '1000x');
    assert.match(await page.locator('#q-years-2024-rd-expense-err').textContent(), /1\.5亿/);
    assert.equal(await page.locator('.pm-icon').count(), 1, 'the password manager icon stays');
    assert.equal(
      await page.evaluate(() => document.getElementById('q-years-2024-rd-expense').nextElementSibling.className),
      'pm-icon',
    );
    assert.equal(await page.locator('.q-results font').count(), 1, 'the translation stays');
    assert.ok(await card.locator('details').evaluate((d) => d.open), 'the opened card stays open');
  });
});
