// The national packs' details (criterion notes, a program page's summary, information and
// document notes) stay out of the first load: the page fetches them once it is in use, and shows
// them where they belong. Without them the verdicts are the same and the program page says what
// is missing. (Regional packs come whole, when they are wanted: regional.test.mjs.)

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { visit } from './harness.mjs';
import { ready } from './qualify.mjs';

const TIMEOUT = { timeout: 120_000 };
const DETAILS = /\/qualify-details-[0-9a-f]{16}\.json$/;
const NOTE = {
  zh: /按省级企业技术中心认定日期计算到评估日的整年数/,
  en: /Counted in whole years from the date of provincial recognition/,
};
const SUMMARY = {
  zh: /申请企业须已具有省级企业技术中心资格两年以上/,
  en: /An applicant must have held provincial center status for at least two years/,
};
const FAILED = {
  zh: '说明文字未能加载(可能已离线),各项条件和评估结果不受影响。重新加载页面可再试。',
  en: 'The notes could not be loaded (perhaps you are offline); the criteria and the results are not affected. Reload the page to try again.',
};

for (const lang of ['zh', 'en']) {
  test(`${lang}: the details load once the page is in use, then show in the cards and on the program page`, TIMEOUT, async () => {
    await visit({ path: `?lang=${lang}&programs=cn-national-etc,cn-hnte` }, async ({ page, requests }) => {
      await ready(page);
      const outcome = await page.locator('.q-card[data-program="cn-national-etc"]').getAttribute('data-outcome');
      const n4 = page.locator('.q-card[data-program="cn-national-etc"] [data-criterion="N4"]');
      // Idle, the page has not asked for them.
      await page.waitForTimeout(500);
      assert.equal(requests.filter((url) => DETAILS.test(url)).length, 0);
      assert.doesNotMatch(await n4.textContent(), NOTE[lang]);

      await page.locator('.q-card[data-program="cn-national-etc"] summary').click();
      await n4.locator('.q-note', { hasText: NOTE[lang] }).waitFor();
      assert.equal(await page.locator('.q-card[data-program="cn-national-etc"]').getAttribute('data-outcome'), outcome);

      await page.locator('.q-card[data-program="cn-national-etc"] [data-q-program]').click();
      await page.locator('#q-program-h').waitFor();
      assert.match(await page.locator('.q-program-body').textContent(), SUMMARY[lang]);
      assert.equal(await page.locator('#q-details-state').textContent(), '');
      // One file, whether the page asked for it once or the service worker, taking over, once more.
      assert.equal(new Set(requests.filter((url) => DETAILS.test(url))).size, 1);
    });
  });
}

for (const lang of ['zh', 'en']) {
  test(`${lang}: without the details the program page says so and the verdicts stand`, TIMEOUT, async () => {
    const routes = [[DETAILS, (route) => route.fulfill({ status: 404, body: 'gone' })]];
    // The browser reports the failed request itself.
    const tolerate = [/404/];
    await visit({ path: `?lang=${lang}&programs=cn-national-etc`, routes, tolerate }, async ({ page }) => {
      await ready(page);
      const outcome = await page.locator('.q-card[data-program="cn-national-etc"]').getAttribute('data-outcome');
      await page.locator('.q-card[data-program="cn-national-etc"] summary').click();
      await page.locator('.q-card[data-program="cn-national-etc"] [data-q-program]').click();
      await page.locator('#q-details-state', { hasText: FAILED[lang] }).waitFor();
      assert.doesNotMatch(await page.locator('.q-program-body').textContent(), SUMMARY[lang]);
      // The rules themselves are all there.
      assert.ok((await page.locator('.q-program-body [data-rule="N4"]').count()) > 0);
      await page.getByRole('link', { name: /返回评估|Back to the assessment/ }).click();
      assert.equal(await page.locator('.q-card[data-program="cn-national-etc"]').getAttribute('data-outcome'), outcome);
    });
  });
}
