// The Chromium half of `npm run bench`: a server on 127.0.0.1 that serves files the way a CDN does
// (compressed, cacheable, no CSP), per-call timings inside a page, and start-up from inserting the script tag
// to a ready pay button and a ready core, cold and cached, on loopback and on an emulated slow 3G link.
'use strict';

const http = require('http');
const zlib = require('zlib');
const { launch } = require('../browser/harness');

const TYPES = { '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm' };

// Slow 3G as the issue names it: 400 ms round trip, 400 kbit/s each way (bytes per second for CDP).
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };

// A trivial widget for reference: one button in a shadow root with a constructable stylesheet, no wasm.
const REFERENCE_SCRIPT = `(() => {
  const script = document.currentScript;
  const host = document.createElement('bench-pay');
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('button{font:inherit;padding:.7em 1.4em;border:0;border-radius:8px;background:#1a56db;color:#fff}');
  root.adoptedStyleSheets = [sheet];
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Pay RWF ' + Number(script.dataset.amount).toLocaleString('en-US');
  root.append(button);
  script.after(host);
})();
`;

// In the start-up page: window.__start(src, withCore) inserts <script src> with the demo's data attributes
// and resolves with milliseconds since just before the insertion: scriptRun (its load event, after it ran),
// button (a <button> in the widget's shadow root, connected and enabled, seen by a MutationObserver), core
// (LTGSCheckout.loadCore() resolved), and the resource timings of what it fetched.
const START_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>start-up</title></head>
<body><h1>Kigali Water</h1><p>Bill May 2025: RWF 15,000</p>
<script>
window.__start = (src, withCore) => new Promise((resolve, reject) => {
  const t0 = performance.now();
  const since = () => Math.round((performance.now() - t0) * 1000) / 1000;
  const out = {};
  const observed = new Set();
  let done = false;
  const finish = () => {
    if (done || out.button === undefined || out.scriptRun === undefined || (withCore && out.core === undefined)) return;
    done = true;
    observer.disconnect();
    out.resources = performance.getEntriesByType('resource').filter((e) => e.startTime >= t0).map((e) => ({
      file: e.name.split('/').pop(), start: e.startTime - t0, responseEnd: e.responseEnd - t0,
      transferSize: e.transferSize, encodedBodySize: e.encodedBodySize, decodedBodySize: e.decodedBodySize,
    }));
    resolve(out);
  };
  const check = () => {
    if (out.button !== undefined) return;
    const host = document.querySelector('ltgs-checkout, bench-pay');
    const root = host && host.shadowRoot;
    if (!root) return;
    if (!observed.has(root)) {  // a button rendered or enabled later shows up in the shadow root
      observed.add(root);
      observer.observe(root, { subtree: true, childList: true, attributes: true });
    }
    const button = root.querySelector('button');
    if (button && button.isConnected && !button.disabled) {
      out.button = since();
      finish();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { subtree: true, childList: true });
  const script = document.createElement('script');
  script.src = src;
  Object.assign(script.dataset, { reference: 'LTGSINV_230624_001', amount: '15000', servicesName: 'Water Bill - May 2025',
    initiateUrl: '/checkout/initiate', statusUrl: '/checkout/status' });
  script.onerror = () => reject(new Error('could not load ' + src));
  script.onload = () => {
    out.scriptRun = since();
    check();
    finish();
    if (withCore) {
      window.LTGSCheckout.loadCore().then((core) => {
        out.core = since();
        out.linearMemory = core.HEAP8.buffer.byteLength;
        finish();
      }, reject);
    }
  };
  document.body.append(script);
});
</script></body></html>`;

// files: { name: Buffer }, served at /f/<name>. Returns { url, close, encodings } (encodings counts what
// was sent, by Content-Encoding).
function startBenchServer(files) {
  const variants = {};
  for (const [name, raw] of Object.entries(files)) {
    variants[name] = {
      raw,
      gzip: zlib.gzipSync(raw, { level: 9 }),
      br: zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
    };
  }
  const encodings = {};
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    // Cross-origin isolation gives performance.now() 5 µs resolution instead of 100 µs.
    const isolated = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
    if (url.pathname === '/start' || url.pathname === '/speed') {
      const body = url.pathname === '/start' ? START_PAGE
        : '<!doctype html><meta charset="utf-8"><title>speed</title><script src="/f/ltgs-checkout.js"></script>' +
          '<script src="/f/lean.js"></script><script src="/f/popular.js"></script>';
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...isolated });
      res.end(body);
      return;
    }
    const name = url.pathname.startsWith('/f/') ? url.pathname.slice(3) : null;
    const file = name && variants[name];
    if (!file) {
      res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404, { 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    const accept = String(req.headers['accept-encoding'] || '');
    const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : 'identity';
    encodings[encoding] = (encodings[encoding] || 0) + 1;
    const body = encoding === 'identity' ? file.raw : file[encoding];
    res.writeHead(200, {
      'Content-Type': TYPES[name.slice(name.lastIndexOf('.'))] || 'application/octet-stream',
      'Content-Length': body.length,
      ...(encoding === 'identity' ? {} : { 'Content-Encoding': encoding }),
      Vary: 'Accept-Encoding',
      'Cache-Control': 'public, max-age=31536000, immutable',  // versioned CDN files
      ...isolated,
    });
    res.end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({
      url: `http://127.0.0.1:${server.address().port}`,
      encodings,
      close: () => new Promise((done) => server.close(done)),
    }));
  });
}

const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// Per-call timings and wasm memory inside a page. suites: { speedSuite, memorySuite, medianMicros } as
// functions (their source is sent).
async function pageSpeedAndMemory(browser, site, suites, inputs) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${site.url}/speed`);
    const expr = `(async () => {
      const core = await window.LTGSCheckout.loadCore();
      const speed = (${suites.speedSuite})(core, window.leanStack, window.popularStack, ${suites.medianMicros}, ${JSON.stringify(inputs)});
      const memory = (${suites.memorySuite})(core, ${JSON.stringify(inputs)});
      return { speed, memory, crossOriginIsolated: window.crossOriginIsolated };
    })()`;
    return await page.evaluate(expr);
  } finally {
    await context.close();
  }
}

// One cold load in a new context (empty cache), then a second, cached load in the same context.
async function coldAndCached(browser, site, { src, withCore, network }) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = network ? await context.newCDPSession(page) : null;
    const run = async () => {
      await page.goto(`${site.url}/start`);  // the page itself is not part of the measurement
      if (cdp) {
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', network);
      }
      const r = await page.evaluate(([s, c]) => window.__start(s, c), [src, withCore]);
      if (cdp) await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      return r;
    };
    const cold = await run();
    const cached = await run();
    return { cold, cached };
  } finally {
    await context.close();
  }
}

// kinds: [{ key, src, withCore }]. Repetitions are interleaved across kinds, in an order that rotates
// (the previous context's teardown still takes CPU), so that background load on the machine spreads over
// all of them. Returns { [key]: { cold: {button, core, …medians}, cached: … } }.
async function startupSeries(browser, site, kinds, { reps, network }) {
  const runs = Object.fromEntries(kinds.map((k) => [k.key, []]));
  for (let i = 0; i < reps; i++) {
    for (let j = 0; j < kinds.length; j++) {
      const k = kinds[(i + j) % kinds.length];
      runs[k.key].push(await coldAndCached(browser, site, { ...k, network }));
    }
  }
  const summary = {};
  for (const k of kinds) {
    const pick = (visit, field) => median(runs[k.key].map((r) => r[visit][field]));
    const resourceEnd = (visit, ext) => median(runs[k.key].map((r) => {
      const e = r[visit].resources.find((x) => x.file.endsWith(ext));
      return e ? e.responseEnd : undefined;
    }));
    const transfer = (visit) => median(runs[k.key].map((r) => r[visit].resources.reduce((n, e) => n + e.transferSize, 0)));
    summary[k.key] = {};
    for (const visit of ['cold', 'cached']) {
      summary[k.key][visit] = {
        button: pick(visit, 'button'),
        core: k.withCore ? pick(visit, 'core') : null,
        scriptRun: pick(visit, 'scriptRun'),
        jsFetched: resourceEnd(visit, '.js'),
        wasmFetched: resourceEnd(visit, '.wasm'),
        transferBytes: transfer(visit),
        reps: runs[k.key].length,
        samples: runs[k.key].map((r) => ({ button: r[visit].button, core: r[visit].core })),
        fastestButton: Math.min(...runs[k.key].map((r) => r[visit].button)),
        fastestCore: k.withCore ? Math.min(...runs[k.key].map((r) => r[visit].core)) : null,
      };
    }
  }
  return summary;
}

// Everything measured in Chromium. files: what the server serves; suites: see pageSpeedAndMemory.
async function runChromium({ files, suites, inputs, repsLoopback, repsSlow }) {
  const site = await startBenchServer({ ...files, 'reference-button.js': Buffer.from(REFERENCE_SCRIPT) });
  const browser = await launch();
  try {
    const version = browser.version();
    let t = Date.now();
    const lap = (what) => { if (process.env.BENCH_VERBOSE) process.stderr.write(`[${what} ${Date.now() - t} ms] `); t = Date.now(); };
    const speed = await pageSpeedAndMemory(browser, site, suites, inputs);
    lap('speed');
    const kinds = [
      { key: 'script', src: '/f/ltgs-checkout.js', withCore: true },
      { key: 'single', src: '/f/ltgs-checkout.single.js', withCore: true },
      { key: 'reference', src: '/f/reference-button.js', withCore: false },
    ];
    const loopback = await startupSeries(browser, site, kinds, { reps: repsLoopback, network: null });
    lap('loopback');
    const slow = await startupSeries(browser, site, kinds, { reps: repsSlow, network: SLOW_3G });
    lap('slow');
    return { version, ...speed, startup: { loopback, slow3g: slow }, network: SLOW_3G, encodings: { ...site.encodings } };
  } finally {
    await browser.close();
    await site.close();
  }
}

module.exports = { runChromium, startBenchServer, coldAndCached, startupSeries, SLOW_3G, REFERENCE_SCRIPT, median };
