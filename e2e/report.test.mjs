// The printed report, through Chromium's own PDF output, read back with poppler's pdftotext:
// page 1 holds the company, the dates and one line per program (outcome, rules, main gaps);
// the ladder prints its program names; the figures used close it; the disclaimer prints once.
// Both languages.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';

import { visit } from './harness.mjs';
import { ARTIFACTS, AS_OF, LANGS, PROFILE, cliPrograms, ready, ui } from './qualify.mjs';

const OUTCOME = {
  eligible: ['符合条件', 'Eligible'],
  'not-eligible': ['不符合条件', 'Not eligible'],
  incomplete: ['信息不完整', 'Incomplete'],
};
const DISCLAIMER = ['结果仅供自评参考,以主管部门正式评审为准。', "For self-assessment only; the issuing authority's review decides."];
const pick = (pair, lang) => pair[lang === 'en' ? 1 : 0];

/** The text of a PDF's pages `first` to `last`, in pdftotext's reading order (cell by cell). */
const pdfText = (file, first, last) =>
  execFileSync('pdftotext', ['-f', String(first), '-l', String(last), file, '-'], { encoding: 'utf8' });

const pageCount = (file) => Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))[1]);

/** Drops the spaces pdftotext puts between characters, so text compares as typed. */
const squeeze = (text) => text.replace(/\s+/g, '');

for (const lang of LANGS) {
  test(`${lang}: the printed report opens with a summary page and ends with the figures used`, { timeout: 90_000 }, async () => {
    const engine = await cliPrograms(PROFILE, AS_OF);
    await visit({ path: `?lang=${lang}&as_of=${AS_OF}` }, async ({ page }) => {
      await ready(page);
      await page.getByLabel(ui('import', lang)).setInputFiles({
        name: 'example.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(PROFILE)),
      });
      await page.locator('#q-tools-message').waitFor();
      const shown = await page
        .locator('.q-card[data-program]')
        .evaluateAll((cards) => cards.map((c) => c.dataset.program));
      assert.ok(shown.length >= 4, shown.join());

      // On screen the report's own parts take no room and are not read out.
      assert.equal(await page.locator('.q-report').isVisible(), false);
      assert.equal(await page.locator('.q-report-appendix').isVisible(), false);

      await mkdir(ARTIFACTS, { recursive: true });
      const file = join(ARTIFACTS, `report-${lang}.pdf`);
      await writeFile(file, await page.pdf({ format: 'A4', margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } }));
      execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '60', '-png', '-singlefile', file, join(ARTIFACTS, `report-${lang}-page1`)]);

      const pages = pageCount(file);
      console.log(`report (${lang}): ${pages} A4 pages for ${shown.length} programs`);
      // The summary, then about two pages a program: the cards run on, and no page is left half
      // empty before one (cards kept whole took 27 pages for these 10 programs).
      assert.ok(pages <= 2 * shown.length + 2, `${pages} pages`);

      const first = squeeze(pdfText(file, 1, 1));
      assert.ok(first.includes(squeeze(lang === 'en' ? 'Self-assessment report' : '资质自评报告')), first);
      assert.ok(first.includes(squeeze(PROFILE.name)), 'the company');
      assert.ok(first.includes(AS_OF), 'the assessment date');
      // The summary table ends on page 1: a table that ran on would repeat its head on page 2.
      const head = squeeze(lang === 'en' ? 'Main gaps' : '主要差距');
      assert.ok(first.includes(head));
      assert.ok(!squeeze(pdfText(file, 2, 2)).includes(head), 'the summary fits page 1');
      // One outcome per program on page 1, as the engine has them.
      for (const [outcome, words] of Object.entries(OUTCOME)) {
        const count = engine.filter((p) => shown.includes(p.id) && p.outcome === outcome).length;
        const found = first.split(squeeze(pick(words, lang))).length - 1;
        // "不符合条件" contains "符合条件": count the longer one's share out of the shorter.
        const within = outcome === 'eligible' && lang === 'zh'
          ? first.split(squeeze(pick(OUTCOME['not-eligible'], lang))).length - 1
          : 0;
        assert.equal(found - within, count, `${outcome} on page 1: ${first}`);
      }
      // The form is not printed.
      assert.ok(!first.includes(squeeze(lang === 'en' ? 'Company figures' : '企业数据')));

      const all = squeeze(pdfText(file, 1, pages));
      assert.equal(all.split(squeeze(pick(DISCLAIMER, lang))).length - 1, 1, 'the disclaimer once');
      // The ladder prints its rungs' names, the appendix the figures as entered.
      assert.ok(all.includes(squeeze(lang === 'en' ? 'Xiamen municipal enterprise technology center' : '厦门市企业技术中心')));
      const last = squeeze(pdfText(file, pages - 1, pages));
      assert.ok(last.includes(squeeze(lang === 'en' ? 'Appendix: the figures used' : '附录:评估所用数据')), last);
      assert.ok(last.includes('52000'), 'a figure as entered');
    });
  });
}
