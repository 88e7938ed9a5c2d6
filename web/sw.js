// Qualify's service worker: after one visit, the app loads and works with the network off.
//
// `cargo xtask dist` stamps the two constants below with this build's files and a hash of their
// contents. Each deploy's sw.js therefore differs from the last, the browser installs it, and it
// replaces the previous cache. Left unstamped (under `trunk serve`) the worker caches nothing.
const VERSION = 'dev';
const SHELL = [];

const SCOPE = new URL('./', self.location.href).href;
// Caches belong to the origin, not to the scope: the scope in the name keeps two copies of the
// app on one site (say /tools/qualify/ and /test/qualify/) from deleting each other's cache.
const PREFIX = `qualify ${SCOPE} `;
const CACHE = PREFIX + VERSION;
const shell = new Set(SHELL.map((path) => new URL(path, SCOPE).href));
// Trunk names the app's module, wasm and CSS after a hash of their contents (in hex, without
// leading zeros), so a cached copy is never stale; everything else asks the network first and
// falls back to the cache.
const HASHED = /-[0-9a-f]{1,16}(_bg)?\.(js|wasm|css)$/;
// The host packs of the pages this worker has served (`?pack=`). Only these URLs are cached
// from other origins; any other request is left alone, for the browser to make as usual.
const packs = new Set();
// The packs' details, which the app fetches once it is in use (src/details.rs): kept as they
// are fetched, so that a visit without the network shows the details a visit with it had.
const DETAILS = /\/qualify-details-[0-9a-f]{16}\.json$/;

const withoutFragment = (url) => url.split('#')[0];

/** The pack URL a page of the app was given, resolved as the app resolves it. */
function packOf(pageUrl) {
  const page = new URL(pageUrl);
  const pack = page.searchParams.get('pack');
  if (!pack) {
    return null;
  }
  try {
    const url = new URL(pack, page);
    return url.protocol === 'https:' || url.protocol === 'http:' ? withoutFragment(url.href) : null;
  } catch {
    return null;
  }
}

/** Whether a URL is the app's page, with whatever query it has. */
function isAppPage(url) {
  const page = new URL(url);
  page.search = '';
  page.hash = '';
  return page.href === SCOPE || page.href === `${SCOPE}index.html`;
}

/** The network's answer, or the cached one under `key` when the network fails. */
async function networkFirst(request, key, store) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (store && response.ok) {
      await cache.put(key, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await cache.match(key);
    if (cached) {
      return cached;
    }
    throw error;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request, { cacheName: CACHE });
  return cached ?? fetch(request);
}

async function storePack(url) {
  packs.add(url);
  try {
    const response = await fetch(url);
    if (response.ok) {
      await (await caches.open(CACHE)).put(url, response);
    }
  } catch {
    // Unreachable now: the app reports that itself, and the next visit tries again.
  }
}

if (SHELL.length > 0) {
  self.addEventListener('install', (event) => {
    const requests = [...shell].map(
      // Unhashed files are revalidated so that the cache holds this deploy's, not an older copy
      // from the HTTP cache; hashed ones may come from the HTTP cache, the page just loaded them.
      (url) => new Request(url, { cache: HASHED.test(url) ? 'default' : 'no-cache' }),
    );
    event.waitUntil(
      caches
        .open(CACHE)
        .then((cache) => cache.addAll(requests))
        .then(() => self.skipWaiting()),
    );
  });

  self.addEventListener('activate', (event) => {
    event.waitUntil(
      (async () => {
        for (const name of await caches.keys()) {
          if (name.startsWith(PREFIX) && name !== CACHE) {
            await caches.delete(name);
          }
        }
        await self.clients.claim();
        // Pages open now fetched their pack before this worker existed: fetch it once more so
        // that it is in the cache for the first visit without the network.
        const pages = await self.clients.matchAll({ type: 'window' });
        const urls = new Set(pages.map((page) => packOf(page.url)).filter(Boolean));
        await Promise.all([...urls].map(storePack));
      })(),
    );
  });

  self.addEventListener('fetch', (event) => {
    const { request } = event;
    if (request.method !== 'GET') {
      return;
    }
    const url = withoutFragment(request.url);
    if (request.mode === 'navigate' && isAppPage(url)) {
      const pack = packOf(url);
      if (pack) {
        packs.add(pack);
      }
      event.respondWith(networkFirst(request, SCOPE, false));
    } else if (shell.has(url)) {
      event.respondWith(HASHED.test(url) ? cacheFirst(request) : networkFirst(request, url, false));
    } else if (packs.has(url) || DETAILS.test(url)) {
      event.respondWith(networkFirst(request, url, true));
    }
  });
}
