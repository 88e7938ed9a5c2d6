// The assessment as a user gets it: a profile typed into the labelled fields gives, program by
// program and criterion by criterion, the outcomes the engine gives on the command line; on the
// date the user picks, and for the programs a host page allows.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { visit } from './harness.mjs';
import {
  AS_OF,
  LANGS,
  PROFILE,
  assertResults,
  assessWithCli,
  ready,
  typeProfile,
  ui,
} from './qualify.mjs';

for (const lang of LANGS) {
  test(`typing the example profile in ${lang} gives the engine's outcomes`, { timeout: 120_000 }, async () => {
    const expected = await assessWithCli(PROFILE);
    await visit({ path: `?lang=${lang}&as_of=${AS_OF}` }, async ({ page }) => {
      await ready(page);
      await typeProfile(page, PROFILE, lang);
      await assertResults(page, expected);
    });
  });
}

for (const lang of LANGS) {
  test(`${lang}: the assessment date picks the rules in force on it`, { timeout: 120_000 }, async () => {
    const earlier = '2024-06-30';
    const expected = await assessWithCli(PROFILE, earlier);
    await visit({ path: `?lang=${lang}&as_of=${AS_OF}` }, async ({ page }) => {
      await ready(page);
      await page.getByRole('button', { name: ui('selectAll', lang) }).click();
      await page.getByLabel(ui('import', lang)).setInputFiles({
        name: 'example.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(PROFILE)),
      });
      const date = page.getByLabel(ui('asOf', lang), { exact: true });
      // Typed as people write dates; the 2022 rules of Chongqing and the 2024 ones of the
      // Fujian pool were in force then.
      await date.fill('2024/6/30');
      await assertResults(page, expected);
      assert.match(page.url(), /as_of=2024-06-30/);

      // A date that does not exist is kept as typed, explained, and changes nothing.
      await date.fill('2024-02-30');
      assert.equal(await date.inputValue(), '2024-02-30');
      assert.equal(await date.getAttribute('aria-invalid'), 'true');
      assert.equal(await page.locator('#q-as-of-hint').textContent(), ui('asOfInvalid', lang));
      await assertResults(page, expected);
    });
  });
}

test('?programs= limits the app to those programs', { timeout: 60_000 }, async () => {
  await visit({ path: `?as_of=${AS_OF}&programs=cn-hnte,fj-etc,nonsense` }, async ({ page }) => {
    await ready(page);
    const shown = async () =>
      page.locator('.q-results [data-program]').evaluateAll((els) => els.map((e) => e.dataset.program));
    assert.deepEqual((await shown()).sort(), ['cn-hnte', 'fj-etc']);
    assert.equal(await page.locator('.q-picks input').count(), 2);
    await page.getByRole('button', { name: ui('selectAll', 'zh') }).click();
    assert.deepEqual((await shown()).sort(), ['cn-hnte', 'fj-etc']);
  });
});
