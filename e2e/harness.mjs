// The end-to-end harness: serve dist/ on 127.0.0.1, open it in a fresh headless Chromium, and
// fail the test on anything that breaks the page's promises.
//
// Run through `cargo xtask test`, which builds dist/, installs playwright-core into the tools
// folder and points NODE_PATH at it.

import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startServer } from './server.mjs';

// ES module imports ignore NODE_PATH; require() honours it. playwright-core lives in the tools
// folder, not in e2e/node_modules.
const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

/** The built site under test. */
export const DIST = process.env.QUALIFY_DIST ?? fileURLToPath(new URL('../dist/', import.meta.url));

/** Debian's Chromium; `cargo xtask` installs it. Playwright's own browser builds are never used. */
export const CHROMIUM = '/usr/bin/chromium';

/** The flags of webdriver.json but its language, which `visit` sets per test. Without the network ones
 * Chromium keeps calling home. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Serves dist/, opens it in a fresh headless Chromium with an empty profile, and runs
 * `body({ page, server })`.
 *
 * Rejects, failing the calling test, when the body throws or when during the visit the page
 * had an uncaught error, logged a console error, or tried to reach any host but the local
 * server. That last rule is the privacy promise: nothing typed into Qualify leaves the
 * browser. Such requests are aborted before they are sent, and reported.
 *
 * @param {object} [options]
 * @param {string} [options.base]  serve the site under this path, e.g. '/tools/qualify/'
 * @param {Record<string, string>} [options.headers]  extra response headers, e.g. a CSP
 * @param {Record<string, string>} [options.mounts]  more directories to serve (see server.mjs)
 * @param {Array<[string, Function]>} [options.routes]  Playwright routes of the test's own, as
 *   `[pattern, handler]`, installed before the page opens (to make a request fail, say)
 * @param {RegExp[]} [options.tolerate]  console errors the test provokes on purpose, such as
 *   the browser's own line about a pack URL that answers 404; every other one still fails
 * @param {string[]} [options.hosts]  more hosts (`127.0.0.1:PORT`) the page may reach: the test's
 *   own second servers, which count what reaches them
 * @param {string} [options.locale]  the browser's language (`navigator.languages`), which picks
 *   the app's language when the address has no `lang`: a Chinese visitor's, unless a test says
 * @param {string} [options.path]  what to open, relative to the site, e.g. '?lang=en'; or an
 *   absolute path on the server, e.g. '/examples/host.html'
 * @param {(visit: {
 *   page: import('playwright-core').Page,
 *   context: import('playwright-core').BrowserContext,
 *   server: { origin: string, url: string, close: () => Promise<void> },
 *   requests: string[],
 * }) => Promise<void>} body  `requests` lists the URL of every request of the visit so far,
 *   the service worker's included, in order
 */
export async function visit({ base, headers, mounts, routes = [], tolerate = [], hosts = [], locale = 'zh-CN', path = '' } = {}, body) {
  const server = await startServer({ root: DIST, base, headers, mounts });
  const local = new URL(server.origin).host;
  const isLocal = (url) => {
    const parsed = new URL(url);
    return parsed.host === local || hosts.includes(parsed.host) || ['data:', 'blob:', 'about:'].includes(parsed.protocol);
  };
  const problems = [];
  const requests = [];
  const profile = await mkdtemp(join(tmpdir(), 'qualify-e2e-'));
  let context;
  let failure;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      locale,
    });
    context.on('request', (request) => requests.push(request.url()));
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (isLocal(url)) {
        return route.continue();
      }
      problems.push(`request to a foreign host: ${url}`);
      return route.abort('blockedbyclient');
    });
    // WebSockets bypass route(); intercept foreign ones without ever connecting them.
    await context.routeWebSocket(
      (url) => !isLocal(url.href),
      (socket) => {
        problems.push(`WebSocket to a foreign host: ${socket.url()}`);
        return socket.close();
      },
    );
    // A test's own routes (a request made to fail, say) take precedence over the check above.
    for (const [pattern, handler] of routes) {
      await context.route(pattern, handler);
    }
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !tolerate.some((pattern) => pattern.test(message.text()))) {
        problems.push(`console error: ${message.text()}`);
      }
    });
    await page.goto(new URL(path, server.url).href);
    await body({ page, context, server, requests });
  } catch (error) {
    failure = error;
  } finally {
    await context?.close();
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
  // The page's own problems usually explain a failed assertion, so they come first.
  if (problems.length > 0) {
    throw new Error(`the page broke the harness's rules:\n  ${problems.join('\n  ')}`, {
      cause: failure,
    });
  }
  if (failure) {
    throw failure;
  }
}
