// Accessibility: axe-core finds no serious or critical violation on the form, the results with
// every card open (and the what-if panel and share link showing) and a program page, in both
// languages; and the app works by keyboard alone.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { visit } from './harness.mjs';
import { AS_OF, LANGS, PROFILE, fieldFor, ready, seriousViolations, ui } from './qualify.mjs';

/** Fails with the violations listed, so the report says what to fix. */
async function assertNoSeriousViolations(page, where) {
  const found = await seriousViolations(page);
  for (const v of found) {
    console.log(`axe ${where}: ${v.impact} ${v.id} (${v.help})\n  ${v.nodes.join('\n  ')}`);
  }
  console.log(`axe ${where}: ${found.length} serious or critical violations`);
  assert.deepEqual(found, [], `axe found serious or critical violations on ${where}`);
}

for (const lang of LANGS) {
  test(`${lang}: axe finds no serious or critical violation on the form, results and a program page`, { timeout: 120_000 }, async () => {
    await visit({ path: `?lang=${lang}&as_of=${AS_OF}` }, async ({ page }) => {
      await ready(page);
      await assertNoSeriousViolations(page, `the empty form (${lang})`);

      await page.getByRole('button', { name: ui('selectAll', lang) }).click();
      await page.getByLabel(ui('import', lang)).setInputFiles({
        name: 'example.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(PROFILE)),
      });
      await fieldFor(page, 'years.2023.tax_payable', lang).fill('lots');
      await page.locator('.q-results summary').first().waitFor();
      for (const summary of await page.locator('.q-results summary').all()) {
        await summary.click();
      }
      await page.getByRole('button', { name: ui('whatifStart', lang) }).click();
      await page.getByRole('button', { name: ui('whatifTake', lang) }).click();
      await page.getByRole('button', { name: ui('share', lang) }).click();
      await assertNoSeriousViolations(page, `the filled form and opened results (${lang})`);

      await page.getByRole('link', { name: ui('details', lang) }).first().click();
      await page.locator('#q-program-h').waitFor();
      await assertNoSeriousViolations(page, `a program page (${lang})`);
    });
  });
}

/** Controls shown without a visible label of their own, in the whole page. */
const unlabelled = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.q-app input, .q-app select, .q-app textarea')]
      .filter((el) => el.checkVisibility())
      .filter((el) => ![...el.labels].some((l) => l.checkVisibility() && l.textContent.trim()))
      .map((el) => `${el.tagName.toLowerCase()}#${el.id}`),
  );

for (const lang of LANGS) {
  test(`${lang}: every control has a visible label, and outcome changes are announced`, { timeout: 90_000 }, async () => {
    await visit({ path: `?lang=${lang}&as_of=${AS_OF}` }, async ({ page }) => {
      await ready(page);
      await page.getByLabel(ui('import', lang)).setInputFiles({
        name: 'example.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(PROFILE)),
      });
      await page.getByLabel(ui('showAll', lang)).check();
      await page.getByRole('button', { name: ui('whatifStart', lang) }).click();
      await page.getByRole('button', { name: ui('share', lang) }).click();
      await page.getByRole('button', { name: ui('certAdd', lang) }).click();
      assert.deepEqual(await unlabelled(page), []);

      // The national center needs 1500 万元 of R&D (N1): 1000 loses it, and the live region
      // says so in the user's language.
      const live = page.locator('[aria-live="polite"][role="status"]#q-announce');
      await fieldFor(page.locator('.q-form'), 'years.2024.rd_expense_domestic', lang).fill('1000');
      await fieldFor(page.locator('.q-form'), 'years.2024.rd_expense', lang).fill('1000');
      await page.waitForFunction(() => document.getElementById('q-announce').textContent !== '');
      assert.equal(await live.textContent(), ui('lost', lang));
    });
  });
}

/** Presses Tab until `target` has the focus; fails after `limit` presses. */
async function tabTo(page, target, limit = 250) {
  const handle = await target.elementHandle();
  for (let i = 0; i < limit; i += 1) {
    if (await handle.evaluate((el) => el === document.activeElement)) {
      return i;
    }
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${target}`);
}

/** The focused element's accessible description, for failure messages. */
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return `${el.tagName.toLowerCase()}#${el.id} ${el.textContent.trim().slice(0, 40)}`;
  });

test('keyboard only: tab to a field, type, open a result card, follow the program link and come back', { timeout: 120_000 }, async () => {
  const lang = 'zh';
  await visit({ path: `?lang=${lang}&as_of=${AS_OF}` }, async ({ page }) => {
    await ready(page);
    // The first Tab reaches the skip link, which takes the focus to the results.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), ui('skip', lang));

    const revenue = fieldFor(page, 'years.2024.revenue', lang);
    await tabTo(page, revenue);
    await page.keyboard.type('5.2亿');
    assert.equal(await revenue.inputValue(), '5.2亿');
    // A tech-based SME has at most 2亿 of revenue.
    const ts3 = page.locator('.q-results [data-program="cn-tech-sme"] [data-criterion="TS3"]');
    assert.equal(await ts3.getAttribute('data-status'), 'not-met');

    // Enter opens a card and Space another; neither is a link, so focus stays on the card.
    const cards = page.locator('.q-results details');
    const first = cards.nth(0);
    const second = cards.nth(1);
    await tabTo(page, first.locator('summary'));
    await page.keyboard.press('Enter');
    assert.ok(await first.evaluate((d) => d.open), 'Enter opens the card');
    await tabTo(page, second.locator('summary'));
    await page.keyboard.press(' ');
    assert.ok(await second.evaluate((d) => d.open), 'Space opens the card');

    const program = await second.locator('..').getAttribute('data-program');
    const link = second.getByRole('link', { name: ui('details', lang) });
    await tabTo(page, link);
    await page.keyboard.press('Enter');
    const heading = page.locator('#q-program-h');
    await heading.waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'q-program-h');
    assert.match(page.url(), new RegExp(`[?&]program=${program}`));

    await tabTo(page, page.getByRole('link', { name: ui('back', lang) }));
    await page.keyboard.press('Enter');
    await ready(page);
    // Back on the card the user left from, with what they typed.
    await page.waitForFunction(
      (id) => document.activeElement?.closest('[data-program]')?.dataset.program === id,
      program,
      { timeout: 5_000 },
    ).catch(async () => assert.fail(`focus is on ${await focused(page)}`));
    assert.equal(await fieldFor(page, 'years.2024.revenue', lang).inputValue(), '5.2亿');
  });
});
