// A host site that embeds the app on another origin and serves its pack from there, while the
// app's Content-Security-Policy (examples/_headers) allows only its own origin in connect-src:
// the browser refuses the request. Visitors are told so in their language, on the card of
// results they see; the site's administrators find the fix in the console.

import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { visit } from './harness.mjs';
import { startServer } from './server.mjs';
import { BASE, CSP, XM_ETC } from './site.mjs';

test('a host pack refused by the app\'s CSP: a plain message in each language, the fix in the console', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'qualify-csp-'));
  await writeFile(join(dir, 'xm-etc.json'), JSON.stringify(XM_ETC));
  const host = await startServer({ root: dir, headers: { 'Access-Control-Allow-Origin': '*' } });
  // The policy a host site is told to set for its own origin (docs/hosting.md): allowed to frame
  // the app, not yet in connect-src.
  const policy = CSP.replace("frame-ancestors 'self'", `frame-ancestors 'self' ${host.origin}`);
  assert.notEqual(policy, CSP);
  const site = {
    base: BASE,
    headers: { 'Content-Security-Policy': policy },
    hosts: [new URL(host.origin).host],
    // The browser's own report of the refusal.
    tolerate: [/Content Security Policy/],
  };
  try {
    await visit(site, async ({ page, server }) => {
      const warnings = [];
      page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
      await writeFile(
        join(dir, 'host.html'),
        `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Host</title></head><body><main>
<script src="${server.url}embed.js" data-programs="xm-etc" data-lang="zh-CN" data-pack-url="/xm-etc.json"></script>
<script src="${server.url}embed.js" data-programs="xm-etc" data-lang="en" data-pack-url="/xm-etc.json"></script>
</main></body></html>`,
      );
      await page.goto(`${host.origin}/host.html`);
      const [zh, en] = [0, 1].map((i) => page.frameLocator(`iframe.qualify-embed >> nth=${i}`));
      const said = async (app) => {
        const banner = app.locator('#q-host-banner');
        await banner.waitFor();
        return banner.textContent();
      };
      const zhText = await said(zh);
      assert.ok(zhText.includes(`本页的安全策略不允许连接 ${host.origin}`), zhText);
      const enText = await said(en);
      assert.ok(enText.includes(`this page's security policy does not allow connecting to ${host.origin}`), enText);
      // The built-in rules still give a verdict.
      await zh.locator('.q-card[data-program="xm-etc"]').waitFor();
      assert.equal(await zh.locator('.q-tag--host').count(), 0);
      const fix = `connect-src 'self' ${host.origin}`;
      assert.ok(warnings.some((w) => w.includes(fix) && w.includes('请在本页') && w.includes('add ')), warnings.join('\n'));
      // Not reached: the browser refused the request before it was sent.
      assert.deepEqual(host.requests.filter((r) => r.endsWith('.json')), []);
    });
  } finally {
    await host.close();
    await rm(dir, { recursive: true, force: true });
  }
});
