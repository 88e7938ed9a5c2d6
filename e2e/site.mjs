// What the embedding, hosting and privacy tests share: the example host site, the shipped
// Content-Security-Policy, a profile to open the app with, and the pack files they serve.

import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/** examples/: the host page and its pack, served at /examples/ next to the app. */
export const EXAMPLES = repo('examples');

/** Where the tests put the app, as a host site would. */
export const BASE = '/tools/qualify/';

/** The Content-Security-Policy of examples/_headers, the one docs/hosting.md recommends. */
export const CSP = (() => {
  const line = readFileSync(join(EXAMPLES, '_headers'), 'utf8')
    .split('\n')
    .find((l) => l.trim().startsWith('Content-Security-Policy:'));
  return line.slice(line.indexOf(':') + 1).trim();
})();

/** The contract's example profile: a Xiamen manufacturer, its figures through 2024. */
export const PROFILE = readFileSync(repo('crates/engine/tests/data/example-profile.json'), 'utf8');

/** `#profile=…` for a profile, as share links carry it. */
export const fragment = (profile) => `#profile=${Buffer.from(profile).toString('base64url')}`;

/** The bundled xm-etc pack, whose XM10 is unpublished (`not-assessable`). */
export const XM_ETC = JSON.parse(readFileSync(repo('packs/xm-etc.json'), 'utf8'));

/**
 * Writes pack files into a fresh folder, to serve at /fixtures/: `invalid.json` (a wrong level
 * and a missing issuer) and `malformed.json` (not JSON).
 */
export async function fixtures() {
  const dir = await mkdtemp(join(tmpdir(), 'qualify-packs-'));
  const { issuer, ...rest } = XM_ETC;
  await writeFile(join(dir, 'invalid.json'), JSON.stringify({ ...rest, level: 'galactic' }));
  await writeFile(join(dir, 'malformed.json'), '{"schema": "qualify.pack/1", "id": ');
  return dir;
}
