// Screenshots of the form and the results at 360 and 1280 px wide, in both languages, written
// to e2e/artifacts/ for people to look at; and the one layout rule a test can check: nothing
// is wider than the screen.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { visit } from './harness.mjs';
import { AS_OF, LANGS, PROFILE, fieldFor, ready, screenshot, ui } from './qualify.mjs';

/** Elements that reach past the right edge of the page, for the failure message. */
const overflowing = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.q-app *')]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .slice(0, 10)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)} px)`),
  );

for (const lang of LANGS) {
  for (const width of [360, 1280]) {
    test(`${lang} at ${width} px: screenshots of the form and the results`, { timeout: 90_000 }, async () => {
      await visit({ path: `?lang=${lang}&as_of=${AS_OF}` }, async ({ page }) => {
        await page.setViewportSize({ width, height: 900 });
        await ready(page);
        await page.getByLabel(ui('import', lang)).setInputFiles({
          name: 'example.json',
          mimeType: 'application/json',
          buffer: Buffer.from(JSON.stringify(PROFILE)),
        });
        // A figure that cannot be read, to show its message beside it.
        await fieldFor(page, 'years.2023.tax_payable', lang).fill('1500 yuan');
        // One card opened on a program with every kind of row: figures, bars, parts, notes.
        await page.locator('.q-results [data-program="cn-hnte"] summary').click();
        await page.evaluate(() => window.scrollTo(0, 0));

        const shots = [
          await screenshot(page, `top-${lang}-${width}`, { fullPage: false }),
          await screenshot(page, `form-${lang}-${width}`, { element: '.q-form' }),
          await screenshot(page, `results-${lang}-${width}`, { element: '.q-results' }),
        ];
        console.log(shots.join('\n'));
        assert.deepEqual(await overflowing(page), [], `nothing is wider than ${width} px`);
      });
    });
  }
}
