// The README and docs/: every Node sample (```js) runs and prints what its comments say, the command-line
// samples are what the CLI prints, docs/validation.md holds the core's catalogue of codes (dist/codes.json) and
// names each field's codes, and docs/integration.md every code the server package and the sandbox answer. The browser samples (```html,
// ```js browser) run in jsdom (docs-widget.test.mjs); the OpenAPI documents are checked in openapi.test.mjs.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const read = (rel) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

const DOCS = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort()
  .map((f) => `docs/${f}`)];
const TEXT = Object.fromEntries(DOCS.map((d) => [d, read(d)]));

// The fenced blocks whose info string is exactly `info` (```js, not ```js browser).
const blocks = (text, info) => [...text.matchAll(new RegExp('^```' + info + '\\n([\\s\\S]*?)^```', 'gm'))].map((m) => m[1]);

// What a sample says it prints: the comment after each `console.log(…);`, in order. A trailing "(…)" is a
// remark, not output; "…" stands for any text.
function expectedOutput(code) {
  return [...code.matchAll(/console\.log\(.*\);\s*\/\/ (.*)$/gm)].map((m) => m[1].replace(/\s+\([^()]*\)$/, '').trimEnd());
}
function matches(line, expected) {
  if (!expected.includes('…')) return line === expected;
  const pattern = expected.split('…').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${pattern}$`).test(line);
}

function runSample(code) {
  const esm = /^import\s/m.test(code);
  const args = esm ? ['--input-type=module', '-e', code] : ['-e', code];
  return spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
}

const nodeSamples = DOCS.flatMap((doc) => blocks(TEXT[doc], 'js').map((code, i) => [`${doc} #${i + 1}`, code]));

describe('the samples of the README and docs/', () => {
  test('the README and docs/integration.md have Node samples to run', () => {
    expect(blocks(TEXT['README.md'], 'js').length).toBeGreaterThan(0);
    expect(blocks(TEXT['docs/integration.md'], 'js').length).toBeGreaterThanOrEqual(5);
  });

  test('no JavaScript sample escapes the tests under another fence name', () => {
    for (const doc of DOCS) {
      const fences = [...TEXT[doc].matchAll(/^```([^\n]*)$/gm)].map((m) => m[1]).filter((_, i) => i % 2 === 0);
      expect(fences.filter((f) => /^(javascript|mjs|cjs|ts|typescript|jsx)\b/.test(f))).toEqual([]);
    }
  });

  test.each(nodeSamples)('%s runs and prints what its comments say', (name, code) => {
    const expected = expectedOutput(code);
    expect(expected.length).toBeGreaterThan(0);
    const r = runSample(code);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(expected.length);
    lines.forEach((line, i) => {
      if (!matches(line, expected[i])) expect(line).toBe(expected[i]);
    });
  }, 60_000);

  test('no sample imports a path the package does not export', () => {
    const pkg = JSON.parse(read('package.json'));
    const exported = new Set(Object.keys(pkg.exports).map((k) => (k === '.' ? 'ltgs-checkout' : `ltgs-checkout/${k.slice(2)}`)));
    for (const doc of DOCS) {
      for (const m of TEXT[doc].matchAll(/(?:from\s+|require\(|import\()'(ltgs-checkout[^']*)'/g)) {
        expect({ doc, specifier: m[1], exported: exported.has(m[1]) }).toEqual({ doc, specifier: m[1], exported: true });
      }
    }
  });

  test('the command-line samples of a valid request are what the CLI prints for it', () => {
    const samples = ['README.md', 'docs/validation.md'].flatMap((doc) => blocks(TEXT[doc], 'json'))
      .flatMap((b) => b.trim().split('\n')).map((l) => JSON.parse(l)).filter((o) => o.ok === true && o.request);
    expect(samples.length).toBeGreaterThan(0);
    for (const sample of samples) {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ltgs-checkout.js'), 'validate', '-'], {
        input: JSON.stringify(sample.request),
        encoding: 'utf8',
      });
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(sample);
    }
  });

  test('every ```json sample is JSON (whole, or one document a line)', () => {
    for (const doc of DOCS) {
      for (const b of blocks(TEXT[doc], 'json')) {
        let whole = true;
        try {
          JSON.parse(b);
        } catch {
          whole = false;
        }
        if (!whole) for (const line of b.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
      }
    }
  });

  test('the Content-Security-Policy samples are the one the hostile-page browser test runs whole payments under', () => {
    const exact = read('tests/browser/hostile-page.test.js').match(/const EXACT_CSP = "([^"]+)";/)[1];
    const samples = DOCS.flatMap((doc) => blocks(TEXT[doc], 'text')).filter((b) => b.startsWith('Content-Security-Policy:'));
    expect(samples.length).toBeGreaterThan(0);
    for (const sample of samples) expect(sample.trim()).toBe(`Content-Security-Policy: ${exact}`);
  });

  test('relative links between the documents lead to files that exist', () => {
    for (const doc of DOCS) {
      const prose = TEXT[doc].replace(/^```[^\n]*\n[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
      for (const m of prose.matchAll(/\]\(([^)#\s]+)(#[^)\s]*)?\)/g)) {
        if (/^[a-z]+:/.test(m[1])) continue;
        const target = path.join(ROOT, path.dirname(doc), m[1]);
        expect({ doc, link: m[1], exists: fs.existsSync(target) }).toEqual({ doc, link: m[1], exists: true });
      }
    }
  });
});

// A code is listed when it appears in backticks, or its family does (`amount_paid.*`).
const listed = (text, code) => text.includes(`\`${code}\``) || text.includes(`\`${code.split('.')[0]}.*\``);

describe('the codes', () => {
  // The core's catalogue, as the core itself lists it (dist/codes.json, written by npm run build:web).
  const CATALOGUE = JSON.parse(read('dist/codes.json'));
  const codesOf = (...families) => CATALOGUE.map((c) => c.code).filter((code) => families.includes(code.split('.')[0]));

  test('the table "Every code" of docs/validation.md is the core\'s catalogue, row for row', () => {
    const doc = TEXT['docs/validation.md'];
    const table = doc.slice(doc.indexOf('\n## Every code\n'));
    const unescape = (cell) => cell.trim().replace(/\\([|*`\\])/g, '$1');
    const rows = table.split('\n').filter((line) => /^\| `[a-z_]+\.[a-z_0-9]+` \|/.test(line)).map((line) => {
      const cells = line.slice(1, -1).split(/(?<!\\)\|/).map(unescape);
      const code = (text) => text.replace(/^`|`$/g, '');
      return { code: code(cells[0]), kind: cells[1], field: code(cells[2]), message: cells[3],
        params: cells[4] ? cells[4].split(', ').map(code) : [] };
    });
    expect(rows.length).toBeGreaterThan(180);
    expect(rows).toEqual(CATALOGUE);
  });

  test('docs/validation.md names every code of the payment request\'s fields where it describes them', () => {
    const codes = codesOf('json', 'reference', 'national_id', 'phone', 'email', 'services_name', 'amount', 'callback_url');
    expect(codes.length).toBeGreaterThan(30);
    const doc = TEXT['docs/validation.md'];
    const prose = doc.slice(0, doc.indexOf('\n## Every code\n'));
    expect(codes.filter((code) => !prose.includes(`\`${code}\``))).toEqual([]);
  });

  test('docs/integration.md lists every code of the order', () => {
    const codes = codesOf('order');
    expect(codes.length).toBeGreaterThan(8);
    const doc = TEXT['docs/integration.md'];
    expect(codes.filter((code) => !doc.includes(`\`${code}\``))).toEqual([]);
  });

  test('docs/integration.md lists every code the server package, the sandbox and the demo server answer', () => {
    const sources = ['web/partner/handlers.mjs', 'web/partner/checkout-token.js', 'web/partner/signature.js', 'web/partner/http.js',
      'web/partner/guards.js', 'web/sandbox/ltgs-sandbox.js'];
    const families = /^(request|ltgs|reference|order|rate|json|idempotency|payment|callback|server|checkout|signature|auth|method|sandbox)\./;
    const codes = new Set();
    for (const file of sources) {
      for (const m of read(file).matchAll(/['`]([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)['`]/g)) {
        if (families.test(m[1])) codes.add(m[1]);
      }
    }
    // The core's refusals of an initiation, the payment method's codes and the callback parser's errors.
    for (const c of CATALOGUE) {
      const family = c.code.split('.')[0];
      if (['order', 'method'].includes(family) || (c.kind === 'error' &&
        ['status', 'channel', 'payment_ref', 'amount_paid', 'paid_on'].includes(family))) codes.add(c.code);
    }
    expect(codes.size).toBeGreaterThan(50);
    const doc = TEXT['docs/integration.md'];
    expect([...codes].filter((code) => !listed(doc, code))).toEqual([]);
  });

  test('docs/integration.md gives every HTTP status of the partner endpoints', () => {
    const yaml = read('docs/openapi/partner.yaml');
    const statuses = new Set([...yaml.matchAll(/^ {8}'([1-5][0-9]{2})':/gm)].map((m) => m[1]));
    expect(statuses.size).toBeGreaterThan(10);
    const doc = TEXT['docs/integration.md'];
    expect([...statuses].filter((s) => !doc.includes(`**${s}**`))).toEqual([]);
  });
});
