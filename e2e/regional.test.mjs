// Regional packs on demand (issue 16): the first load carries every regional program's heading
// only; its pack is a file of its own beside the app, fetched when the profile's province is
// known or the program is picked, kept by the service worker for visits without the network, and
// one that cannot be had says so on its own card while every other program gets its verdict.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { visit } from './harness.mjs';
import { AS_OF, PROFILE, assessWithCli, ready, readResults, screenshot } from './qualify.mjs';
import { BASE, CSP } from './site.mjs';

const TIMEOUT = { timeout: 120_000 };
const PACK_FILE = /\/qualify-pack-([a-z0-9-]+)-[0-9a-f]{16}\.json$/;
const packsFetched = (requests) =>
  [...new Set(requests.map((url) => url.match(PACK_FILE)?.[1]).filter(Boolean))].sort();

/** A Guangdong firm: the example's figures, in Shenzhen. */
const GUANGDONG = { ...PROFILE, province: 'guangdong', city: 'shenzhen' };
const link = (lang, profile) =>
  `?lang=${lang}&as_of=${AS_OF}#profile=${Buffer.from(JSON.stringify(profile)).toString('base64url')}`;

const FAILED = {
  zh: /^本项目的规则未能加载,暂无法评估;其他项目的结果不受影响。/,
  en: /^This program's rules could not be loaded, so it cannot be assessed for now; the other programs' results are not affected\./,
};
const REASON = {
  404: { zh: /服务器返回 HTTP 404/, en: /the server answered HTTP 404/ },
  garbage: { zh: /不是有效的 JSON/, en: /not valid JSON/ },
};

test('no regional pack is fetched until the province is known, then only that province\'s', TIMEOUT, async () => {
  await visit({ path: `?lang=en&as_of=${AS_OF}` }, async ({ page, requests }) => {
    await ready(page);
    // Listed in the picker from its heading, though its pack is not in.
    assert.ok(await page.locator('#q-pick-gd-etc').count(), 'gd-etc in the picker');
    await page.waitForTimeout(500);
    assert.deepEqual(packsFetched(requests), []);
    assert.equal(await page.locator('.q-results [data-program="gd-etc"]').count(), 0);

    await page.locator('#q-province').selectOption('guangdong');
    const card = page.locator('.q-results [data-program="gd-etc"]');
    await page.waitForFunction(() => document.querySelector('.q-results [data-program="gd-etc"]')?.dataset.outcome);
    assert.equal(await card.getAttribute('data-pack'), null);
    assert.deepEqual(packsFetched(requests), ['gd-etc', 'sz-etc', 'sz-record']);

    // Picking a program of another region fetches its pack.
    await page.locator('#q-pick-sn-etc').check();
    await page.waitForFunction(() => document.querySelector('.q-results [data-program="sn-etc"]')?.dataset.outcome);
    assert.deepEqual(packsFetched(requests), ['gd-etc', 'sn-etc', 'sz-etc', 'sz-record']);
  });
});

test('after one visit, a Guangdong share link opens offline with its verdict in view', TIMEOUT, async () => {
  const expected = await assessWithCli(GUANGDONG);
  const site = { base: BASE, headers: { 'Content-Security-Policy': CSP }, path: link('zh', GUANGDONG) };
  await visit(site, async ({ page, context, server, requests }) => {
    await ready(page);
    const shown = await readResults(page);
    assert.ok(shown['gd-etc'] && shown['sz-record'] && shown['cn-hnte'] && !shown['fj-etc'], Object.keys(shown).join());
    for (const [id, result] of Object.entries(shown)) {
      assert.deepEqual(result, expected[id], id);
    }
    assert.deepEqual(packsFetched(requests), ['gd-etc', 'sz-etc', 'sz-record']);
    // The worker controls the page and keeps both packs, though the page may have fetched them
    // before it took over.
    const cached = () =>
      page.evaluate(async (pattern) => {
        const re = new RegExp(pattern);
        let found = 0;
        for (const name of await caches.keys()) {
          const keys = await (await caches.open(name)).keys();
          found += keys.filter((request) => re.test(request.url)).length;
        }
        return Boolean(navigator.serviceWorker.controller) && found >= 2;
      }, PACK_FILE.source);
    for (let tries = 0; !(await cached()); tries += 1) {
      assert.ok(tries < 300, 'the service worker never kept the regional packs');
      await page.waitForTimeout(100);
    }

    await context.setOffline(true);
    await server.close();
    const offline = await context.newPage();
    await offline.setViewportSize({ width: 360, height: 740 });
    await offline.goto(page.url());
    await ready(offline);
    assert.deepEqual((await readResults(offline))['gd-etc'], expected['gd-etc']);
    assert.deepEqual((await readResults(offline))['sz-record'], expected['sz-record']);
    await offline.waitForFunction(() => {
      const top = document.getElementById('q-results').getBoundingClientRect().top;
      return top >= 0 && top < window.innerHeight / 2;
    });
    await screenshot(offline, 'regional-offline-share-link', { fullPage: false });
  });
});

for (const lang of ['zh', 'en']) {
  for (const kind of ['404', 'garbage']) {
    test(`${lang}: a regional pack that cannot be had (${kind}) says so on its card; the others get their verdicts`, TIMEOUT, async () => {
      const expected = await assessWithCli(GUANGDONG);
      const answer = kind === '404' ? { status: 404, body: 'gone' } : { status: 200, contentType: 'application/json', body: '<html>oops' };
      const routes = [[/\/qualify-pack-gd-etc-[0-9a-f]{16}\.json$/, (route) => route.fulfill(answer)]];
      await visit({ path: link(lang, GUANGDONG), routes, tolerate: [/404/] }, async ({ page }) => {
        await ready(page);
        const card = page.locator('.q-results [data-program="gd-etc"]');
        assert.equal(await card.getAttribute('data-pack'), 'failed');
        assert.equal(await card.getAttribute('data-outcome'), null);
        // Said on the card itself, visible while the card is closed.
        const state = card.locator('.q-card-state');
        assert.ok(await state.isVisible());
        const text = await state.innerText();
        assert.match(text, FAILED[lang]);
        assert.match(text, REASON[kind][lang]);
        assert.equal(await card.getAttribute('aria-describedby'), 'q-card-state-gd-etc');
        assert.equal(await page.locator('.q-results').getAttribute('aria-busy'), null);
        await page.setViewportSize({ width: 360, height: 740 });
        await screenshot(page, `regional-failed-${kind}-${lang}`, { element: '.q-results' });
        const shown = await readResults(page);
        for (const id of ['cn-hnte', 'cn-national-etc', 'sz-record']) {
          assert.deepEqual(shown[id], expected[id], id);
        }
      });
    });
  }
}
