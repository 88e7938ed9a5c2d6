// dist/ as a static host serves it: from a sub-path under the strict Content-Security-Policy of
// examples/_headers, offline after one visit through the service worker, and keeping every
// figure typed into it in the browser.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { DIST, visit } from './harness.mjs';
import { BASE, CSP, EXAMPLES, PROFILE, fragment } from './site.mjs';

const TIMEOUT = { timeout: 120_000 };
const PACK = '../../examples/packs/xm-etc.json';

const site = (path) => ({
  base: BASE,
  headers: { 'Content-Security-Policy': CSP },
  mounts: { '/examples/': EXAMPLES },
  path,
});

test('dist/ runs from a sub-path under the strict CSP, its bars styled without inline styles', TIMEOUT, async () => {
  // Any CSP violation is a console error, which fails the visit.
  await visit(site(`?as_of=2025-06-30${fragment(PROFILE)}`), async ({ page, server }) => {
    assert.equal(server.url.endsWith(BASE), true);
    await page.locator('h1').waitFor();
    const met = page.locator('.q-crit--met .q-bar-fill').first();
    await met.waitFor({ state: 'attached' });
    // Set through the CSSOM (markup.rs), so the CSP lets the widths through.
    assert.match(await met.evaluate((el) => el.style.width), /^\d+%$/);
    const policy = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
    assert.equal(policy, CSP);
  });
});

test('after one visit the app loads and works with the network off, its host pack and the packs\' details included', TIMEOUT, async () => {
  const path = `?programs=xm-etc-pool,xm-etc&as_of=2025-06-30&lang=en&pack=${PACK}`;
  await visit(site(path + fragment(PROFILE)), async ({ page, context, server }) => {
    await page.locator('.q-card[data-program="xm-etc"] .q-tag--host').waitFor();
    // The worker is installed, controls the page and has cached the pack.
    const ready = () =>
      page.evaluate(async (pack) => {
        const url = new URL(pack, location.href).href;
        const cached = await caches.match(url);
        return Boolean(navigator.serviceWorker.controller && cached);
      }, PACK);
    for (let tries = 0; !(await ready()); tries += 1) {
      assert.ok(tries < 300, 'the service worker never took over with the pack cached');
      await page.waitForTimeout(100);
    }
    // Opening a card puts the page in use, which fetches the packs' details; the worker keeps
    // them even when the page fetched them before it took over.
    await page.locator('.q-card[data-program="xm-etc-pool"] summary').click();
    const note = page.locator('[data-program="xm-etc-pool"] [data-criterion="XM3"] .q-note');
    await note.waitFor();
    const detailsCached = () =>
      page.evaluate(async () => {
        for (const name of await caches.keys()) {
          const keys = await (await caches.open(name)).keys();
          if (keys.some((request) => /\/qualify-details-[0-9a-f]{16}\.json$/.test(request.url))) {
            return true;
          }
        }
        return false;
      });
    for (let tries = 0; !(await detailsCached()); tries += 1) {
      assert.ok(tries < 300, 'the service worker never cached the packs\' details');
      await page.waitForTimeout(100);
    }

    await context.setOffline(true);
    // No server either: whatever loads now comes from the cache.
    await server.close();
    await page.reload();
    await page.locator('.q-card[data-program="xm-etc"] .q-tag--host').waitFor();
    const xm10 = page.locator('[data-program="xm-etc"] [data-criterion="XM10"]');
    assert.equal(await xm10.getAttribute('data-status'), 'met');
    assert.equal(await page.locator('#q-host-banner').count(), 0);

    // The details too, once the page is in use again.
    await page.locator('.q-card[data-program="xm-etc-pool"] summary').click();
    assert.match(await note.innerText(), /exceeding 3 million yuan/);

    // And it still computes: revenue under the host pack's minimum fails XM10.
    await page.locator('#q-years-2024-revenue').fill('1');
    await page.waitForFunction(
      () => document.querySelector('[data-program="xm-etc"] [data-criterion="XM10"]').dataset.status === 'not-met',
    );
  });
});

/** Types a value into every field of the form, as a person filling in everything would. */
async function fillEverything(page, canary) {
  // Selects first: the province narrows the cities, and some answers reveal more fields.
  for (const id of ['q-province', 'q-city', 'q-district', 'q-industry', 'q-designated-size', 'q-sme', 'q-hnte-domain', 'q-xian-chain']) {
    const select = page.locator(`#${id}`);
    if ((await select.count()) > 0 && (await select.locator('option').count()) > 1) {
      await select.selectOption({ index: 1 });
    }
  }
  await page.locator('#q-sec-certs button').first().click();
  for (const input of await page.locator('main input[type="text"]').all()) {
    const id = await input.getAttribute('id');
    const date = (await input.getAttribute('placeholder')) === 'YYYY-MM-DD';
    const mode = await input.getAttribute('inputmode');
    const value = id === 'q-name' ? canary.name : date ? '2012-04-01' : mode === 'numeric' ? canary.count : canary.amount;
    await input.fill(value);
  }
  for (const radio of await page.locator('main input[type="radio"][id$="-yes"]').all()) {
    await radio.check();
  }
  const kind = page.locator('#q-sec-certs select').first();
  await kind.selectOption({ index: 1 });
}

test('a full profile typed and its results viewed: only own files requested, no cookie, figures only in the fragment', TIMEOUT, async () => {
  const canary = { name: 'Canary7731 Precision', amount: '98765.43', count: '4321' };
  const path = `?lang=en&pack=${PACK}`;
  await visit(site(path), async ({ page, context, server, requests }) => {
    await page.locator('#q-picker').waitFor();
    await page.locator('#q-picker button').first().click();
    await page.locator('#q-show-all').check();
    await fillEverything(page, canary);

    // Read every result: open each card and a program page, and make a share link.
    for (const summary of await page.locator('.q-card summary').all()) {
      await summary.click();
    }
    assert.ok((await page.locator('.q-card[data-outcome]').count()) >= 10);
    await page.locator('#q-share').click();
    const link = await page.locator('#q-share-link').inputValue();
    const [linkPage, linkData] = link.split('#');
    assert.ok(linkData.startsWith('profile='));
    await page.locator('.q-card[data-program="cn-hnte"] [data-q-program]').first().click();
    await page.locator('#q-program-h').waitFor();
    await page.goBack();
    await page.locator('.q-card').first().waitFor();

    // Nothing typed is in any address but the fragment.
    const typed = [canary.name, encodeURIComponent(canary.name), 'Canary7731', canary.amount, canary.count];
    const pageUrl = await page.evaluate(() => location.href.split('#')[0]);
    for (const url of [pageUrl, linkPage, ...requests]) {
      for (const value of typed) {
        assert.ok(!url.includes(value), `${value} appears in ${url}`);
      }
    }

    // Every request was for a file of the site or the configured pack.
    const pack = new URL(PACK, server.url).href;
    for (const url of requests) {
      const { origin, pathname } = new URL(url);
      assert.equal(origin, server.origin, url);
      if (url === pack) {
        continue;
      }
      assert.ok(pathname.startsWith(BASE), url);
      const file = pathname.slice(BASE.length) || 'index.html';
      assert.ok(existsSync(join(DIST, file)), `${url} is not a file of dist/`);
    }
    assert.ok(requests.includes(pack));

    // No cookies, neither for the page's scripts nor in the browser's jar.
    assert.equal(await page.evaluate(() => document.cookie), '');
    assert.deepEqual(await context.cookies(), []);
  });
});

test('with the service worker in control, a request to a foreign host still fails the visit', TIMEOUT, async () => {
  // Without the CSP, which would refuse the request before the harness could see it.
  await assert.rejects(
    visit({ base: BASE }, async ({ page }) => {
      await page.locator('h1').waitFor();
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await page.evaluate(() => fetch('http://example.invalid/collect').catch(() => 'blocked'));
    }),
    /request to a foreign host: http:\/\/example\.invalid\/collect/,
  );
});
