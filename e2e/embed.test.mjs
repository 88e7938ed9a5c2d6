// The widget on a host page (examples/host.html through embed.js) and host-supplied packs, all
// under the Content-Security-Policy of examples/_headers.

import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, test } from 'node:test';

import { visit } from './harness.mjs';
import { BASE, CSP, EXAMPLES, PROFILE, fixtures, fragment } from './site.mjs';

const TIMEOUT = { timeout: 90_000 };

let packs;
before(async () => {
  packs = await fixtures();
});
after(async () => {
  await rm(packs, { recursive: true, force: true });
});

const site = (path, extra = {}) => ({
  base: BASE,
  headers: { 'Content-Security-Policy': CSP },
  mounts: { '/examples/': EXAMPLES, '/fixtures/': packs },
  path,
  ...extra,
});

/** The ids of the program cards shown, in order. */
const programs = (scope) =>
  scope.locator('.q-card[data-program]').evaluateAll((cards) => cards.map((c) => c.dataset.program));

const heightOf = (frame) => frame.evaluate((el) => el.getBoundingClientRect().height);

test('two widgets on a host page: own programs, language, theme and title, each as tall as its content', TIMEOUT, async () => {
  await visit(site('/examples/host.html'), async ({ page }) => {
    const frames = page.locator('iframe.qualify-embed');
    await frames.nth(1).waitFor();
    assert.equal(await frames.count(), 2);
    // The iframes took the script tags' places.
    assert.equal(await page.locator('script[src$="embed.js"]').count(), 0);
    assert.deepEqual(
      await frames.evaluateAll((fs) => fs.map((f) => f.title)),
      ['厦门市企业技术中心认定自评', 'High-tech and tech-based SME self-assessment'],
    );

    const [xm, national] = [0, 1].map((i) => page.frameLocator('iframe.qualify-embed >> nth=' + i));
    await xm.locator('.q-card[data-program="xm-etc"] .q-tag--host').waitFor();
    await national.locator('.q-card[data-program]').first().waitFor();
    assert.deepEqual(await programs(xm), ['xm-etc-pool', 'xm-etc']);
    assert.deepEqual((await programs(national)).sort(), ['cn-hnte', 'cn-tech-sme']);
    assert.equal(await xm.locator('html').getAttribute('lang'), 'zh-CN');
    assert.equal(await national.locator('html').getAttribute('lang'), 'en');

    // The slim chrome: no page header, the language switch and the privacy promise kept.
    for (const app of [xm, national]) {
      assert.equal(await app.locator('.q-header').count(), 0);
      assert.equal(await app.locator('.q-embed-bar .q-lang').count(), 2);
      await app.locator('.q-embed-bar .q-privacy').waitFor();
    }
    assert.match(await national.locator('.q-embed-bar .q-privacy').textContent(), /never sent to any server/);

    // The themes, as custom properties on the app and what they style.
    const theme = (app) =>
      app.locator('.q-app').evaluate((el) => {
        const style = getComputedStyle(el);
        const pressed = getComputedStyle(el.querySelector('.q-lang[aria-pressed="true"]'));
        return {
          accent: style.getPropertyValue('--q-accent').trim(),
          font: style.fontFamily,
          button: pressed.backgroundColor,
        };
      });
    const red = await theme(xm);
    const green = await theme(national);
    assert.equal(red.accent, '#8b1a1a');
    assert.equal(red.button, 'rgb(139, 26, 26)');
    assert.match(red.font, /^system-ui/);
    assert.equal(green.accent, 'rgb(20 108 46)');
    assert.equal(green.button, 'rgb(20, 108, 46)');
    assert.match(green.font, /^Georgia/);

    // A share link made in a widget opens the full app with the same programs, language and
    // host pack, not the host's slim, themed frame.
    await xm.locator('#q-share').click();
    const shared = new URL(await xm.locator('#q-share-link').inputValue());
    assert.ok(shared.hash.startsWith('#profile='));
    for (const presentation of ['embed', 'accent', 'font', 'parent', 'share']) {
      assert.equal(shared.searchParams.get(presentation), null, presentation);
    }
    assert.equal(shared.searchParams.get('programs'), 'xm-etc-pool,xm-etc');
    assert.equal(shared.searchParams.get('lang'), 'zh');
    assert.ok(shared.searchParams.get('pack').endsWith('.json'));

    // The plan arrives from its worker after the verdicts and makes each app taller (its part,
    // and a line under the ladder's next rung): the heights below are of the apps with it.
    for (const app of [xm, national]) {
      await app.locator('.q-plan [data-window]').first().waitFor();
    }

    // Each frame is as tall as its app, so nothing scrolls inside it.
    const fits = async (i) => {
      const frame = frames.nth(i);
      const outer = await heightOf(frame);
      const inner = await page
        .frameLocator('iframe.qualify-embed >> nth=' + i)
        .locator('.q-app')
        .evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
      return Math.abs(outer - inner) <= 1;
    };
    const settled = async (i) => {
      await page.waitForFunction(
        (n) => {
          const frame = document.querySelectorAll('iframe.qualify-embed')[n];
          const app = frame.contentDocument.querySelector('.q-app');
          return Math.abs(frame.getBoundingClientRect().height - Math.ceil(app.getBoundingClientRect().height)) <= 1;
        },
        i,
      );
      assert.ok(await fits(i));
    };
    await settled(0);
    await settled(1);

    // Opening every result card of the first widget grows it, and only it.
    const closed = [await heightOf(frames.nth(0)), await heightOf(frames.nth(1))];
    for (const summary of await xm.locator('.q-card summary').all()) {
      await summary.click();
    }
    await page.waitForFunction(
      (h) => document.querySelectorAll('iframe.qualify-embed')[0].getBoundingClientRect().height > h + 100,
      closed[0],
    );
    await settled(0);
    assert.equal(await heightOf(frames.nth(1)), closed[1]);

    // Closing them shrinks it back.
    for (const summary of await xm.locator('.q-card summary').all()) {
      await summary.click();
    }
    await page.waitForFunction(
      (h) => Math.abs(document.querySelectorAll('iframe.qualify-embed')[0].getBoundingClientRect().height - h) <= 1,
      closed[0],
    );
  });
});

test('a valid host pack replaces the bundled one, changes the result and is labelled', TIMEOUT, async () => {
  const query = `?programs=xm-etc&as_of=2025-06-30&lang=en`;
  const xm10 = '.q-card[data-program="xm-etc"] [data-criterion="XM10"]';

  await visit(site(query + fragment(PROFILE)), async ({ page }) => {
    await page.locator(xm10).waitFor({ state: 'attached' });
    assert.equal(await page.locator(xm10).getAttribute('data-status'), 'not-assessable');
    assert.equal(await page.locator('.q-tag--host').count(), 0);
  });

  await visit(site(`${query}&pack=../../examples/packs/xm-etc.json${fragment(PROFILE)}`), async ({ page }) => {
    const tag = page.locator('.q-card[data-program="xm-etc"] .q-tag--host');
    await tag.waitFor();
    assert.equal(await tag.textContent(), 'Rules supplied by this site');
    assert.equal(await page.locator(xm10).getAttribute('data-status'), 'met');
    assert.equal(await page.locator('#q-host-banner').count(), 0);
    // The printed report says which rules came from the site.
    const printed = await page.locator('.q-stamp-packs li').allTextContents();
    assert.equal(printed.length, 1);
    assert.match(printed[0], /^xm-etc .* · Rules supplied by this site · [0-9a-f]{16}$/);
  });
});

/** Opens the app with a pack that cannot be used; returns the banner's lines. */
async function banner(pack, { lang = 'en', tolerate = [], route } = {}) {
  let lines;
  const path = `?programs=xm-etc-pool,xm-etc&as_of=2025-06-30&lang=${lang}&pack=${encodeURIComponent(pack)}${fragment(PROFILE)}`;
  await visit({ ...site(path, { tolerate }), routes: route ? [route] : [] }, async ({ page }) => {
    const shown = page.locator('#q-host-banner');
    await shown.waitFor();
    assert.equal(await shown.getAttribute('role'), 'alert');
    lines = [
      await shown.locator('.q-message-title').textContent(),
      ...(await shown.locator('li').allTextContents()),
    ];
    // The bundled packs keep working.
    const cards = page.locator('.q-card[data-program]');
    assert.deepEqual(await programs(page), ['xm-etc-pool', 'xm-etc']);
    assert.equal(await cards.first().getAttribute('data-outcome'), 'incomplete');
    assert.equal(
      await page.locator('[data-program="xm-etc"] [data-criterion="XM10"]').getAttribute('data-status'),
      'not-assessable',
    );
    assert.equal(await page.locator('.q-tag--host').count(), 0);
  });
  return lines;
}

test('an invalid host pack shows a banner with its first errors and their field paths', TIMEOUT, async () => {
  const en = await banner('/fixtures/invalid.json');
  assert.equal(en[0], 'The rule pack this site supplies could not be used; the results below use the built-in rules.');
  assert.match(en[1], /^Rule pack address: http:\/\/127\.0\.0\.1:\d+\/fixtures\/invalid\.json$/);
  assert.equal(en[2], 'The file is not a valid rule pack. Errors found: 2');
  assert.ok(en.some((l) => l.startsWith('level: ')), en.join('\n'));
  assert.ok(en.some((l) => l.startsWith('issuer: ')), en.join('\n'));

  const zh = await banner('/fixtures/invalid.json', { lang: 'zh' });
  assert.equal(zh[0], '本网站提供的规则包无法使用,以下结果仍按内置规则评估。');
  assert.equal(zh[2], '该文件不是有效的规则包,共 2 处错误:');
});

test('a malformed host pack shows a banner naming the JSON error', TIMEOUT, async () => {
  const en = await banner('/fixtures/malformed.json');
  assert.match(en[2], /^not valid JSON \(line 1, column \d+\)/);
});

test('an unreachable host pack shows a banner, whether missing or not answering', TIMEOUT, async () => {
  const missing = await banner('/fixtures/nowhere.json', {
    tolerate: [/Failed to load resource: the server responded with a status of 404/],
  });
  assert.equal(missing[2], 'The rule pack could not be fetched: the server answered HTTP 404.');

  // The site's own address, but the request fails on the network.
  const dropped = await banner('/fixtures/dropped.json', {
    lang: 'zh',
    route: ['**/fixtures/dropped.json', (r) => r.abort('connectionrefused')],
    tolerate: [/Failed to load resource: net::ERR_CONNECTION_REFUSED/],
  });
  assert.match(dropped[1], /^规则包地址:http:\/\/127\.0\.0\.1:\d+\/fixtures\/dropped\.json$/);
  assert.equal(dropped[2], '无法获取该规则包:网络不通,或被服务器、本页的安全策略拒绝。');
});

test('a pack on another site is not used, so a link cannot pass off its rules as the host\'s', TIMEOUT, async () => {
  // Nothing is fetched: the address is refused before any request leaves the page.
  const en = await banner('http://127.0.0.1:9/pack.json');
  assert.equal(en[1], 'Rule pack address: http://127.0.0.1:9/pack.json');
  assert.equal(
    en[2],
    'A rule pack can only come from this site or the site that embeds this tool; this address is on another site, so it was not used.',
  );
});
