// Saving and sharing, all on the device, in both languages: export then import, share links,
// a bad import file, remember-on-this-device and forget, and the stamp of the print view.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import { visit } from './harness.mjs';
import {
  AS_OF,
  LANGS,
  PROFILE,
  assertResults,
  assessWithCli,
  cliPrograms,
  fieldFor,
  ready,
  readResults,
  ui,
} from './qualify.mjs';

const file = (name, text) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

async function importFile(page, lang, name, text) {
  await page.getByLabel(ui('import', lang)).setInputFiles(file(name, text));
}

/** Opens the app, every program chosen, with the example profile imported. */
async function withProfile(page, lang) {
  await ready(page);
  await page.getByRole('button', { name: ui('selectAll', lang) }).click();
  await importFile(page, lang, 'example.json', JSON.stringify(PROFILE));
}

const open = (lang) => ({ path: `?lang=${lang}&as_of=${AS_OF}` });

/** The figures the form shows for a few fields, to see that they were restored. */
const shownFields = (page, lang) =>
  Promise.all(
    ['name', 'city', 'years.2024.revenue', 'years.2022.net_assets', 'ip.class1'].map((path) =>
      fieldFor(page, path, lang).inputValue(),
    ),
  );
const EXAMPLE_FIELDS = ['Example Precision Co.', 'xiamen', '52000', '24000', '12'];

for (const lang of LANGS) {
  test(`${lang}: export then import restores the profile`, { timeout: 90_000 }, async () => {
    const expected = await assessWithCli(PROFILE);
    await visit(open(lang), async ({ page }) => {
      await withProfile(page, lang);
      await assertResults(page, expected);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: ui('export', lang) }).click(),
      ]);
      assert.match(download.suggestedFilename(), /^qualify-Example-Precision-Co--2025-06-30\.json$/);
      const exported = await readFile(await download.path(), 'utf8');
      assert.equal(JSON.parse(exported).schema, 'qualify.profile/1');
      assert.deepEqual(await assessWithCli(JSON.parse(exported)), expected);

      await page.getByRole('button', { name: ui('clear', lang) }).click();
      assert.deepEqual(await shownFields(page, lang), ['', '', '', '', '']);
      assert.notDeepEqual(await readResults(page), expected);

      await importFile(page, lang, download.suggestedFilename(), exported);
      await assertResults(page, expected);
      assert.deepEqual(await shownFields(page, lang), EXAMPLE_FIELDS);
    });
  });

  test(`${lang}: a share link restores the profile and opens at the results`, { timeout: 90_000 }, async () => {
    const expected = await assessWithCli(PROFILE);
    await visit(open(lang), async ({ page }) => {
      await withProfile(page, lang);
      await page.getByRole('button', { name: ui('share', lang) }).click();
      const warning = page.getByRole('alert');
      assert.match(await warning.textContent(), new RegExp(ui('shareWarning', lang)));
      const link = await page.getByRole('textbox', { name: ui('share', lang) }).inputValue();
      assert.match(link, /#profile=[A-Za-z0-9_-]+$/);
      assert.match(link, new RegExp(`[?&]lang=${lang}`));

      // Whoever opens the link sees the same figures, on a page of their own.
      const other = await page.context().newPage();
      await other.setViewportSize({ width: 1280, height: 720 });
      await other.goto(link);
      await ready(other);
      assert.deepEqual(await shownFields(other, lang), EXAMPLE_FIELDS);
      // The link carries the figures, not the choice of programs: it opens with the programs
      // suggested for the profile's region, each as the engine assesses it.
      const shown = await readResults(other);
      assert.ok(shown['xm-etc-pool'] && shown['cn-hnte'] && !shown['gd-etc'], Object.keys(shown).join());
      for (const [id, result] of Object.entries(shown)) {
        assert.deepEqual(result, expected[id], id);
      }
      const heading = other.getByRole('heading', { name: ui('results', lang), exact: true });
      await other.waitForFunction(() => {
        const top = document.getElementById('q-results').getBoundingClientRect().top;
        return top >= 0 && top < window.innerHeight / 2;
      });
      assert.ok(await heading.isVisible());
    });
  });

  test(`${lang}: a bad import file shows an error and keeps the data`, { timeout: 90_000 }, async () => {
    const expected = await assessWithCli(PROFILE);
    await visit(open(lang), async ({ page }) => {
      await withProfile(page, lang);
      await assertResults(page, expected);
      const bad = { ...PROFILE, province: 'atlantis', years: { 2024: { revenue: -5 } } };
      for (const [name, text] of [
        ['invalid.json', JSON.stringify(bad)],
        ['broken.json', '{"name": "half a file'],
      ]) {
        await importFile(page, lang, name, text);
        // Beside the import control, where the keyboard user who chose the file is taken.
        const message = page.locator('#q-tools-message');
        await message.waitFor();
        await page.waitForFunction(() => document.activeElement?.id === 'q-tools-message');
        assert.match(await message.textContent(), new RegExp(`^${ui('importFailed', lang)}`));
        assert.match(await message.getAttribute('class'), /q-message--error/);
        if (name === 'invalid.json') {
          // The reasons, in the same language: the field paths and what is wrong with them.
          const text = await message.textContent();
          assert.match(text, /province/);
          assert.match(text, /years\.2024\.revenue/);
          assert.match(text, lang === 'zh' ? /[\u4e00-\u9fff]/ : /^[^\u4e00-\u9fff]*$/);
        }
        assert.deepEqual(await shownFields(page, lang), EXAMPLE_FIELDS);
        await assertResults(page, expected);
        await message.getByRole('button').click();
      }
    });
  });

  test(`${lang}: remember-on-this-device survives a reload and forget clears it`, { timeout: 90_000 }, async () => {
    const expected = await assessWithCli(PROFILE);
    await visit(open(lang), async ({ page }) => {
      await withProfile(page, lang);
      await page.getByLabel(ui('remember', lang)).check();
      // Figures typed after ticking the box are remembered too, even one that cannot be read.
      await fieldFor(page, 'years.2024.revenue', lang).fill('53000');
      await fieldFor(page, 'years.2023.tax_payable', lang).fill('1500 yuan');
      await page.reload();
      await ready(page);
      assert.ok(await page.getByLabel(ui('remember', lang)).isChecked());
      assert.equal(await fieldFor(page, 'years.2024.revenue', lang).inputValue(), '53000');
      const tax = fieldFor(page, 'years.2023.tax_payable', lang);
      assert.equal(await tax.inputValue(), '1500 yuan');
      assert.equal(await tax.getAttribute('aria-invalid'), 'true');
      await fieldFor(page, 'years.2024.revenue', lang).fill('52000');
      await tax.fill('1500');
      await page.getByRole('button', { name: ui('selectAll', lang) }).click();
      await assertResults(page, expected);

      await page.getByRole('button', { name: ui('forget', lang) }).click();
      assert.match(await page.locator('#q-message').textContent(), new RegExp(ui('forgotten', lang)));
      assert.ok(!(await page.getByLabel(ui('remember', lang)).isChecked()));
      assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
      await page.reload();
      await ready(page);
      assert.deepEqual(await shownFields(page, lang), ['', '', '', '', '']);
      assert.ok(!(await page.getByLabel(ui('remember', lang)).isChecked()));
    });
  });

  test(`${lang}: a share link does not overwrite the figures remembered on this device`, { timeout: 90_000 }, async () => {
    await visit(open(lang), async ({ page }) => {
      await ready(page);
      await fieldFor(page, 'name', lang).fill('Mine Ltd.');
      await page.getByLabel(ui('remember', lang)).check();
      const theirs = Buffer.from(JSON.stringify(PROFILE)).toString('base64url');
      await page.goto(`${page.url().split('#')[0]}#profile=${theirs}`);
      await page.reload();
      await ready(page);
      assert.equal(await fieldFor(page, 'name', lang).inputValue(), 'Example Precision Co.');
      assert.match(await page.locator('#q-message').textContent(), new RegExp(ui('notOverwritten', lang)));
      assert.ok(!(await page.getByLabel(ui('remember', lang)).isChecked()));
      await page.goto(page.url().split('#')[0]);
      await page.reload();
      await ready(page);
      assert.equal(await fieldFor(page, 'name', lang).inputValue(), 'Mine Ltd.');
      assert.ok(await page.getByLabel(ui('remember', lang)).isChecked());
    });
  });

  test(`${lang}: the print view carries the stamp`, { timeout: 90_000 }, async () => {
    const programs = await cliPrograms(PROFILE);
    await visit(open(lang), async ({ page }) => {
      await withProfile(page, lang);
      await page.emulateMedia({ media: 'print' });
      const stamp = page.locator('.q-stamp');
      assert.ok(await stamp.isVisible());
      const today = await page.evaluate(() => {
        const d = new Date();
        const pad = (n) => String(n).padStart(2, '0');
        return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
      });
      const row = (key) => stamp.locator('dl > div', { has: page.getByText(ui(key, lang), { exact: true }) }).locator('dd');
      assert.equal(await row('printedOn').textContent(), today);
      assert.equal(await row('asOf').textContent(), AS_OF);
      // Every program assessed, with its rule version, and one hash over all their packs.
      const text = await stamp.textContent();
      for (const p of programs) {
        assert.ok(text.includes(`${p.id} ${p.version.id}`), `${p.id} ${p.version.id}`);
      }
      const hash = createHash('sha256');
      for (const p of programs) {
        hash.update(`${p.digest}\n`);
      }
      assert.equal(await row('hash').textContent(), hash.digest('hex'));
      // A clean report: the results with every criterion, without the form and the tools.
      assert.ok(!(await page.locator('.q-form').isVisible()));
      assert.ok(!(await page.locator('.q-tools').isVisible()));
      assert.ok(await page.locator('.q-results [data-criterion]').first().isVisible());
    });
  });
}
