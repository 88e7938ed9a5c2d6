// The screening page (issue 21): a bureau drops a filled 2,000-row template on `?page=screen`;
// the page's own wasm and the screening worker read and screen it in the browser, and the counts
// per program equal `qualify screen --format ndjson` on the same file. The bad row is placed by
// row and column, the table filters and keeps focus, an enterprise opens in the assessment, the
// results download, a long run cancels and the next file screens. Nothing leaves the device
// (the harness fails on any request to another host, and the file's contents are in no request);
// the applicant's first visit fetches nothing of the screening page; both languages; axe; keyboard.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { visit } from './harness.mjs';
import { AS_OF, CLI, LANGS, ready, screenshot, seriousViolations } from './qualify.mjs';
import { column, template } from './template.mjs';

const TIMEOUT = { timeout: 240_000 };
const ROWS = 2_000;

/** `qualify screen` on `csv`: its summary line's counts per program. */
async function cliCounts(csv) {
  const dir = await mkdtemp(join(tmpdir(), 'qualify-screen-'));
  try {
    const file = join(dir, 'firms.csv');
    await writeFile(file, csv);
    const out = execFileSync(CLI, ['screen', file, '--as-of', AS_OF, '--format', 'ndjson'], {
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const lines = out.trim().split('\n');
    const { summary } = JSON.parse(lines.at(-1));
    return {
      enterprises: summary.enterprises,
      bad: summary.bad_rows,
      programs: Object.fromEntries(
        summary.programs.map((p) => [p.program, [p.eligible, p.not_eligible, p.incomplete]]),
      ),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The page's summary table. */
function pageCounts(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('#q-screen-summary tr[data-program]')].map((r) => [
        r.dataset.program,
        ['eligible', 'not-eligible', 'incomplete'].map((k) => Number(r.querySelector(`[data-count="${k}"]`).textContent)),
      ]),
    ),
  );
}

const link = (lang) => `?page=screen&lang=${lang}&as_of=${AS_OF}`;
const WORDS = {
  zh: { results: '下载结果(.csv)', choose: '选择填好的模板', cancel: '取消筛查', cancelled: /已取消筛查/, outcome: '结果', open: /在新标签页的自评中打开/, assessed: /评估 1998 家企业,跳过 1 行/, where: new RegExp(`第 1002 行 ${column('2024.revenue')} 列`) },
  en: { results: 'Download the results (.csv)', choose: 'Choose a filled template', cancel: 'Cancel screening', cancelled: /Screening cancelled/, outcome: 'Outcome', open: /Open in the assessment, in a new tab/, assessed: /1998 enterprises assessed, 1 rows skipped/, where: new RegExp(`row 1002, column ${column('2024.revenue')} `) },
};

const CSV = template(ROWS);

test('the applicant\'s first visit fetches nothing of the screening page or its worker', TIMEOUT, async () => {
  await visit({ path: `?lang=zh&as_of=${AS_OF}` }, async ({ page, requests }) => {
    await ready(page);
    await page.waitForTimeout(500);
    const apart = requests.filter((r) => /screen-(page|worker)/.test(r));
    assert.deepEqual(apart, [], 'no file of the screening page in the first visit');
    // The tools lead to the screening page, in the visitor's language and on the same date.
    await page.getByRole('link', { name: /批量筛查/ }).click();
    await page.locator('#q-screen-file').waitFor();
    assert.match(page.url(), /page=screen/);
    assert.match(page.url(), /lang=zh/);
  });
});

for (const lang of LANGS) {
  test(`${lang}: a 2,000-row template screens to the counts of qualify screen, in the browser alone`, TIMEOUT, async () => {
    const expected = await cliCounts(CSV);
    assert.equal(expected.enterprises, ROWS - 2, 'the blank row and the bad row are not assessed');
    await visit({ path: link(lang) }, async ({ page, context, requests }) => {
      page.setDefaultTimeout(20_000);
      const w = WORDS[lang];
      await page.getByLabel(w.choose).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), lang === 'zh' ? 'zh-CN' : 'en');
      assert.deepEqual(await seriousViolations(page), [], 'axe on the empty page');
      await screenshot(page, `screen-empty-${lang}`);

      // Nothing is sent anywhere: no request with a body, no request but a fetch of a file.
      const sent = [];
      context.on('request', (r) => {
        if (r.method() !== 'GET' || r.postData()) sent.push(`${r.method()} ${r.url()}`);
      });
      await page.getByLabel(w.choose).setInputFiles({ name: 'firms.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
      await page.locator('#q-screen-summary').waitFor({ timeout: 120_000 });
      assert.match(await page.locator('#q-screen-status').textContent(), w.assessed);
      assert.deepEqual(await pageCounts(page), expected.programs);
      assert.match(await page.locator('.q-screen-problems').textContent(), w.where);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'q-screen-status', 'the summary is announced and focused');
      assert.deepEqual(sent, [], 'nothing sent while reading and screening the file');
      assert.ok(requests.every((r) => !r.includes('firms.csv')), 'the file is never fetched or sent');
      assert.deepEqual(await seriousViolations(page), [], 'axe on the results');
      await screenshot(page, `screen-results-${lang}`);

      // Filter by outcome: only those rows, and focus on the filter the user changed.
      await page.getByLabel(w.outcome, { exact: true }).selectOption('eligible');
      await page.waitForFunction(() => document.querySelector('#q-screen-table')?.dataset.rows !== undefined
        && [...document.querySelectorAll('#q-screen-table tbody tr')].every((r) => r.dataset.outcome === 'eligible'));
      const eligible = Object.values(expected.programs).reduce((n, [e]) => n + e, 0);
      assert.equal(Number(await page.locator('#q-screen-table').getAttribute('data-rows')), eligible);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'q-screen-outcome');

      // The results download as CSV: the rows shown.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: w.results }).click(),
      ]);
      const text = await readFile(await download.path(), 'utf8');
      const rows = text.split('\n').filter((l) => /,(eligible|not-eligible|incomplete),/.test(l));
      assert.equal(rows.length, eligible, 'one line per eligible result shown');

      // An enterprise opens in the assessment, in a new tab, with the same verdict.
      const first = page.locator('#q-screen-table tbody tr').first();
      const program = await first.getAttribute('data-program');
      const [tab] = await Promise.all([
        context.waitForEvent('page'),
        first.getByRole('button', { name: w.open }).click(),
      ]);
      await ready(tab);
      assert.match(tab.url(), new RegExp(`lang=${lang}&as_of=${AS_OF}&programs=${program}#profile=`));
      assert.equal(
        await tab.locator(`.q-results [data-program="${program}"]`).getAttribute('data-outcome'),
        'eligible',
        `the enterprise is eligible for ${program} in the assessment too`,
      );
      await screenshot(tab, `screen-opened-${lang}`, { fullPage: false });
      await tab.close();
    });
  });
}

test('a long run cancels, focus goes to the file control, and the next file screens', TIMEOUT, async () => {
  const big = template(40_000, { bad: false });
  const small = template(300);
  const expected = await cliCounts(small);
  await visit({ path: link('en') }, async ({ page }) => {
    page.setDefaultTimeout(20_000);
    const w = WORDS.en;
    await page.getByLabel(w.choose).setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(big) });
    const cancel = page.getByRole('button', { name: w.cancel });
    await cancel.waitFor();
    await page.waitForFunction(() => Number(document.querySelector('#q-screen-progress')?.getAttribute('value')) > 0);
    await screenshot(page, 'screen-progress-en', { fullPage: false });
    // By keyboard: the cancel button is reached and pressed without a pointer.
    await cancel.focus();
    await page.keyboard.press('Enter');
    await page.locator('#q-screen-status').filter({ hasText: w.cancelled }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'q-screen-file');
    assert.equal(await page.locator('#q-screen-busy').isHidden(), true);
    assert.equal(await page.locator('#q-screen-summary').count(), 0, 'no half results');

    await page.getByLabel(w.choose).setInputFiles({ name: 'small.csv', mimeType: 'text/csv', buffer: Buffer.from(small) });
    await page.locator('#q-screen-summary').waitFor({ timeout: 60_000 });
    assert.deepEqual(await pageCounts(page), expected.programs);
  });
});

test('the page switches language in place, keeping the results, at 360 px', TIMEOUT, async () => {
  const small = template(120);
  await visit({ path: link('zh') }, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.getByLabel(WORDS.zh.choose).setInputFiles({ name: 'small.csv', mimeType: 'text/csv', buffer: Buffer.from(small) });
    await page.locator('#q-screen-summary').waitFor({ timeout: 60_000 });
    const counts = await pageCounts(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel(WORDS.en.choose).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'q-lang-en');
    assert.match(page.url(), /lang=en/);
    assert.deepEqual(await pageCounts(page), counts);
    assert.match(await page.locator('#q-screen-summary caption').textContent(), /enterprises assessed/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling of the page at 360 px (${overflow} px)`);
    assert.deepEqual(await seriousViolations(page), [], 'axe at 360 px');
    await screenshot(page, 'screen-results-en-360');
  });
});
