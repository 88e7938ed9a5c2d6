// Tests of the static server the e2e tests run against (no browser needed).

import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { startServer } from './server.mjs';

let root;
let extra;
let server;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'qualify-server-'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(join(root, 'app_bg.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  extra = await mkdtemp(join(tmpdir(), 'qualify-server-extra-'));
  await writeFile(join(extra, 'host.html'), '<!doctype html><title>host</title>');
  server = await startServer({
    root,
    base: '/tools/qualify/',
    headers: { 'Content-Security-Policy': "default-src 'self'" },
    mounts: { '/examples/': extra },
  });
});

after(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
  await rm(extra, { recursive: true, force: true });
});

const get = (path) => fetch(server.origin + path, { redirect: 'manual' });

test('serves dist/ under its base path with the right types and extra headers', async () => {
  assert.equal(server.url, `${server.origin}/tools/qualify/`);
  assert.match(server.origin, /^http:\/\/127\.0\.0\.1:\d+$/);

  const page = await get('/tools/qualify/');
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(page.headers.get('content-security-policy'), "default-src 'self'");

  const wasm = await get('/tools/qualify/app_bg.wasm');
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
});

test('redirects the base path without its slash and refuses everything else', async () => {
  const bare = await get('/tools/qualify');
  assert.equal(bare.status, 301);
  assert.equal(bare.headers.get('location'), '/tools/qualify/');

  assert.equal((await get('/index.html')).status, 404);
  assert.equal((await get('/tools/qualify/missing.js')).status, 404);
  assert.equal((await get('/tools/qualify/%2e%2e/%2e%2e/etc/passwd')).status, 404);
});

test('serves mounted directories next to the site, under the same headers', async () => {
  const host = await get('/examples/host.html');
  assert.equal(host.status, 200);
  assert.equal(host.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(host.headers.get('content-security-policy'), "default-src 'self'");
  assert.equal((await get('/examples/index.html')).status, 404);
  assert.equal((await get('/examples/%2e%2e/%2e%2e/etc/passwd')).status, 404);
});
