// Starts the app. Trunk would put this loader inline in index.html, which a Content-Security-Policy
// of `script-src 'self'` refuses to run; Trunk.toml's `pattern_script` makes index.html load this
// file instead and hands it the hashed names of the app's module and wasm on the script tag.

const tag = document.querySelector('script[data-qualify-wasm]');
const { default: init } = await import(tag.dataset.qualifyModule);
await init({ module_or_path: tag.dataset.qualifyWasm });

// Offline use is an extra: where a browser refuses service workers (private modes, some
// third-party iframes), the app works as before, online.
if ('serviceWorker' in navigator) {
  // The packs' details (src/details.rs) may have been fetched before the worker took over this
  // page: fetched once more, through the worker, they are kept for visits without the network.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    for (const entry of performance.getEntriesByType('resource')) {
      if (/\/qualify-details-[0-9a-f]{16}\.json$/.test(entry.name)) {
        fetch(entry.name).catch(() => {});
      }
    }
  });
  navigator.serviceWorker.register('./sw.js').catch(() => {});
}
