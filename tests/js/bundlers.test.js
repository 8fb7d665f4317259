// A partner's bundler: the packed package installed into a new project, a page script importing it bundled
// with esbuild and with Vite as docs/integration.md ("Bundling") says, and the output checked for the wasm:
//   - esbuild + ltgs-checkout/inline: the wasm is inside the bundle, nothing to copy or fetch;
//   - esbuild + ltgs-checkout: the code looks for ltgs-checkout.wasm beside the bundle (ES module or classic
//     script), where the docs say to copy it;
//   - Vite + ltgs-checkout: Vite copies the .wasm into its assets and the code points at that copy.
// The classic-script outputs and the shipped script-tag builds then run in jsdom: with the .wasm missing, the
// console error names the URL tried and the setting to change, and the customer sees "could not load"; with
// it there (or at data-wasm-url), the checkout loads. The ES-module outputs run in Chromium
// (tests/browser/package-e2e.test.js), which also pays with them end to end.
'use strict';

const fs = require('fs');
const path = require('path');
const { JSDOM, ResourceLoader, VirtualConsole } = require('jsdom');
const { until } = require('./support/until');

const { packedProject, esbuild, viteBuild, write, run } = require('./support/packed-project');

let WASM;  // the installed package's
const WASM_HEAD_BASE64 = Buffer.from('\0asm\x01\0').toString('base64');  // "AGFzbQEA": how a wasm in base64 begins
const ORIGIN = 'https://shop.example';
const COULD_NOT_LOAD = 'The checkout could not load. Please reload the page.';

// The partner's page script: the checkout inline, for an order the page names.
const pageScript = (specifier) => `import { LTGSCheckout } from '${specifier}';

const d = document.body.dataset;
const checkout = LTGSCheckout.mount(document.getElementById('checkout'), {
  payment: { Sale_Reference_ID: d.reference, Total_Amount_to_Pay: Number(d.amount), Services_Name: d.servicesName },
  initiateUrl: '/checkout/initiate',
  statusUrl: '/checkout/status',
  checkoutToken: d.checkoutToken,
});
checkout.result.catch((err) => { window.checkoutError = err; });
`;
const BODY = 'data-reference="INV-2025-0042" data-amount="15000" data-services-name="Water Bill" data-checkout-token="ct1.test"';

let shop;
const out = (...parts) => path.join(shop.project, 'out', ...parts);
const read = (file) => fs.readFileSync(file, 'utf8');

beforeAll(() => {
  shop = packedProject('ltgs-bundlers-');
  WASM = fs.readFileSync(path.join(shop.installed, 'dist', 'ltgs-checkout.wasm'));
  write(path.join(shop.project, 'src', 'pay.js'), pageScript('ltgs-checkout'));
  write(path.join(shop.project, 'src', 'pay-inline.js'), pageScript('ltgs-checkout/inline'));
  write(path.join(shop.project, 'index.html'),
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>\n<body ${BODY}>\n` +
    '<div id="checkout"></div>\n<script type="module" src="/src/pay.js"></script>\n</body></html>\n');
}, 240_000);

afterAll(() => {
  if (shop) shop.cleanup();
});

// A page in jsdom at https://shop.example/: `files` maps paths to { body, type } (anything else is a 404 for
// fetch and for <script src>); resolves { window, errors, fetched, checkoutText() }.
function openPage(html, files) {
  const errors = [];
  const fetched = [];
  const virtualConsole = new VirtualConsole();
  virtualConsole.on('error', (...args) => errors.push(args.map(String).join(' ')));
  virtualConsole.on('jsdomError', (err) => errors.push(`jsdom: ${err.message}`));
  class Files extends ResourceLoader {
    fetch(url) {
      const file = files[new URL(url).pathname];
      return file ? Promise.resolve(Buffer.from(file.body)) : Promise.reject(new Error(`404 ${url}`));
    }
  }
  const dom = new JSDOM(html, {
    url: `${ORIGIN}/`,
    runScripts: 'dangerously',
    resources: new Files(),
    virtualConsole,
    pretendToBeVisual: true,
    beforeParse(window) {
      window.fetch = async (input) => {
        const url = new URL(String(input), window.location.href);
        fetched.push(url.href);
        const file = url.origin === ORIGIN ? files[url.pathname] : undefined;
        if (!file) return new Response('<!doctype html><title>Not found</title>', { status: 404, headers: { 'Content-Type': 'text/html' } });
        return new Response(file.body, { status: 200, headers: { 'Content-Type': file.type } });
      };
    },
  });
  const checkoutText = () => {
    const element = dom.window.document.querySelector('ltgs-checkout');
    return element && element.shadowRoot ? element.shadowRoot.textContent : '';
  };
  return { window: dom.window, errors, fetched, checkoutText, close: () => dom.window.close() };
}


const js = (body) => ({ body, type: 'text/javascript' });
const wasm = () => ({ body: WASM, type: 'application/octet-stream' });  // the MIME type not every server sends
const page = (scripts) => `<!doctype html><html lang="en"><body ${BODY}><div id="checkout"></div>${scripts}</body></html>`;

// The checkout loaded: the form asks for the phone number, nothing went to the console.
async function expectLoaded(p) {
  await until('the form', () => p.checkoutText().includes('Mobile money number') || p.errors.length);
  expect(p.errors).toEqual([]);
  expect(p.checkoutText()).not.toContain(COULD_NOT_LOAD);
}

// The checkout failed to load: one console error naming `url` and each of `settings`, and the screen says so.
async function expectCouldNotLoad(p, url, settings) {
  await until('the console error', () => p.errors.length);
  await until('the "could not load" screen', () => p.checkoutText().includes(COULD_NOT_LOAD));
  expect(p.errors).toHaveLength(1);
  expect(p.errors[0]).toMatch(/^ltgs-checkout: could not load the WebAssembly core from /);
  expect(p.errors[0]).toContain(`from ${url} (`);
  for (const setting of settings) expect(p.errors[0]).toContain(setting);
  return p.errors[0];
}

describe('esbuild', () => {
  test('ltgs-checkout/inline: the wasm is inside the bundle, nothing to copy; it loads with no request', async () => {
    const r = esbuild(shop.project, 'src/pay-inline.js', out('inline', 'pay.js'), ['--minify']);
    expect(r.stderr).toBe('');
    const text = read(out('inline', 'pay.js'));
    expect(text.includes(WASM.toString('base64'))).toBe(true);  // the whole .wasm, as base64
    expect(text.includes('ltgs-checkout.wasm')).toBe(false);  // no file named to fetch
    expect(text.includes('import.meta')).toBe(false);
    expect(fs.readdirSync(out('inline'))).toEqual(['pay.js']);

    const p = openPage(page('<script src="/static/pay.js"></script>'), { '/static/pay.js': js(text) });
    await expectLoaded(p);
    expect(p.fetched).toEqual([]);
    p.close();
  });

  test('ltgs-checkout as an ES module: it looks for ltgs-checkout.wasm beside the bundle, where the docs copy it', () => {
    const r = esbuild(shop.project, 'src/pay.js', out('esm', 'pay.js'), ['--format=esm', '--minify']);
    expect(r.stderr).toBe('');
    const text = read(out('esm', 'pay.js'));
    expect(text.includes('new URL("./ltgs-checkout.wasm",import.meta.url)')).toBe(true);
    expect(text.includes(WASM_HEAD_BASE64)).toBe(false);
    // The documented copy step puts the shipped .wasm where that URL points.
    fs.copyFileSync(path.join(shop.installed, 'dist', 'ltgs-checkout.wasm'), out('esm', 'ltgs-checkout.wasm'));
    const looked = new URL('./ltgs-checkout.wasm', require('url').pathToFileURL(out('esm', 'pay.js')));
    expect(fs.readFileSync(looked).equals(WASM)).toBe(true);
  });

  test('ltgs-checkout as a classic script (esbuild\'s default): no .wasm beside it → a console error with the URL and the settings, and "could not load"', async () => {
    const r = esbuild(shop.project, 'src/pay.js', out('iife', 'pay.js'));
    expect(r.stderr).toBe('');  // no warning about import.meta: the package leaves it to the module
    const text = read(out('iife', 'pay.js'));
    const p = openPage(page('<script src="/static/pay.js"></script>'), { '/static/pay.js': js(text) });
    const message = await expectCouldNotLoad(p, `${ORIGIN}/static/ltgs-checkout.wasm`, ['(HTTP 404)', 'wasmUrl', 'ltgs-checkout/inline']);
    expect(message).toContain('node_modules/ltgs-checkout/dist/ltgs-checkout.wasm');
    p.close();
  });

  test('ltgs-checkout as a classic script, with the .wasm copied beside it: it loads from there', async () => {
    const text = read(out('iife', 'pay.js'));
    const p = openPage(page('<script src="/static/pay.js"></script>'), { '/static/pay.js': js(text), '/static/ltgs-checkout.wasm': wasm() });
    await expectLoaded(p);
    expect(p.fetched).toEqual([`${ORIGIN}/static/ltgs-checkout.wasm`]);
    p.close();
  });

  test('a server that answers an HTML page for the missing .wasm: the error says it is not WebAssembly', async () => {
    const text = read(out('iife', 'pay.js'));
    const p = openPage(page('<script src="/app/pay.js"></script>'), {
      '/app/pay.js': js(text), '/app/ltgs-checkout.wasm': { body: '<!doctype html><p>Shop</p>', type: 'text/html' } });
    const message = await expectCouldNotLoad(p, `${ORIGIN}/app/ltgs-checkout.wasm`, ['not WebAssembly but text/html', 'wasmUrl']);
    expect(message).not.toContain('HTTP');
    p.close();
  });
});

describe('Vite', () => {
  test('vite build copies ltgs-checkout.wasm into its assets and the bundle points at that copy', () => {
    const r = viteBuild(shop.project, ['--outDir', 'out/vite', '--emptyOutDir', '--base', '/shop/']);
    expect(r.stdout + r.stderr).not.toMatch(/didn't resolve at build time|warning/i);
    const assets = fs.readdirSync(out('vite', 'assets'));
    const wasmAssets = assets.filter((f) => f.endsWith('.wasm'));
    expect(wasmAssets).toHaveLength(1);
    expect(wasmAssets[0]).toMatch(/^ltgs-checkout-[\w-]+\.wasm$/);
    expect(fs.readFileSync(out('vite', 'assets', wasmAssets[0])).equals(WASM)).toBe(true);
    const scripts = assets.filter((f) => f.endsWith('.js'));
    expect(scripts).toHaveLength(1);
    const text = read(out('vite', 'assets', scripts[0]));
    expect(text.includes(`/shop/assets/${wasmAssets[0]}`)).toBe(true);
    expect(text.includes(WASM_HEAD_BASE64)).toBe(false);
    expect(read(out('vite', 'index.html'))).toContain(`/shop/assets/${scripts[0]}`);
  }, 120_000);

  test('the Vite dev server serves the .wasm where the module it serves points', () => {
    const outcome = JSON.parse(run(process.execPath, ['--input-type=module', '-e', `
      import { createServer } from 'vite';
      const server = await createServer({ logLevel: 'silent', server: { host: '127.0.0.1', port: 0 } });
      await server.listen();
      try {
        const base = server.resolvedUrls.local[0];
        const page = await (await fetch(new URL('src/pay.js', base))).text();
        const dep = new URL(/from ["']([^"']+)["']/.exec(page)[1], base);
        const text = await (await fetch(dep)).text();
        const m = /new URL\\(\\s*["'\x60]([^"'\x60]*ltgs-checkout[^"'\x60]*\\.wasm)["'\x60]/.exec(text);
        const url = new URL(m[1], dep);
        const res = await fetch(url);
        const bytes = Buffer.from(await res.arrayBuffer());
        console.log(JSON.stringify({ path: url.pathname, status: res.status, type: res.headers.get('content-type'), wasm: bytes.toString('base64') }));
      } finally {
        await server.close();
      }`], { cwd: shop.project }).stdout);
    expect(outcome).toMatchObject({ path: '/node_modules/ltgs-checkout/dist/ltgs-checkout.wasm', status: 200, type: 'application/wasm' });
    expect(outcome.wasm === WASM.toString('base64')).toBe(true);
  }, 60_000);
});

describe('the shipped script-tag builds in a page (jsdom)', () => {
  const shipped = (name) => read(path.join(shop.installed, 'dist', name));
  // The script tag loads the API; the page's own script mounts the checkout (the result's rejection is handled).
  const tag = (src, attrs = '') => `<script src="${src}" ${attrs}></script><script>
    window.addEventListener('load', () => {
      const d = document.body.dataset;
      LTGSCheckout.mount(document.getElementById('checkout'), {
        payment: { Sale_Reference_ID: d.reference, Total_Amount_to_Pay: Number(d.amount), Services_Name: d.servicesName },
        initiateUrl: '/checkout/initiate', statusUrl: '/checkout/status', checkoutToken: d.checkoutToken,
      }).result.catch((err) => { window.checkoutError = err; });
    });</script>`;

  test('ltgs-checkout.js without its .wasm: a console error with the URL beside the script, data-wasm-url and the single file; "could not load"', async () => {
    const p = openPage(page(tag('/vendor/ltgs-checkout.js')), { '/vendor/ltgs-checkout.js': js(shipped('ltgs-checkout.js')),
                                                                '/vendor/ltgs-checkout.app.js': js(shipped('ltgs-checkout.app.js')) });
    const message = await expectCouldNotLoad(p, `${ORIGIN}/vendor/ltgs-checkout.wasm`,
      ['(HTTP 404)', 'data-wasm-url', 'ltgs-checkout.single.js', 'beside ltgs-checkout.js']);
    expect(message).not.toContain('wasmUrl option');
    p.close();
  });

  test('ltgs-checkout.js with data-wasm-url (relative to the page): loads the .wasm from there, and names it when it is missing', async () => {
    const files = { '/js/ltgs-checkout.js': js(shipped('ltgs-checkout.js')), '/js/ltgs-checkout.app.js': js(shipped('ltgs-checkout.app.js')),
                    '/wasm/ltgs-checkout.wasm': wasm() };
    const p = openPage(page(tag('/js/ltgs-checkout.js', 'data-wasm-url="wasm/ltgs-checkout.wasm"')), files);
    await expectLoaded(p);
    expect(p.fetched).toEqual([`${ORIGIN}/wasm/ltgs-checkout.wasm`]);
    p.close();

    const q = openPage(page(tag('/js/ltgs-checkout.js', 'data-wasm-url="/nowhere/checkout.wasm"')), files);
    await expectCouldNotLoad(q, `${ORIGIN}/nowhere/checkout.wasm`, ['(HTTP 404)', 'data-wasm-url']);
    q.close();
  });

  test('ltgs-checkout.js without ltgs-checkout.app.js beside it: the console names the file, the customer reads "could not load"', async () => {
    const p = openPage(page(tag('/vendor/ltgs-checkout.js')), { '/vendor/ltgs-checkout.js': js(shipped('ltgs-checkout.js')) });
    await until('the error', () => p.checkoutText().includes(COULD_NOT_LOAD));
    expect(p.errors.some((e) => e.includes(`${ORIGIN}/vendor/ltgs-checkout.app.js`) && e.includes('ltgs-checkout.single.js'))).toBe(true);
    p.close();
  });

  test('ltgs-checkout.single.js loads with no request at all', async () => {
    const p = openPage(page(tag('/vendor/ltgs-checkout.single.js')), { '/vendor/ltgs-checkout.single.js': js(shipped('ltgs-checkout.single.js')) });
    await expectLoaded(p);
    expect(p.fetched).toEqual([]);
    p.close();
  });
});

describe('the installed ES modules in Node', () => {
  const node = (code) => JSON.parse(run(process.execPath, ['--input-type=module', '-e', code], { cwd: shop.project }).stdout);

  test('ltgs-checkout/inline has the same exports as ltgs-checkout and needs no file', () => {
    const outcome = node(`
      import * as inline from 'ltgs-checkout/inline';
      import * as main from 'ltgs-checkout';
      const core = await inline.loadCore();
      console.log(JSON.stringify({ inline: Object.keys(inline).sort(), main: Object.keys(main).sort(),
        phone: core.validateField('Phone_Number', '+250 788 123 456').value }));`);
    expect(outcome.inline).toEqual(outcome.main);
    expect(outcome.phone).toBe('0788123456');
  });

  test('loadCore({ wasmUrl }) at a missing file: rejects, and the console error names the file and the settings', () => {
    const outcome = node(`
      import { loadCore } from 'ltgs-checkout';
      const logged = [];
      console.error = (...args) => logged.push(args.join(' '));
      let message = null;
      try { await loadCore({ wasmUrl: '/nowhere/ltgs-checkout.wasm' }); } catch (err) { message = err.message; }
      const retried = await loadCore().then(() => 'loaded', (err) => err.message);   // the URL is kept
      console.log(JSON.stringify({ message, logged, retried }));`);
    expect(outcome.logged).toHaveLength(2);
    expect(outcome.logged[0]).toBe(outcome.message);
    expect(outcome.message).toMatch(/^ltgs-checkout: could not load the WebAssembly core from \/nowhere\/ltgs-checkout\.wasm \(ENOENT/);
    expect(outcome.message).toContain('wasmUrl');
    expect(outcome.retried).toBe(outcome.message);
  });
});
