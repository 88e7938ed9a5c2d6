// The widget as a district web team embeds it: share links that return to the host page, a
// ladder that links only to the programs the host offers, two columns in a 1000 px content
// column, the host's accent on native controls, every part of the page inside a landmark, and
// an icon, so no load asks for a file that is not there. Both languages.

import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { visit } from './harness.mjs';
import { AS_OF, LANGS, cliPrograms, seriousViolations } from './qualify.mjs';
import { BASE, PROFILE, fragment } from './site.mjs';

const TIMEOUT = { timeout: 90_000 };
const PROGRAMS = 'xm-etc-pool,xm-etc';

let pages;
before(async () => {
  pages = await mkdtemp(join(tmpdir(), 'qualify-widget-'));
  for (const lang of LANGS) {
    await writeFile(
      join(pages, `share-${lang}.html`),
      `<!doctype html><html lang="${lang === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8">
<title>Host</title></head><body><main><h1>Host</h1>
<script src="${BASE}embed.js" data-programs="${PROGRAMS}" data-lang="${lang}" data-accent="#8b1a1a"
        data-as-of="${AS_OF}" data-share-url="share-${lang}.html"></script></main></body></html>`,
    );
  }
});
after(async () => {
  await rm(pages, { recursive: true, force: true });
});

// Without the CSP, which would keep axe-core's script out; the CSP tests are in embed.test.mjs.
const site = (path) => ({
  base: BASE,
  mounts: { '/host/': pages },
  path,
});

const widget = (page) => page.frameLocator('iframe.qualify-embed');

for (const lang of LANGS) {
  test(`${lang}: a widget's share link returns to the host page, which opens its widget on the figures`, TIMEOUT, async () => {
    await visit(site(`/host/share-${lang}.html${fragment(PROFILE)}`), async ({ page, server }) => {
      await page.setViewportSize({ width: 1000, height: 900 });
      const app = widget(page);
      // The host page's fragment reached the widget: the results are the profile's.
      await app.locator('.q-card[data-program="xm-etc"][data-outcome]').waitFor();
      const outcomes = await app
        .locator('.q-card[data-program]')
        .evaluateAll((cards) => cards.map((c) => `${c.dataset.program}:${c.dataset.outcome}`));
      const engine = await cliPrograms(JSON.parse(PROFILE), AS_OF);
      assert.deepEqual(
        outcomes,
        PROGRAMS.split(',').map((id) => `${id}:${engine.find((p) => p.id === id).outcome}`),
      );

      await app.locator('#q-share').click();
      const link = new URL(await app.locator('#q-share-link').inputValue());
      assert.equal(link.origin + link.pathname, `${server.origin}/host/share-${lang}.html`);
      assert.ok(link.hash.startsWith('#profile='));
      assert.equal(link.search, '', 'no parameter of the widget leaks into the host page link');

      // Followed, the link opens the host page with the same results in its widget.
      await page.goto('about:blank');
      await page.goto(link.href);
      await app.locator('.q-card[data-program="xm-etc"][data-outcome]').waitFor();
      assert.deepEqual(
        await app
          .locator('.q-card[data-program]')
          .evaluateAll((cards) => cards.map((c) => `${c.dataset.program}:${c.dataset.outcome}`)),
        outcomes,
      );

      // The ladder names the rungs the host did not offer but links only to those it did.
      const rungs = await app.locator('.q-rung[data-rung]').evaluateAll((items) =>
        items.map((r) => [r.dataset.rung, r.querySelectorAll('a').length]),
      );
      assert.ok(rungs.length >= 3, `a Xiamen firm's ladder has its three rungs: ${JSON.stringify(rungs)}`);
      for (const [id, links] of rungs) {
        assert.equal(links, PROGRAMS.split(',').includes(id) ? 1 : 0, `${id}: links`);
      }

      // In a 1000 px column the results stand beside the form.
      const [input, output] = await Promise.all(
        ['.q-col--input', '.q-col--output'].map((c) =>
          app.locator(c).evaluate((el) => el.getBoundingClientRect().toJSON()),
        ),
      );
      assert.ok(output.left >= input.right, `two columns: ${JSON.stringify({ input, output })}`);
      assert.ok(Math.abs(output.top - input.top) < 2);

      // The host's accent themes native checkboxes too, and the bar is a landmark.
      const accents = await app
        .locator('input[type="checkbox"]')
        .evaluateAll((boxes) => boxes.map((b) => getComputedStyle(b).accentColor));
      assert.ok(accents.length > 0);
      assert.deepEqual([...new Set(accents)], ['rgb(139, 26, 26)']);
      assert.equal(await app.locator('.q-embed-bar').evaluate((el) => el.tagName), 'HEADER');
      const frame = page.frames().find((f) => f.url().includes('embed=1'));
      const found = await seriousViolations(frame);
      const region = await frame.evaluate(async () => {
        const r = await window.axe.run(document, { runOnly: ['region'] });
        return r.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')));
      });
      assert.deepEqual(found, []);
      assert.deepEqual(region, [], 'every part of the widget is inside a landmark');
    });
  });
}

test('a share address the host page did not give is ignored: a link to the app itself', TIMEOUT, async () => {
  // A top-level page is framed by no one, so its `share` and `parent` are anyone's writing.
  const forged = `?lang=en&share=${encodeURIComponent('http://127.0.0.1:9/steal.html')}&parent=${encodeURIComponent('http://127.0.0.1:9')}`;
  await visit(site(forged + fragment(PROFILE)), async ({ page, server }) => {
    await page.locator('.q-card[data-program][data-outcome]').first().waitFor();
    await page.locator('#q-share').click();
    const link = new URL(await page.locator('#q-share-link').inputValue());
    assert.equal(link.origin, server.origin);
    assert.equal(link.pathname, BASE);
    assert.equal(link.searchParams.get('share'), null);
    assert.equal(link.searchParams.get('parent'), null);
    assert.equal(link.searchParams.get('lang'), 'en');
  });
});

test('the app has an icon, and no file it asks for is missing', TIMEOUT, async () => {
  await visit(site('/host/share-zh.html'), async ({ page }) => {
    const missing = [];
    page.on('response', (r) => r.status() >= 400 && missing.push(`${r.status()} ${r.url()}`));
    await page.reload();
    const app = widget(page);
    await app.locator('.q-card[data-program]').first().waitFor();
    const icon = await app.locator('link[rel="icon"]').evaluate((l) => l.href);
    const frame = page.frames().find((f) => f.url().includes('embed=1'));
    const answer = await frame.evaluate(async (href) => {
      const r = await fetch(href);
      return [r.status, r.headers.get('content-type'), (await r.text()).startsWith('<svg')];
    }, icon);
    assert.deepEqual(answer, [200, 'image/svg+xml', true]);
    assert.deepEqual(missing, []);
  });
});
