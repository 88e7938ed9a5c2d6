// One enterprise through the spreadsheet template (issue 21), in the assessment itself: the
// figures exported as a filled template (.xlsx) and imported back, the form filled and the
// verdicts the engine's; a template with a bad cell says its sheet, row and column beside the
// import control, which takes focus, and keeps the figures. The spreadsheet work is the
// screening worker's, started for the request: nothing of it loads before, nothing leaves.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import { visit } from './harness.mjs';
import { AS_OF, LANGS, PROFILE, assertResults, assessWithCli, fieldFor, ready, readResults, ui } from './qualify.mjs';

const open = (lang) => ({ path: `?lang=${lang}&as_of=${AS_OF}` });
const json = (text) => ({ name: 'example.json', mimeType: 'application/json', buffer: Buffer.from(text) });
const FIELDS = ['name', 'city', 'years.2024.revenue', 'years.2022.net_assets', 'ip.class1'];
const shown = (page, lang) => Promise.all(FIELDS.map((p) => fieldFor(page, p, lang).inputValue()));
const WHERE = { zh: /第 3 行 B 列(2024\.revenue)/, en: /row 3, column B \(2024\.revenue\)/ };

for (const lang of LANGS) {
  test(`${lang}: the figures go out as a spreadsheet template and come back in`, { timeout: 120_000 }, async () => {
    const expected = await assessWithCli(PROFILE);
    await visit(open(lang), async ({ page, context, requests }) => {
      await ready(page);
      assert.deepEqual(requests.filter((r) => r.includes('screen-worker')), [], 'not in the first load');
      const sent = [];
      context.on('request', (r) => {
        if (r.method() !== 'GET' || r.postData()) sent.push(`${r.method()} ${r.url()}`);
      });
      await page.getByRole('button', { name: ui('selectAll', lang) }).click();
      await page.getByLabel(ui('import', lang)).setInputFiles(json(JSON.stringify(PROFILE)));
      await assertResults(page, expected);
      const before = await shown(page, lang);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: ui('exportSheet', lang) }).click(),
      ]);
      assert.match(download.suggestedFilename(), /^qualify-Example-Precision-Co--2025-06-30\.xlsx$/);
      const xlsx = await readFile(await download.path());
      assert.equal(xlsx.subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'an XLSX file');

      await page.getByRole('button', { name: ui('clear', lang) }).click();
      assert.deepEqual(await shown(page, lang), ['', '', '', '', '']);
      assert.notDeepEqual(await readResults(page), expected);

      await page.getByLabel(ui('import', lang)).setInputFiles({
        name: download.suggestedFilename(),
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: xlsx,
      });
      await assertResults(page, expected, 20_000);
      assert.deepEqual(await shown(page, lang), before);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'q-tools-message');
      assert.match(await page.locator('#q-tools-message').textContent(), new RegExp(ui('importOk', lang)));
      assert.deepEqual(sent, [], 'nothing sent');
    });
  });

  test(`${lang}: a template with a bad cell says where, beside the import, and keeps the figures`, { timeout: 120_000 }, async () => {
    await visit(open(lang), async ({ page }) => {
      await ready(page);
      await page.getByLabel(ui('import', lang)).setInputFiles(json(JSON.stringify(PROFILE)));
      await page.waitForFunction(() => document.activeElement?.id === 'q-tools-message');
      const before = await shown(page, lang);
      await page.getByLabel(ui('import', lang)).setInputFiles({
        name: 'filled.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('name,2024.revenue\n,\nfirm,lots\n'),
      });
      const message = page.locator('#q-tools-message');
      await message.filter({ hasText: WHERE[lang] }).waitFor({ timeout: 20_000 });
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'q-tools-message');
      assert.deepEqual(await shown(page, lang), before, 'the figures are as they were');
    });
  });
}
