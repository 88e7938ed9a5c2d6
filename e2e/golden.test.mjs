// The golden cases of the new and corrected packs, opened as share links: for each, the page
// shows, program by program and criterion by criterion, what `qualify assess` gives for the same
// profile on the same date (a Shenzhen manufacturer, a Guangzhou firm with 40 R&D staff, ...).

import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import { visit } from './harness.mjs';
import { assertResults, cliPrograms, ready, ui } from './qualify.mjs';

const FILES = [
  'gd-etc', 'sz-etc', 'sd-etc', 'hb-etc', 'ha-etc', 'bj-etc', 'zj-etc', 'js-etc', 'hn-etc', 'ah-etc',
  'sh-etc', 'sc-etc', 'xm-etc', 'xm-etc-pool', 'fj-etc', 'fj-etc-pool', 'cn-tech-sme', 'cn-hnte',
  'sn-etc', 'ln-etc', 'validity',
];

const golden = async (file) =>
  JSON.parse(await readFile(new URL(`../crates/engine/tests/golden/${file}.json`, import.meta.url), 'utf8'))
    .cases;

/** `{ id: { outcome, criteria } }` of the CLI for the programs a case expects. */
async function expected(c) {
  const ids = Object.keys(c.expect);
  const programs = (await cliPrograms(c.profile, c.as_of)).filter((p) => ids.includes(p.id));
  return Object.fromEntries(
    programs.map((p) => [
      p.id,
      { outcome: p.outcome, criteria: Object.fromEntries(p.criteria.map((x) => [x.id, x.status])) },
    ]),
  );
}

for (const file of FILES) {
  test(`${file}: every golden case shows on the page as qualify assesses it`, { timeout: 180_000 }, async () => {
    const cases = await golden(file);
    await visit({}, async ({ page }) => {
      await ready(page);
      const base = page.url().split(/[?#]/)[0];
      for (const [i, c] of cases.entries()) {
        const want = await expected(c);
        const profile = Buffer.from(JSON.stringify(c.profile)).toString('base64url');
        const programs = Object.keys(c.expect).join(',');
        // A query of its own per case, so that each link is a new page load.
        await page.goto(`${base}?as_of=${c.as_of}&programs=${programs}&case=${i}#profile=${profile}`);
        await ready(page);
        // Every program of the case, whether or not the enterprise's region suggests it.
        await page.getByRole('button', { name: ui('selectAll', 'zh') }).click();
        await assertResults(page, want).catch((e) => {
          e.message = `${file} / ${c.name}\n${e.message}`;
          throw e;
        });
      }
    });
  });
}
