// The what-if panel, the ladder and the program pages, in both languages.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import { visit } from './harness.mjs';
import { AS_OF, LANGS, PROFILE, fieldFor, outcomeOf, ready, ui } from './qualify.mjs';

const other = (lang) => (lang === 'zh' ? 'en' : 'zh');
const LANG_BUTTON = { zh: '中文', en: 'English' };

// The example, with 500 万元 too little R&D for the national technology center (N1 ≥ 1500).
const SHORT_OF_N1 = structuredClone(PROFILE);
SHORT_OF_N1.years['2024'].rd_expense = 1000;
SHORT_OF_N1.years['2024'].rd_expense_domestic = 1000;

async function open(page, lang, profile = SHORT_OF_N1) {
  await ready(page);
  await page.getByLabel(ui('import', lang)).setInputFiles({
    name: 'profile.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(profile)),
  });
  await page.locator('#q-tools-message').waitFor();
}

const pack = async (id) =>
  JSON.parse(await readFile(new URL(`../packs/${id}.json`, import.meta.url), 'utf8'));

for (const lang of LANGS) {
  test(`${lang}: the what-if panel flips outcomes without touching the real figures`, { timeout: 90_000 }, async () => {
    await visit({ path: `?lang=${lang}&as_of=${AS_OF}` }, async ({ page }) => {
      await open(page, lang);
      assert.equal(await outcomeOf(page, 'cn-national-etc'), 'not-eligible');
      const panel = page.locator('.q-whatif');
      await panel.getByLabel(ui('target', lang)).selectOption({ label: ui('national', lang) });
      await panel.getByRole('button', { name: ui('whatifStart', lang) }).click();
      const national = panel.locator('[data-whatif="cn-national-etc"]');
      const whatIf = national.locator('[data-whatif-outcome]');
      assert.equal(await whatIf.getAttribute('data-whatif-outcome'), 'not-eligible');

      // "What does it take?" fills in the figure that meets N1 and says what changed.
      await panel.getByRole('button', { name: ui('whatifTake', lang) }).click();
      const changes = panel.getByRole('status').filter({ hasText: ui('changes', lang) });
      const said = await changes.textContent();
      for (const part of [ui('rdExpense', lang), '2024', '500']) {
        assert.ok(said.includes(part), said);
      }
      assert.equal(await whatIf.getAttribute('data-whatif-outcome'), 'eligible');
      const head = await national.locator('thead').textContent();
      assert.ok(head.includes(ui('now', lang)) && head.includes(ui('then', lang)), head);
      assert.equal(await national.locator('tr.q-flipped').getAttribute('data-whatif-criterion'), 'N1');

      // Typing into the what-if copy flips the outcome there, and only there.
      await panel.getByRole('button', { name: ui('reset', lang) }).click();
      const copy = fieldFor(panel, 'years.2024.rd_expense', lang);
      await copy.fill('1,600');
      assert.equal(await whatIf.getAttribute('data-whatif-outcome'), 'eligible');
      await copy.fill('1499');
      assert.equal(await whatIf.getAttribute('data-whatif-outcome'), 'not-eligible');
      assert.equal(await outcomeOf(page, 'cn-national-etc'), 'not-eligible');
      assert.equal(await fieldFor(page.locator('.q-form'), 'years.2024.rd_expense', lang).inputValue(), '1000');
    });
  });

  test(`${lang}: the ladder shows the rung held and what the next one takes`, { timeout: 90_000 }, async () => {
    await visit({ path: `?lang=${lang}&as_of=${AS_OF}` }, async ({ page }) => {
      await open(page, lang);
      const ladder = page.locator('.q-ladder');
      // Xiamen's technology center track, municipal to national, as the packs rank it.
      const track = ladder.locator('[data-track]', { has: page.locator('[data-rung="cn-national-etc"]') });
      const rungs = await track.locator('[data-rung]').evaluateAll((els) => els.map((e) => e.dataset.rung));
      assert.deepEqual(rungs, ['xm-etc-pool', 'fj-etc-pool', 'xm-etc', 'fj-etc', 'cn-national-etc']);
      const current = track.locator('[aria-current="step"]');
      assert.equal(await current.getAttribute('data-rung'), 'fj-etc');
      assert.match(await current.textContent(), new RegExp(ui('here', lang)));
      const next = track.locator('[data-rung="cn-national-etc"]');
      assert.match(await next.textContent(), new RegExp(ui('next', lang)));
      // What it takes: only N1 is short, by the 500 万元 in the user's language.
      const takes = await next.locator('.q-takes li').allTextContents();
      assert.equal(takes.length, 1, takes.join('\n'));
      assert.match(takes[0], new RegExp(`^N1 .*${ui('rdExpense', lang)}.*500`));

      // A rung is a link to its program's page.
      await next.getByRole('link').click();
      assert.equal(
        await page.locator('#q-program-h').textContent(),
        (await pack('cn-national-etc')).name[lang],
      );
    });
  });

  test(`${lang}: program pages, from a card and from a deep link, follow the language`, { timeout: 90_000 }, async () => {
    const hnte = await pack('cn-hnte');
    const inForce = hnte.versions.filter((v) => v.effective_from <= AS_OF).at(-1);
    await visit({ path: `?lang=${lang}&as_of=${AS_OF}&program=cn-hnte` }, async ({ page }) => {
      const heading = page.locator('#q-program-h');
      await heading.waitFor();
      assert.equal(await heading.textContent(), hnte.name[lang]);
      const version = page.locator(`[data-version="${inForce.id}"]`);
      assert.ok(await version.locator('details').evaluate((d) => d.open), 'the version in force is open');
      assert.match(await version.locator('summary').textContent(), new RegExp(ui('inForce', lang)));
      const rules = await version.locator('[data-rule]').evaluateAll((els) => els.map((e) => e.dataset.rule));
      assert.deepEqual(rules, inForce.criteria.map((c) => c.id));
      for (const c of inForce.criteria.slice(0, 3)) {
        assert.match(await version.locator(`[data-rule="${c.id}"] h4`).textContent(), new RegExp(c.label[lang].slice(0, 12).replace(/[()（）]/g, '.')));
      }
      assert.ok(await page.getByRole('heading', { name: ui('sources', lang), exact: true }).isVisible());

      // The language switch changes the page in place.
      await page.getByRole('button', { name: LANG_BUTTON[other(lang)] }).click();
      assert.equal(await heading.textContent(), hnte.name[other(lang)]);
      assert.match(page.url(), new RegExp(`lang=${other(lang)}`));
      await page.getByRole('button', { name: LANG_BUTTON[lang] }).click();
      assert.equal(await heading.textContent(), hnte.name[lang]);

      // Back to the assessment, then to another program's page from its card.
      await page.getByRole('link', { name: ui('back', lang) }).click();
      await ready(page);
      const card = page.locator('.q-results [data-program="cn-tech-sme"]');
      await card.locator('summary').click();
      await card.locator('a[data-q-program]').click();
      assert.equal(await heading.textContent(), (await pack('cn-tech-sme')).name[lang]);
      await page.goBack();
      await ready(page);
      assert.ok(!page.url().includes('program='));
    });
  });

  test(`${lang}: programs can be sorted by how close they are`, { timeout: 90_000 }, async () => {
    await visit({ path: `?lang=${lang}&as_of=${AS_OF}` }, async ({ page }) => {
      await open(page, lang, PROFILE);
      await page.getByLabel(ui('sort', lang)).selectOption({ label: ui('closeness', lang) });
      const outcomes = await page
        .locator('.q-results [data-program][data-outcome]')
        .evaluateAll((els) => els.map((e) => e.dataset.outcome));
      const eligible = outcomes.filter((o) => o === 'eligible').length;
      assert.ok(eligible > 0, outcomes.join());
      assert.deepEqual(outcomes.slice(0, eligible), Array(eligible).fill('eligible'));
    });
  });
}
