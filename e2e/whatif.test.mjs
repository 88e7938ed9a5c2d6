// The what-if across programs: one R&D change moves the national center, HNTE and 专精特新
// together; the panel holds a program's self-assessed scores and declarations; "what does it
// take?" lifts a score; the focus goes into the panel and back; 360 px stacks the rows.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { visit } from './harness.mjs';
import { AS_OF, LANGS, PROFILE, fieldFor, ready, screenshot, ui } from './qualify.mjs';

// A Xiamen manufacturer (the example) whose R&D of 1200, 1400 and 1000 万元 leaves N1 (≥ 1500
// in 2024), H5 (3% of three years' sales) and SP2 (3% of 2024 revenue) all short: 1600 in 2024
// meets the three.
const XIAMEN = structuredClone(PROFILE);
XIAMEN.years['2022'].rd_expense = 1200;
XIAMEN.years['2023'].rd_expense = 1400;
XIAMEN.years['2024'].rd_expense = 1000;
XIAMEN.years['2024'].rd_expense_domestic = 1000;

// HNTE's H8 at 43-51 of the 71 it needs: transfers and net-asset growth lift it.
const H8_SHORT = {
  province: 'fujian', city: 'xiamen', industry: 'manufacturing',
  registered_on: '2015-03-01', hnte_domain: 'advanced-manufacturing',
  years: {
    2022: { revenue: 10000, rd_expense: 500, rd_expense_domestic: 500, net_assets: 10000, tech_transfers: 1 },
    2023: { revenue: 11000, rd_expense: 550, rd_expense_domestic: 550, net_assets: 10500, tech_transfers: 1 },
    2024: {
      revenue: 12100, rd_expense: 605, rd_expense_domestic: 605, net_assets: 11025, tech_transfers: 1,
      employees: 200, st_staff: 40, hightech_income: 9000,
    },
  },
  ip: { class1: 1, class1_self_developed: 1, class2: 2 },
  confirmations: ['H2.core', 'H9'],
  self_scores: {
    'H8.ip_advancement': 6, 'H8.ip_core_support': 6, 'H8.ip_acquisition': 4, 'H8.ip_standards': 0,
    'H8.org_rd_system': 4, 'H8.org_rd_institution': 3, 'H8.org_transfer_incentives': 3, 'H8.org_talent': 3,
  },
};

const PROGRAMS = 'cn-national-etc,cn-hnte,cn-srdi';

async function open(page, lang, profile) {
  await ready(page);
  await page.getByLabel(ui('import', lang)).setInputFiles({
    name: 'profile.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(profile)),
  });
  await page.locator('#q-tools-message').waitFor();
}

const activeId = (page) => page.evaluate(() => document.activeElement?.id ?? '');

const overflowing = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.q-whatif *')]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .slice(0, 10)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)} px)`),
  );

for (const lang of LANGS) {
  test(`${lang}: one R&D change moves the national center, HNTE and 专精特新 together`, { timeout: 90_000 }, async () => {
    await visit({ path: `?lang=${lang}&as_of=${AS_OF}&programs=${PROGRAMS}` }, async ({ page }) => {
      await open(page, lang, XIAMEN);
      const panel = page.locator('.q-whatif');
      // By keyboard: the start button goes with the closed panel, the focus into the open one.
      await panel.locator('#q-whatif-start').focus();
      await page.keyboard.press('Enter');
      await panel.locator('[data-whatif]').first().waitFor();
      assert.equal(await activeId(page), 'q-whatif-take');

      const table = (id) => panel.locator(`[data-whatif="${id}"]`);
      for (const id of PROGRAMS.split(',')) {
        assert.equal(await table(id).getAttribute('data-moved'), '0', id);
      }
      await fieldFor(panel, 'years.2024.rd_expense', lang).fill('1600');
      const moved = { 'cn-national-etc': 'N1', 'cn-hnte': 'H5', 'cn-srdi': 'SP2' };
      for (const [id, criterion] of Object.entries(moved)) {
        const flipped = await table(id).locator('tr.q-flipped').evaluateAll((rows) =>
          rows.map((r) => r.dataset.whatifCriterion),
        );
        assert.deepEqual(flipped, [criterion], id);
        assert.equal(await table(id).getAttribute('data-moved'), '1', id);
        assert.match(await table(id).locator('caption').textContent(), /1/);
      }
      assert.equal(
        await table('cn-national-etc').locator('[data-whatif-outcome]').getAttribute('data-whatif-outcome'),
        'eligible',
      );

      // At 360 px the rows stack, each cell naming its column; nothing is wider than the screen.
      await page.setViewportSize({ width: 360, height: 900 });
      assert.deepEqual(await overflowing(page), [], 'nothing in the what-if is wider than 360 px');
      console.log(await screenshot(page, `whatif-${lang}-360`, { element: '.q-whatif' }));
      console.log(await screenshot(page, `whatif-compare-${lang}-360`, { element: '[data-whatif="cn-national-etc"]' }));
      await page.setViewportSize({ width: 1280, height: 900 });
      console.log(await screenshot(page, `whatif-${lang}-1280`, { element: '.q-whatif' }));

      // Closing by keyboard puts the focus back on the button that opens the panel.
      await panel.getByRole('button', { name: lang === 'zh' ? '关闭假设分析' : 'Close what-if' }).focus();
      await page.keyboard.press('Enter');
      await panel.locator('#q-whatif-start').waitFor();
      assert.equal(await activeId(page), 'q-whatif-start');
    });
  });

  test(`${lang}: the what-if holds HNTE's self-scores and declarations, and lifts H8`, { timeout: 90_000 }, async () => {
    await visit({ path: `?lang=${lang}&as_of=${AS_OF}&programs=cn-hnte` }, async ({ page }) => {
      await open(page, lang, H8_SHORT);
      const panel = page.locator('.q-whatif');
      await panel.locator('#q-whatif-program').selectOption('cn-hnte');
      await panel.getByRole('button', { name: ui('whatifStart', lang) }).click();
      const outcome = panel.locator('[data-whatif="cn-hnte"] [data-whatif-outcome]');
      assert.equal(await outcome.getAttribute('data-whatif-outcome'), 'not-eligible');

      // Every self-assessed H8 item and the H9 declaration are in the what-if copy.
      const score = panel.locator('[data-edit="whatif-text:self_scores.H8.org_talent"]');
      assert.equal(await score.inputValue(), '3');
      assert.equal(await panel.locator('[data-edit^="whatif-text:self_scores.H8."]').count(), 8);
      const declined = panel.locator('[data-edit="whatif-no:H9"]');
      await declined.check();
      const h9 = panel.locator('[data-whatif="cn-hnte"] [data-whatif-criterion="H9"]');
      assert.match((await h9.getAttribute('class')) ?? '', /q-flipped/);
      await panel.locator('[data-edit="whatif-yes:H9"]').check();
      // The real answer stays as it was.
      assert.ok(await page.locator('.q-form [data-edit="yes:H9"]').isChecked());

      // "What does it take?" names the transfers and the growth, and H8 is met.
      await panel.getByRole('button', { name: ui('whatifTake', lang) }).click();
      const said = await panel.getByRole('status').filter({ hasText: ui('changes', lang) }).textContent();
      assert.ok(said.includes('2024'), said);
      assert.equal(await outcome.getAttribute('data-whatif-outcome'), 'eligible');
      const h8 = panel.locator('[data-whatif="cn-hnte"] [data-whatif-criterion="H8"]');
      assert.match((await h8.getAttribute('class')) ?? '', /q-flipped/);
      assert.equal(await panel.locator('[data-edit="whatif-text:years.2024.tech_transfers"]').inputValue(), '13');
    });
  });
}
