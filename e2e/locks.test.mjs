// The app's own locks on host packs, tested with the app served WITHOUT a Content-Security-Policy:
// the CSP is the second lock, and these must hold without it. A pack speaks for a site only
// when the app is really framed by that site, and no request reaches a server whose pack the
// app refused, the service worker's included. Second local servers play the other sites and
// count every request they receive.

import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { visit } from './harness.mjs';
import { startServer } from './server.mjs';
import { PROFILE, XM_ETC, fragment } from './site.mjs';

const TIMEOUT = { timeout: 120_000 };

let dir;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qualify-locks-'));
  await writeFile(join(dir, 'xm-etc.json'), JSON.stringify(XM_ETC));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Another site: serves `dir`, lets any origin read it, and counts what it receives. */
const otherSite = () =>
  startServer({ root: dir, headers: { 'Access-Control-Allow-Origin': '*' } });

const hostOf = (server) => new URL(server.origin).host;

/** Waits until the service worker controls the page. */
const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker.controller !== null);

test('a forged parent on a top-level page gets no stranger\'s pack, and the stranger hears nothing', TIMEOUT, async () => {
  const stranger = await otherSite();
  try {
    const path =
      `?programs=xm-etc&lang=en&parent=${encodeURIComponent(stranger.origin)}` +
      `&pack=${encodeURIComponent(`${stranger.origin}/xm-etc.json`)}${fragment(PROFILE)}`;
    await visit({ hosts: [hostOf(stranger)], path }, async ({ page }) => {
      const banner = page.locator('#q-host-banner');
      await banner.waitFor();
      assert.match(await banner.textContent(), /this address is on another site/);
      await page.locator('.q-card[data-program="xm-etc"]').waitFor();
      assert.equal(await page.locator('.q-tag--host').count(), 0);
      // The worker takes over and the page is opened again: it must not fetch the pack either.
      await controlled(page);
      await page.reload();
      await banner.waitFor();
      await page.waitForTimeout(500);
      assert.equal(await page.locator('.q-tag--host').count(), 0);
    });
    assert.deepEqual(stranger.requests, []);
  } finally {
    await stranger.close();
  }
});

test('framed by a site, the app takes that site\'s pack; a frame claiming another parent gets nothing', TIMEOUT, async () => {
  const host = await otherSite();
  const stranger = await otherSite();
  try {
    await visit({ hosts: [hostOf(host), hostOf(stranger)] }, async ({ page, server }) => {
      // The host page embeds the app with embed.js, as docs/embed.md says.
      await writeFile(
        join(dir, 'host.html'),
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head><body>
<script src="${server.url}embed.js" data-programs="xm-etc" data-lang="en" data-pack-url="/xm-etc.json"></script>
</body></html>`,
      );
      await page.goto(`${host.origin}/host.html`);
      const app = page.frameLocator('iframe.qualify-embed');
      await app.locator('.q-card[data-program="xm-etc"] .q-tag--host').waitFor();
      assert.ok(host.requests.includes('/xm-etc.json'), host.requests.join(', '));

      // A frame written by hand on the host's page that claims the stranger as its parent.
      const claimed = new URLSearchParams({
        embed: '1',
        lang: 'en',
        programs: 'xm-etc',
        parent: stranger.origin,
        pack: `${stranger.origin}/xm-etc.json`,
      });
      await writeFile(
        join(dir, 'forged.html'),
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Forged</title></head><body>
<iframe title="Qualify" src="${server.url}?${claimed}"></iframe>
</body></html>`,
      );
      await page.goto(`${host.origin}/forged.html`);
      const forged = page.frameLocator('iframe');
      await forged.locator('#q-host-banner').waitFor();
      assert.match(await forged.locator('#q-host-banner').textContent(), /this address is on another site/);
      assert.equal(await forged.locator('.q-tag--host').count(), 0);
    });
    assert.deepEqual(stranger.requests, []);
  } finally {
    await host.close();
    await stranger.close();
  }
});
