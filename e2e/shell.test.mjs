// The static shell of index.html (issue 17): the first paint shows the title, the header and
// the results' place without waiting for the wasm, and the app takes the shell's place with no
// layout shift.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { visit } from './harness.mjs';
import { AS_OF, ready, screenshot } from './qualify.mjs';
import { BASE, CSP } from './site.mjs';

/** Installed before the page's scripts: when the shell went, the paints and the shifts. */
function watch() {
  const seen = { shifts: [], paints: [] };
  window.__qualifyShell = seen;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) seen.paints.push([e.name, e.startTime]);
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) seen.shifts.push([e.startTime, e.value]);
  }).observe({ type: 'layout-shift', buffered: true });
  new MutationObserver(() => {
    if (seen.shellGone === undefined && seen.shellSeen && !document.getElementById('q-shell')) {
      seen.shellGone = performance.now();
    }
    seen.shellSeen ||= Boolean(document.getElementById('q-shell'));
  }).observe(document, { subtree: true, childList: true });
}

for (const rate of [1, 4]) {
  test(`CPU x${rate}: the first paint shows the shell, and the app takes its place without a layout shift`, { timeout: 120_000 }, async () => {
    const site = { base: BASE, headers: { 'Content-Security-Policy': CSP }, path: 'about:blank' };
    await visit(site, async ({ page, server }) => {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      await page.addInitScript(watch);
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(new URL(`?lang=en&as_of=${AS_OF}`, server.url).href);
      await ready(page);
      await page.waitForTimeout(300);
      const seen = await page.evaluate(() => window.__qualifyShell);
      const fcp = seen.paints.find(([name]) => name === 'first-contentful-paint')?.[1];
      assert.ok(seen.shellSeen, 'the page had the shell');
      assert.ok(seen.shellGone !== undefined, 'the app took the shell out');
      assert.ok(fcp !== undefined && fcp < seen.shellGone, `first paint ${fcp} ms, shell gone ${seen.shellGone} ms`);
      assert.deepEqual(seen.shifts, [], 'no layout shift');
      // The app's own header, once: the shell is gone.
      assert.equal(await page.locator('h1').count(), 1);
      assert.equal(await page.locator('#q-shell').count(), 0);
      console.log(`CPU x${rate}: first paint (the shell) ${fcp.toFixed(0)} ms, the app in its place ${seen.shellGone.toFixed(0)} ms`);
    });
  });
}

test('the shell as it paints, before the app (its screenshot)', { timeout: 60_000 }, async () => {
  // The wasm is held back, so the shell stays until it is taken.
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  const routes = [[/_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  }]];
  await visit({ routes }, async ({ page }) => {
    await page.locator('#q-shell h1').waitFor();
    assert.match(await page.locator('#q-shell').innerText(), /Qualify 资质自评[\s\S]*Loading/);
    await page.setViewportSize({ width: 360, height: 740 });
    await screenshot(page, 'shell', { fullPage: false });
    release();
    await ready(page);
    assert.equal(await page.locator('#q-shell').count(), 0);
  });
});
