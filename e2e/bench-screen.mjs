// The screening page's benchmark (issue 21, run by `cargo xtask bench`, not a test): 100,000
// generated template rows chosen on `?page=screen`, timed from the file's choice to the
// results on the page, in headless Chromium against dist/. Prints one line per run.

import { visit } from './harness.mjs';
import { AS_OF } from './qualify.mjs';
import { template } from './template.mjs';

const ROWS = Number(process.env.QUALIFY_BENCH_ROWS ?? 100_000);
const RUNS = Number(process.env.QUALIFY_BENCH_RUNS ?? 1);
const csv = Buffer.from(template(ROWS, { bad: false }));

for (let run = 1; run <= RUNS; run++) {
  await visit({ path: `?page=screen&lang=en&as_of=${AS_OF}` }, async ({ page }) => {
    const input = page.locator('#q-screen-file');
    await input.waitFor();
    // The worker has started (its first message) once the page says nothing is pending.
    await page.waitForTimeout(1_000);
    const start = Date.now();
    await input.setInputFiles({ name: 'bench.csv', mimeType: 'text/csv', buffer: csv });
    await page.locator('#q-screen-summary').waitFor({ timeout: 900_000 });
    const seconds = (Date.now() - start) / 1000;
    const status = await page.locator('#q-screen-status').textContent();
    console.log(
      `screening page, run ${run}: ${ROWS.toLocaleString('en')} rows (${(csv.length / 1e6).toFixed(1)} MB CSV) ` +
        `screened in the worker in ${seconds.toFixed(1)} s, ${Math.round(ROWS / seconds).toLocaleString('en')} rows/s ` +
        `(target: 100,000 rows in 5 s); the page says: ${status}`,
    );
  });
}
