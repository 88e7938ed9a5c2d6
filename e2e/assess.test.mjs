// The assessment as a user gets it: a profile typed into the labelled fields gives, program by
// program and criterion by criterion, the outcomes the engine gives on the command line.

import { test } from 'node:test';

import { visit } from './harness.mjs';
import { AS_OF, LANGS, PROFILE, assertResults, assessWithCli, ready, typeProfile } from './qualify.mjs';

for (const lang of LANGS) {
  test(`typing the example profile in ${lang} gives the engine's outcomes`, { timeout: 120_000 }, async () => {
    const expected = await assessWithCli(PROFILE);
    await visit({ path: `?lang=${lang}&as_of=${AS_OF}` }, async ({ page }) => {
      await ready(page);
      await typeProfile(page, PROFILE, lang);
      await assertResults(page, expected);
    });
  });
}
