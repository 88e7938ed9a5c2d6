// A small static file server for the end-to-end tests (Node built-ins only).
//
// It serves a built dist/ on 127.0.0.1 at a random free port, optionally under a base path
// such as /tools/qualify/ (as a host site would) and with extra response headers such as a
// Content-Security-Policy, so tests see the app the way static hosting serves it.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  // Without this exact type, WebAssembly.instantiateStreaming refuses the module.
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Starts serving `root`.
 *
 * @param {object} options
 * @param {string} options.root    directory to serve (a built dist/)
 * @param {string} [options.base]  URL path the site lives under, e.g. '/tools/qualify/'
 * @param {Record<string, string>} [options.headers]  extra headers on every response
 * @param {Record<string, string>} [options.mounts]  more directories to serve, by URL path
 *   prefix, e.g. { '/examples/': 'examples' } for a host page next to the app
 * @returns {Promise<{ origin: string, url: string, requests: string[], close: () => Promise<void> }>}
 *   `url` is the site's address (origin + base); `origin` is what the page may talk to;
 *   `requests` lists the path of every request received, in order.
 */
export async function startServer({ root, base = '/', headers = {}, mounts = {} }) {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const sites = [
    ...Object.entries(mounts).map(([path, dir]) => [path, resolve(dir)]),
    [prefix, resolve(root)],
  ];

  const requests = [];
  const server = createServer(async (request, response) => {
    requests.push(request.url);
    const send = (status, body, type = 'text/plain; charset=utf-8', extra = {}) => {
      response.writeHead(status, { ...headers, 'Content-Type': type, ...extra });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return send(405, 'method not allowed', undefined, { Allow: 'GET, HEAD' });
    }
    let path;
    try {
      path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    } catch {
      return send(400, 'bad request');
    }
    // `/tools/qualify` must become `/tools/qualify/`, or the page's relative URLs miss.
    if (`${path}/` === prefix) {
      return send(301, '', undefined, { Location: prefix });
    }
    const site = sites.find(([start]) => path.startsWith(start));
    if (!site) {
      return send(404, 'not found');
    }
    const [start, rootDir] = site;
    let file = resolve(rootDir, `.${sep}${path.slice(start.length)}`);
    if (file !== rootDir && !file.startsWith(rootDir + sep)) {
      return send(404, 'not found');
    }
    try {
      if ((await stat(file)).isDirectory()) {
        file = join(file, 'index.html');
      }
      const body = await readFile(file);
      const type = MIME_TYPES[extname(file)] ?? 'application/octet-stream';
      return send(200, body, type, { 'Cache-Control': 'no-store' });
    } catch {
      return send(404, 'not found');
    }
  });

  await new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolveListen);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: `${origin}${prefix}`,
    requests,
    close: () =>
      new Promise((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
