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
// What the app fetches itself (the packs' details, the regional packs it was asked for, a host
// pack it accepted) is kept as it is fetched, so that a visit without the network has what a
// visit with it had. The regional packs are not precached: the first load must not grow with
// the number of regions, and a visitor needs only their own region's. The app fetches a
// host pack only once it has checked that the pack speaks for the site (src/host.rs), and the
// worker never fetches anything of its own accord, least of all a pack address it could read
// from a page's URL: anyone can write one, and a server whose pack was refused must receive no
// request at all.
const withoutFragment = (url) => url.split('#')[0];

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
      event.respondWith(networkFirst(request, SCOPE, false));
    } else if (shell.has(url)) {
      event.respondWith(HASHED.test(url) ? cacheFirst(request) : networkFirst(request, url, false));
    } else if (request.destination === '') {
      event.respondWith(networkFirst(request, url, true));
    }
  });
}
