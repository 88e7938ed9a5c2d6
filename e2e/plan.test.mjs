// The plan (issue 18): a share link with a fixed date shows each chosen program's call as the
// engine's `qualify plan` finds it, on two dates, once the plan's own worker has answered;
// "Add to calendar" downloads an RFC 5545 file made in the page; nothing leaves it; the worker
// is not part of the first load; both languages; axe finds nothing serious; screenshots.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { visit } from './harness.mjs';
import { CLI, LANGS, PROFILE, ready, screenshot, seriousViolations } from './qualify.mjs';

const TIMEOUT = { timeout: 120_000 };
const PROGRAMS = ['cn-little-giant', 'cn-national-etc', 'cn-tech-sme', 'cn-hnte'];
const CALENDAR = { zh: /加入日历/, en: /Add to calendar/ };
const HEADING = { zh: '申报计划', en: 'When to apply' };

/** `qualify plan`'s window state per program, and the certifications' standings, on `asOf`. */
async function cli(asOf) {
  const dir = await mkdtemp(join(tmpdir(), 'qualify-plan-'));
  try {
    const file = join(dir, 'profile.json');
    await writeFile(file, JSON.stringify(PROFILE));
    const out = JSON.parse(
      execFileSync(CLI, ['plan', file, '--as-of', asOf, ...PROGRAMS.flatMap((p) => ['--program', p])], {
        encoding: 'utf8',
      }),
    );
    return {
      windows: Object.fromEntries(out.programs.map((p) => [p.id, p.window])),
      standings: out.certifications.map((c) => [c.kind, c.standing]),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const link = (lang, asOf) =>
  `?lang=${lang}&as_of=${asOf}&programs=${PROGRAMS.join(',')}#profile=${Buffer.from(JSON.stringify(PROFILE)).toString('base64url')}`;

/** The plan's window states once the worker has answered. */
async function pageWindows(page) {
  await page.waitForFunction(
    (n) => document.querySelectorAll('.q-plan [data-program][data-window]').length === n,
    PROGRAMS.length,
    { timeout: 30_000 },
  );
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('.q-plan [data-program]')].map((e) => [e.dataset.program, e.dataset.window]),
    ),
  );
}

test('the engine finds the states the issue names on the two dates', async () => {
  const [dec, may] = await Promise.all([cli('2026-12-02'), cli('2026-05-01')]);
  assert.equal(dec.windows['cn-little-giant'], 'closed');
  assert.equal(dec.windows['cn-national-etc'], 'unknown');
  assert.equal(may.windows['cn-little-giant'], 'open');
  assert.equal(may.windows['cn-tech-sme'], 'upcoming');
});

for (const lang of LANGS) {
  for (const asOf of ['2026-12-02', '2026-05-01']) {
    test(`${lang} ${asOf}: the plan shows each program's call as the engine finds it`, TIMEOUT, async () => {
      const expected = await cli(asOf);
      await visit({ path: link(lang, asOf) }, async ({ page, requests }) => {
        await ready(page);
        // The verdict does not wait for the plan, which comes from a worker started after it.
        await page.locator('#q-plan-h', { hasText: HEADING[lang] }).waitFor();
        assert.deepEqual(await pageWindows(page), expected.windows);
        const standings = await page.evaluate(() =>
          [...document.querySelectorAll('.q-plan [data-kind][data-standing]')].map((e) => [
            e.dataset.kind,
            e.dataset.standing,
          ]),
        );
        assert.deepEqual(standings, expected.standings);
        // The ladder's next rung says when it can be applied for, from the same plan.
        const reach = page.locator('.q-ladder .q-rung--next .q-rung-reach').first();
        await reach.waitFor();
        assert.match(await reach.textContent(), lang === 'zh' ? /^申报计划:/ : /^Plan: /);
        // The plan is a part of its own: the results still hold one card per program.
        assert.equal(await page.locator('.q-results [data-program]').count(), PROGRAMS.length);
        // The plan came from its worker, a script of the app's own origin, and nothing went
        // anywhere else.
        const workers = page.workers().map((w) => w.url());
        assert.ok(workers.some((u) => /^http:\/\/127\.0\.0\.1:\d+\/plan-worker_loader\.js$/.test(u)), workers.join());
        assert.deepEqual(requests.filter((u) => !u.startsWith('http://127.0.0.1')), []);
      });
    });
  }
}

for (const lang of LANGS) {
  test(`${lang}: an expected call is a month, never a date; the calendar downloads and reads back`, TIMEOUT, async () => {
    await visit({ path: link(lang, '2026-12-02') }, async ({ page }) => {
      await ready(page);
      await pageWindows(page);
      const giant = await page.locator('.q-plan [data-program="cn-little-giant"]').textContent();
      if (lang === 'zh') {
        assert.match(giant, /2027年的申报预计约在2027年4月开始\(依据2026年的通知推测/);
        assert.doesNotMatch(giant, /4月25日/);
        assert.match(giant, /按2026年度数据/);
      } else {
        assert.match(giant, /The 2027 call is expected around April 2027, based on 2026's notice/);
        assert.doesNotMatch(giant, /25 April/);
        assert.match(giant, /Judged on 2026's figures/);
      }
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: CALENDAR[lang] }).click(),
      ]);
      assert.equal(download.suggestedFilename(), 'qualify-plan.ics');
      const ics = await readFile(await download.path(), 'utf8');
      assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\n'), ics.slice(0, 40));
      assert.ok(ics.endsWith('END:VCALENDAR\r\n'));
      assert.ok(!/[^\r]\n/.test(ics), 'every line ends in CRLF');
      const events = ics.match(/^BEGIN:VEVENT\r$/gm) ?? [];
      assert.ok(events.length >= 3, `${events.length} events`);
      assert.equal(events.length, (ics.match(/^END:VEVENT\r$/gm) ?? []).length);
      // The little giant's 2027 call is a reminder on the first of the month it is expected in.
      assert.match(ics, /^DTSTART;VALUE=DATE:20270401\r$/m);
      for (const line of ics.split('\r\n')) {
        assert.ok(Buffer.byteLength(line) <= 75, `${Buffer.byteLength(line)} octets: ${line}`);
      }
    });
  });

  test(`${lang}: axe finds nothing serious in the plan; the calendar by keyboard; screenshots`, TIMEOUT, async () => {
    await visit({ path: link(lang, '2026-12-02') }, async ({ page }) => {
      await ready(page);
      await pageWindows(page);
      const found = await seriousViolations(page, '.q-plan');
      assert.deepEqual(found, [], JSON.stringify(found, null, 2));
      await page.locator('#q-plan-calendar').focus();
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      assert.equal(download.suggestedFilename(), 'qualify-plan.ics');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'q-plan-calendar', 'the focus stays');
      if (lang === 'zh') {
        await screenshot(page, 'plan-1280', { element: '.q-plan' });
        await page.setViewportSize({ width: 360, height: 800 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `the page is ${overflow} px wider than 360`);
        await screenshot(page, 'plan-360', { element: '.q-plan' });
      }
    });
  });

  test(`${lang}: a program page shows that program's plan`, TIMEOUT, async () => {
    await visit({ path: `${link(lang, '2026-05-01')}`.replace('?', '?program=cn-tech-sme&') }, async ({ page }) => {
      await page.locator('#q-program-h').waitFor();
      const item = page.locator('.q-plan--program [data-program="cn-tech-sme"][data-window]');
      await item.waitFor({ timeout: 30_000 });
      assert.equal(await item.getAttribute('data-window'), 'upcoming');
      assert.match(await item.textContent(), lang === 'zh' ? /2026年6月1日至2026年8月31日/ : /1 June 2026 to 31 August 2026/);
    });
  });
}
