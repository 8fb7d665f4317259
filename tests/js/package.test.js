// The npm package as a partner gets it: `npm pack` of the built dist/, installed offline into a temporary
// project, imported as 'ltgs-checkout' in a separate Node process, and the shipped bundles checked for what
// a strict Content-Security-Policy refuses.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

// What `npm run build` writes and the package ships.
const SHIPPED = ['ltgs-checkout.js', 'ltgs-checkout.app.js', 'ltgs-checkout.rw.js', 'ltgs-checkout.fr.js', 'ltgs-checkout.wasm',
                 'ltgs-checkout.single.js', 'ltgs-checkout.mjs', 'ltgs-checkout.d.ts', 'checkout.js', 'checkout.wasm'];

// LTGS's documented sample values (Sale_Reference_ID, Customer_KYC_ID, Phone_Number, amount 15000).
const SAMPLE = {
  Sale_Reference_ID: 'LTGSINV_230624_001',
  Customer_KYC_ID: '1199999999999999',
  Phone_Number: '0788123456',
  Email_Address: 'payer@example.com',
  Services_Name: 'Water bill',
  Total_Amount_to_Pay: 15000,
  Callback_URL: 'https://shop.example.com/ltgs/callback',
};

// npm run-script exports npm_config_* (prefix, cache, …) to the test process: a child npm must not
// inherit them, or it could install into this repository instead of the temporary project.
function cleanEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^npm_/i.test(k) && k !== 'INIT_CWD') env[k] = v;
  }
  return env;
}

function run(cmd, args, { cwd, input } = {}) {
  const r = spawnSync(cmd, args, { cwd, input, env: cleanEnv(), encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}\n${r.stdout}\n${r.stderr}`);
  }
  return r;
}

let tmp;
let tarball;
let packedFiles;
let installed;  // node_modules/ltgs-checkout in the temporary project

beforeAll(() => {
  const missing = SHIPPED.filter((name) => !fs.existsSync(path.join(ROOT, 'dist', name)));
  if (missing.length) {
    throw new Error(`dist/ lacks ${missing.join(', ')}: run npm run build (build:wasm, then build:web) first`);
  }
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ltgs-package-'));
  const packDir = path.join(tmp, 'pack');
  fs.mkdirSync(packDir);
  const packed = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir],
                                { cwd: ROOT }).stdout);
  tarball = path.join(packDir, packed[0].filename);
  packedFiles = packed[0].files.map((f) => f.path);

  const project = path.join(tmp, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'),
                   JSON.stringify({ name: 'ltgs-package-test', version: '0.0.0', private: true }));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: project });
  installed = path.join(project, 'node_modules', 'ltgs-checkout');
}, 180_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('package.json', () => {
  test('has no runtime dependencies, so the tarball installs offline; the server package\'s stores are optional peers', () => {
    expect(PKG.dependencies === undefined || Object.keys(PKG.dependencies).length === 0).toBe(true);
    expect(Object.keys(PKG.peerDependencies).sort()).toEqual(['better-sqlite3', 'pg']);
    for (const name of Object.keys(PKG.peerDependencies)) expect(PKG.peerDependenciesMeta[name]).toEqual({ optional: true });
  });

  test('exports the ES module with its types, and every target ships', () => {
    const main = PKG.exports && PKG.exports['.'];
    expect(main).toBeDefined();
    const targets = [];
    const walk = (v) => (typeof v === 'string' ? targets.push(v) : Object.values(v).forEach(walk));
    walk(PKG.exports);
    for (const target of targets) expect(packedFiles).toContain(target.replace(/^\.\//, ''));
    expect(JSON.stringify(main)).toContain('./dist/ltgs-checkout.mjs');
    expect(JSON.stringify(main)).toContain('./dist/ltgs-checkout.d');
    expect(packedFiles).toContain(PKG.types.replace(/^\.\//, ''));
  });
});

describe('npm pack', () => {
  test('ships the widget builds, the Node core and the CLI', () => {
    for (const name of SHIPPED) expect(packedFiles).toContain(`dist/${name}`);
    expect(packedFiles).toContain('package.json');
    expect(packedFiles).toContain('README.md');
    expect(packedFiles).toContain(PKG.bin['ltgs-checkout'].replace(/^\.\//, ''));
  });

  test('ships no build tree, sources, tests or third-party code (web/ only for ltgs-checkout/server)', () => {
    const forbidden = /^(build|web|core|wasm|tests|third_party|node_modules|scripts|\.ci)\//;
    const server = /^web\/(README\.md|partner\/README\.md|partner\/[a-z-]+\.(mjs|js|d\.mts)|lib\/(core|signature|guards|http)\.js)$/;
    expect(packedFiles.filter((f) => forbidden.test(f) && !server.test(f))).toEqual([]);
    for (const f of ['web/partner/index.mjs', 'web/partner/index.d.mts', 'web/partner/handlers.mjs', 'web/partner/store.js',
      'web/partner/postgres-store.js', 'web/partner/core.js']) expect(packedFiles).toContain(f);
  });

  test('ltgs-checkout/server imports from the installed package and answers a request (no store package needed to load)', () => {
    const code = `
      import * as server from 'ltgs-checkout/server';
      const core = await server.loadCore();
      const h = await server.createCheckoutHandlers({
        core, store: { transaction: async () => null, getOrder: () => null, findAttempt: () => null, logCallback: () => {} },
        ltgs: { baseUrl: 'https://ltgs.example', apiKey: 'k' }, callback: { publicUrl: 'https://p.example' } });
      const res = await h.handle(new Request('https://p.example/checkout/initiate', { method: 'POST',
        headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ Sale_Reference_ID: 'X-R2-R2' }) }));
      console.log(JSON.stringify({ exports: Object.keys(server).sort(), status: res.status, body: await res.json() }));
    `;
    const r = run(process.execPath, ['--input-type=module', '-e', code], { cwd: path.dirname(path.dirname(installed)) });
    const out = JSON.parse(r.stdout);
    expect(out.exports).toEqual(expect.arrayContaining(['createCheckoutHandlers', 'toNodeHandler', 'expressMiddleware',
      'openSqliteStore', 'openPostgresStore', 'issueCheckoutToken']));
    expect(out).toMatchObject({ status: 400, body: { errors: [{ code: 'order.reference_reserved_suffix' }] } });
  });
});

describe('installed into another project', () => {
  test('the ES module loads the wasm and validates LTGS\'s sample request', () => {
    const code = `
      import * as pkg from 'ltgs-checkout';
      import LTGSCheckout from 'ltgs-checkout';
      const core = await pkg.loadCore();
      const sample = ${JSON.stringify(SAMPLE)};
      console.log(JSON.stringify({
        exports: Object.keys(pkg).sort(),
        defaultIsApi: LTGSCheckout === pkg.LTGSCheckout,
        api: Object.keys(LTGSCheckout).sort(),
        valid: core.validateRequestJson(JSON.stringify(sample)),
        landline: core.validateRequestJson(JSON.stringify({ ...sample, Phone_Number: '0252123456' })),
      }));`;
    const r = run(process.execPath, ['--input-type=module', '-e', code], { cwd: path.dirname(path.dirname(installed)) });
    const out = JSON.parse(r.stdout);
    expect(out.exports).toEqual(expect.arrayContaining(['LTGSCheckout', 'default', 'loadCore', 'mount', 'open', 'PaymentFlow']));
    expect(out.defaultIsApi).toBe(true);
    expect(out.api).toEqual(expect.arrayContaining(['open', 'mount']));
    expect(out.valid).toEqual({
      ok: true,
      value: { request: { ...SAMPLE }, phone: { e164: '+250788123456', operator: 'MTN' } },
    });
    expect(out.landline.ok).toBe(false);
    expect(out.landline.errors.map((e) => [e.field, e.code])).toEqual([['Phone_Number', 'phone.landline']]);
  }, 60_000);

  test('the command line runs from the installed package', () => {
    const cli = path.join(installed, PKG.bin['ltgs-checkout']);
    const r = run(process.execPath, [cli, 'validate', '-'], { input: JSON.stringify(SAMPLE), cwd: os.tmpdir() });
    expect(JSON.parse(r.stdout).ok).toBe(true);
  }, 60_000);
});

describe('shipped bundles', () => {
  const read = (name) => fs.readFileSync(path.join(installed, 'dist', name), 'utf8');

  test.each(['ltgs-checkout.js', 'ltgs-checkout.single.js', 'ltgs-checkout.mjs'])(
    '%s evaluates no strings (no eval, no new Function): script-src without unsafe-eval allows it', (name) => {
      const text = read(name);
      expect(text).not.toMatch(/\beval\s*\(/);
      expect(text).not.toMatch(/new\s+Function\b/);
    });

  test('the single-file bundle names no .wasm beside it to fetch', () => {
    const text = read('ltgs-checkout.single.js');
    expect(text).not.toContain('ltgs-checkout.wasm');
    // Emscripten's glue still computes a URL for its own default name (checkout-es.wasm), but with wasmBinary
    // given it never requests it (checked in Chromium with connect-src 'none').
  });

  test('the ES module is self-contained: its only import is Node\'s fs, with a specifier bundlers skip', () => {
    const text = read('ltgs-checkout.mjs');
    const imports = text.match(/\bimport\b(?!\.meta)[^;]{0,100}/g) || [];
    expect(imports).toHaveLength(1);
    expect(imports[0]).toMatch(/^import\(\/\* webpackIgnore: true \*\/ \/\* @vite-ignore \*\/ \["node","fs\/promises"\]/);
    expect(text).toContain('new URL("./ltgs-checkout.wasm",import.meta.url)');  // bundlers copy the asset
  });

  test('the script-tag bundle makes no use of import.meta (empty in a classic script)', () => {
    expect(read('ltgs-checkout.js')).not.toContain('import.meta');
    expect(read('ltgs-checkout.single.js')).not.toContain('import.meta');
  });
});
