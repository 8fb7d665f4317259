// The README's samples run, and say what they print; it documents every error code the headers declare.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

const blocks = (lang) => [...README.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);

describe('README', () => {
  test('each JavaScript sample runs and prints what its comments say', () => {
    const samples = blocks('js');
    expect(samples.length).toBeGreaterThan(0);
    for (const code of samples) {
      const expected = [...code.matchAll(/console\.log\(.*\);\s*\/\/ (.*)$/gm)].map((m) => m[1]);
      const r = spawnSync(process.execPath, ['-e', code], { cwd: ROOT, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout.trimEnd().split('\n')).toEqual(expected);
    }
  });

  test('the command-line sample of a valid request is what the CLI prints for it', () => {
    const lines = blocks('json').flatMap((b) => b.trim().split('\n'));
    const valid = lines.map((l) => JSON.parse(l)).filter((o) => o.ok);
    expect(valid.length).toBeGreaterThan(0);
    for (const sample of valid) {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ltgs-checkout.js'), 'validate', '-'], {
        input: JSON.stringify(sample.request),
        encoding: 'utf8',
      });
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(sample);
    }
  });

  test('lists every error code of the payment-request and order headers', () => {
    const headers = ['payment_request', 'text', 'national_id', 'phone', 'email', 'amount', 'callback_url', 'order'];
    const codes = new Set();
    for (const h of headers) {
      const text = fs.readFileSync(path.join(ROOT, 'core', 'include', 'ltgs', `${h}.hpp`), 'utf8');
      for (const m of text.matchAll(/\b(?:json|reference|national_id|phone|email|services_name|amount|callback_url|order)\.[a-z_]+\b/g)) {
        if (!m[0].endsWith('.hpp')) codes.add(m[0]);
      }
    }
    expect(codes.size).toBeGreaterThan(30);
    const undocumented = [...codes].filter((code) => !README.includes(`\`${code}\``));
    expect(undocumented).toEqual([]);
  });
});
