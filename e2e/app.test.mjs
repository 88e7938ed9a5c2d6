// End-to-end tests of the built app (dist/), through e2e/harness.mjs.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { visit } from './harness.mjs';

// The app opens in Chinese (the page is lang="zh-CN"); an English half may follow.
const HEADING = /^Qualify 资质自评/;

test('the page loads from dist/ and shows the app heading', { timeout: 60_000 }, async () => {
  await visit({}, async ({ page }) => {
    const heading = page.locator('h1');
    await heading.waitFor();
    assert.match(await heading.textContent(), HEADING);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  });
});

test('the app works from a sub-path of a host site', { timeout: 60_000 }, async () => {
  await visit({ base: '/tools/qualify/' }, async ({ page, server }) => {
    assert.ok(server.url.endsWith('/tools/qualify/'));
    const heading = page.locator('h1');
    await heading.waitFor();
    assert.match(await heading.textContent(), HEADING);
  });
});
