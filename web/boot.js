// Starts the app. Trunk would put this loader inline in index.html, which a Content-Security-Policy
// of `script-src 'self'` refuses to run; Trunk.toml's `pattern_script` makes index.html load this
// file instead and hands it the hashed names of the app's module and wasm on the script tag.

const tag = document.querySelector('script[data-qualify-wasm]');

// Pages that only some visitors use are wasm of their own, loaded in the app's place on their
// address alone, so the applicant's first load never carries them (docs/architecture.md). Each
// is built by Trunk like a worker (index.html): a classic script that defines `wasm_bindgen`,
// and its wasm beside it, both named after the page without a content hash.
const PAGES = { screen: 'screen-page' };
const own = PAGES[new URLSearchParams(location.search).get('page')];
if (own) {
  await new Promise((loaded, failed) => {
    const script = document.createElement('script');
    script.src = `${own}.js`;
    script.onload = loaded;
    script.onerror = failed;
    document.head.append(script);
  });
  await wasm_bindgen({ module_or_path: `${own}_bg.wasm` });
} else {
  const { default: init } = await import(tag.dataset.qualifyModule);
  await init({ module_or_path: tag.dataset.qualifyWasm });
}

// Offline use is an extra: where a browser refuses service workers (private modes, some
// third-party iframes), the app works as before, online.
if ('serviceWorker' in navigator) {
  // What the app fetched before the worker took over this page (the packs' details, regional
  // packs, a host pack it accepted) is fetched once more, through the worker, which keeps it for
  // visits without the network. Only what the app itself fetched, and got (a browser that does
  // not say what it got is asked again anyway): the worker fetches nothing of its own accord.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    const tookOver = performance.now();
    const again = (entry) => {
      if (
        entry.initiatorType === 'fetch' &&
        entry.startTime < tookOver &&
        (entry.responseStatus ?? 200) === 200
      ) {
        fetch(entry.name).catch(() => {});
      }
    };
    performance.getEntriesByType('resource').forEach(again);
    // A fetch still on its way when the worker took over went past it, and has no entry yet:
    // it is fetched again once it has landed. Fetches made since go through the worker.
    new PerformanceObserver((list) => list.getEntries().forEach(again)).observe({ type: 'resource' });
  });
  navigator.serviceWorker.register('./sw.js').catch(() => {});
}
