// How long the page takes from an input event to the updated result in the DOM. The target is
// under 16 ms (one frame at 60 Hz); the figure is printed, not enforced, since a shared CI
// machine's timings say little about a user's.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { visit } from './harness.mjs';
import { AS_OF, PROFILE, fieldFor, ready } from './qualify.mjs';

const ROUNDS = 31;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test('input to updated result: the median is printed (target under 16 ms)', { timeout: 120_000 }, async () => {
  await visit({ path: `?lang=zh&as_of=${AS_OF}` }, async ({ page }) => {
    await ready(page);
    await page.getByRole('button', { name: '全选' }).click();
    await page.getByLabel('导入 JSON 文件').setInputFiles({
      name: 'example.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(PROFILE)),
    });
    // The national technology center needs 1500 万元 of R&D in the prior year (N1): the
    // example's 2100 meets it, 1000 does not, and every program is assessed on each change.
    const field = await fieldFor(page, 'years.2024.rd_expense', 'zh').elementHandle();
    const card = page.locator('.q-results [data-program="cn-national-etc"]');
    await page.waitForFunction(
      (el) => el?.dataset.outcome === 'eligible',
      await card.elementHandle(),
    );
    const rounds = await page.evaluate(
      async ({ input, rounds }) => {
        const card = document.querySelector('.q-results [data-program="cn-national-etc"]');
        const out = [];
        for (let i = 0; i < rounds; i += 1) {
          const [value, want] = i % 2 === 0 ? ['1000', 'not-eligible'] : ['2100', 'eligible'];
          let start = 0;
          const outcome = new Promise((resolve) => {
            const observer = new MutationObserver(() => {
              if (card.dataset.outcome === want) {
                observer.disconnect();
                resolve(performance.now() - start);
              }
            });
            observer.observe(card, { attributes: true, attributeFilter: ['data-outcome'] });
          });
          // Everything the event sets off, microtasks included, has run by the next task.
          const settled = new Promise((resolve) => {
            setTimeout(() => resolve(performance.now() - start), 0);
          });
          input.value = value;
          start = performance.now();
          input.dispatchEvent(new Event('input', { bubbles: true }));
          out.push({ outcome: await outcome, settled: await settled });
          // Let the page paint and rest between rounds, as between keystrokes.
          await new Promise((resolve) => setTimeout(resolve, 60));
        }
        return out;
      },
      { input: field, rounds: ROUNDS },
    );
    assert.equal(rounds.length, ROUNDS);
    const outcome = median(rounds.map((r) => r.outcome));
    const settled = median(rounds.map((r) => r.settled));
    console.log(
      `input to updated data-outcome: median ${outcome.toFixed(1)} ms over ${ROUNDS} changes ` +
        `(target < 16 ms); to every DOM update done: median ${settled.toFixed(1)} ms; ` +
        `max ${Math.max(...rounds.map((r) => r.settled)).toFixed(1)} ms`,
    );
  });
});

/**
 * Installed before the page's own scripts: records, against the navigation's start, when the
 * first verdict (`[data-outcome]`) and the first verdict of `regional` entered the DOM and the
 * frame each was painted in, the longest task and the layout shift.
 */
function startWatch(regional) {
  const seen = { longest: 0, cls: 0 };
  window.__qualifyStart = seen;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) seen.longest = Math.max(seen.longest, e.duration);
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) seen.cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  const mark = (key, selector) => {
    if (seen[key] === undefined && document.querySelector(selector)) {
      seen[key] = performance.now();
      requestAnimationFrame(() => {
        seen[`${key}Paint`] = performance.now();
      });
    }
  };
  new MutationObserver(() => {
    mark('verdict', '[data-program][data-outcome]');
    mark('regional', `[data-program="${regional}"][data-outcome]`);
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-outcome'] });
}

test('share link to verdict for a regional profile, CPU x1 and x4: printed, not enforced', { timeout: 240_000 }, async () => {
  const guangdong = { ...PROFILE, province: 'guangdong', city: 'shenzhen' };
  const link = `?lang=zh&as_of=${AS_OF}#profile=${Buffer.from(JSON.stringify(guangdong)).toString('base64url')}`;
  for (const rate of [1, 4]) {
    // A fresh browser each time: nothing cached, as for a visitor opening the link.
    await visit({ path: 'about:blank' }, async ({ page, server }) => {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      await page.addInitScript(startWatch, 'gd-etc');
      await page.goto(new URL(link, server.url).href);
      await page.waitForFunction(() => window.__qualifyStart?.regionalPaint !== undefined, null, { timeout: 60_000 });
      // Let late tasks and shifts be counted.
      await page.waitForTimeout(500);
      const m = await page.evaluate(() => ({
        ...window.__qualifyStart,
        firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      }));
      const ms = (x) => (x === undefined ? 'n/a' : `${x.toFixed(0)} ms`);
      console.log(
        `share link at CPU x${rate}: first contentful paint ${ms(m.firstPaint)}; first verdict in the DOM ` +
          `${ms(m.verdict)}, painted ${ms(m.verdictPaint)}; regional verdict (gd-etc) in the DOM ` +
          `${ms(m.regional)}, painted ${ms(m.regionalPaint)}; longest task ${ms(m.longest)}; CLS ${m.cls.toFixed(3)}`,
      );
    });
  }
});
