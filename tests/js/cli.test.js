// The command-line entry (bin/ltgs-checkout.js), run as a child process on the built wasm core.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'ltgs-checkout.js');
const { loadCore } = require('./core-loader.js');

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

let tmpDir;
beforeAll(() => {
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ltgs-cli-'));
});
afterAll(() => {
  fs.rmSync(tmpDir, { recursive: true, force: true });
});

let fileCount = 0;
function writeTemp(content) {
  const file = path.join(tmpDir, `payload-${++fileCount}.json`);
  fs.writeFileSync(file, content);
  return file;
}

function run(args, { input, cli = CLI, cwd = ROOT } = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { input, cwd, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// stdout must be exactly one line of JSON.
function parseOutput(stdout) {
  expect(stdout.endsWith('\n')).toBe(true);
  expect(stdout.trimEnd().includes('\n')).toBe(false);
  return JSON.parse(stdout);
}

const fieldsAndCodes = (result) => result.errors.map((e) => [e.field, e.code]);

describe('ltgs-checkout validate', () => {
  let core;
  beforeAll(async () => {
    core = await loadCore();
  });

  test('accepts LTGS sample payload, exits 0 and prints the normalised request with the phone', () => {
    const { status, stdout, stderr } = run(['validate', writeTemp(JSON.stringify(SAMPLE, null, 2))]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const out = parseOutput(stdout);
    expect(out.ok).toBe(true);
    expect(out.request).toEqual(SAMPLE);
    expect(out.phone).toEqual({ e164: '+250788123456', operator: 'MTN' });
  });

  test('prints exactly what the core returns for the same text and settings', () => {
    const text = JSON.stringify({ ...SAMPLE, Phone_Number: '+250 722 123 456', Customer_KYC_ID: '1 1999 9 9999999 9 99' });
    const { status, stdout } = run(['validate', writeTemp(text)]);
    expect(status).toBe(0);
    const answer = core.validateRequestJson(text, { currentYear: new Date().getFullYear() });
    expect(answer.ok).toBe(true);
    const expected = { ok: true, ...answer.value };  // the command line prints the value beside "ok"
    expect(parseOutput(stdout)).toEqual(expected);
    expect(expected.request.Phone_Number).toBe('0722123456');
    expect(expected.request.Customer_KYC_ID).toBe('1199999999999999');
    expect(expected.phone).toEqual({ e164: '+250722123456', operator: 'Airtel' });
  });

  test('reports every problem at once, in field order, and exits 1', () => {
    const payload = {
      Sale_Reference_ID: 'INV 001',
      Customer_KYC_ID: '12345',
      Phone_Number: '+254712345678',
      Email_Address: 'payer.example.com',
      Total_Amount_to_Pay: 1500.5,
      Callback_URL: 'http://shop.example.com/ltgs/callback',
    };
    const { status, stdout } = run(['validate', writeTemp(JSON.stringify(payload))]);
    expect(status).toBe(1);
    const out = parseOutput(stdout);
    expect(out.ok).toBe(false);
    expect(fieldsAndCodes(out)).toEqual([
      ['Sale_Reference_ID', 'reference.invalid_characters'],
      ['Customer_KYC_ID', 'national_id.wrong_length'],
      ['Phone_Number', 'phone.foreign_number'],
      ['Email_Address', 'email.missing_at'],
      ['Services_Name', 'services_name.required'],
      ['Total_Amount_to_Pay', 'amount.not_whole_francs'],
      ['Callback_URL', 'callback_url.not_https'],
    ]);
    for (const e of out.errors) {
      expect(typeof e.message).toBe('string');
      expect(e.message.length).toBeGreaterThan(0);
    }
  });

  test('reports malformed JSON as a document error with exit 1', () => {
    const { status, stdout } = run(['validate', writeTemp('{"Sale_Reference_ID": "A1",')]);
    expect(status).toBe(1);
    const out = parseOutput(stdout);
    expect(out.ok).toBe(false);
    expect(fieldsAndCodes(out)).toEqual([['$', 'json.malformed']]);
  });

  test('reads the payload from standard input with -', () => {
    const { status, stdout } = run(['validate', '-'], { input: JSON.stringify(SAMPLE) });
    expect(status).toBe(0);
    expect(parseOutput(stdout).request).toEqual(SAMPLE);

    const bad = run(['validate', '-'], { input: JSON.stringify({ ...SAMPLE, Phone_Number: '0252123456' }) });
    expect(bad.status).toBe(1);
    expect(fieldsAndCodes(parseOutput(bad.stdout))).toEqual([['Phone_Number', 'phone.landline']]);
  });

  test('answers json.invalid_utf8 for bytes that are not UTF-8, exit 1', () => {
    const bytes = Buffer.concat([
      Buffer.from('{"Sale_Reference_ID":"A1","Services_Name":"caf'),
      Buffer.from([0xe9]), // Latin-1 "é": not UTF-8
      Buffer.from('"}'),
    ]);
    for (const args of [['validate', writeTemp(bytes)], ['validate', '-']]) {
      const { status, stdout } = run(args, { input: bytes });
      expect(status).toBe(1);
      const out = parseOutput(stdout);
      expect(out.ok).toBe(false);
      expect(fieldsAndCodes(out)).toEqual([['$', 'json.invalid_utf8']]);
    }
  });

  test('--sandbox allows a plain-http callback on localhost', () => {
    const file = writeTemp(JSON.stringify({ ...SAMPLE, Callback_URL: 'http://localhost:8080/ltgs/callback' }));
    const strict = run(['validate', file]);
    expect(strict.status).toBe(1);
    expect(fieldsAndCodes(parseOutput(strict.stdout))).toEqual([['Callback_URL', 'callback_url.not_https']]);

    const sandbox = run(['validate', '--sandbox', file]);
    expect(sandbox.status).toBe(0);
    expect(parseOutput(sandbox.stdout).request.Callback_URL).toBe('http://localhost:8080/ltgs/callback');
  });

  test('--email-required, --min-amount and --max-amount map to the settings', () => {
    const { Email_Address: _omitted, ...noEmail } = SAMPLE;
    const file = writeTemp(JSON.stringify(noEmail));
    expect(run(['validate', file]).status).toBe(0);

    const required = run(['validate', '--email-required', file]);
    expect(required.status).toBe(1);
    expect(fieldsAndCodes(parseOutput(required.stdout))).toEqual([['Email_Address', 'email.required']]);

    const below = run(['validate', '--min-amount', '20000', file]);
    expect(below.status).toBe(1);
    expect(fieldsAndCodes(parseOutput(below.stdout))).toEqual([['Total_Amount_to_Pay', 'amount.below_minimum']]);

    const above = run(['validate', '--max-amount=10000', file]);
    expect(above.status).toBe(1);
    expect(fieldsAndCodes(parseOutput(above.stdout))).toEqual([['Total_Amount_to_Pay', 'amount.above_maximum']]);

    expect(run(['validate', '--min-amount', '15000', '--max-amount', '15000', file]).status).toBe(0);
  });

  test('exits 2 with a message on stderr when the file cannot be read', () => {
    const missing = run(['validate', path.join(tmpDir, 'no-such-file.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/no-such-file\.json.*no such file/);

    const directory = run(['validate', tmpDir]);
    expect(directory.status).toBe(2);
    expect(directory.stdout).toBe('');
    expect(directory.stderr).toMatch(/is a directory/);
  });

  test.each([[['--help']], [['validate', '--help']]])('%j prints the usage on stdout and exits 0', (args) => {
    const { status, stdout, stderr } = run(args);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Usage: ltgs-checkout validate/);
    expect(stderr).toBe('');
  });

  test.each([
    [[]],
    [['frobnicate', 'x.json']],
    [['validate']],
    [['validate', 'a.json', 'b.json']],
    [['validate', '--min-amount', 'lots', 'a.json']],
    [['validate', '--max-amount']],
    [['validate', '--colour', 'a.json']],
    [['validate', '--sandbox=yes', 'a.json']],
  ])('usage error %j: usage on stderr, nothing on stdout, exit 2', (args) => {
    const { status, stdout, stderr } = run(args);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/Usage: ltgs-checkout validate/);
  });

  test('says to build first when the wasm core is missing, exit 2', () => {
    const lonely = path.join(tmpDir, 'pkg', 'bin', 'ltgs-checkout.js'); // no ../dist beside it
    fs.mkdirSync(path.dirname(lonely), { recursive: true });
    fs.copyFileSync(CLI, lonely);
    // The package's Node loader of the core, which the CLI uses, is beside it as in the package.
    const loader = path.join(tmpDir, 'pkg', 'web', 'partner', 'core.js');
    fs.mkdirSync(path.dirname(loader), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'web', 'partner', 'core.js'), loader);
    const { status, stdout, stderr } = run(['validate', writeTemp(JSON.stringify(SAMPLE))], { cli: lonely });
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/run npm run build first/);
  });

  test('npx resolves the package\'s own bin from the repository, without the registry', () => {
    const file = writeTemp(JSON.stringify(SAMPLE));
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['exec', '--offline', '--no', '--', 'ltgs-checkout', 'validate', file], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, npm_config_update_notifier: 'false' },
    });
    expect(r.status).toBe(0);
    expect(parseOutput(r.stdout).phone).toEqual({ e164: '+250788123456', operator: 'MTN' });
  });
});

describe('ltgs-checkout qr, emv and options', () => {
  const jsQR = require('jsqr');

  test('qr prints an SVG document that encodes the text', () => {
    const { status, stdout, stderr } = run(['qr', '--ecc', 'H', 'https://partner.example/pay?ref=INV1']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*shape-rendering="crispEdges"/);
    expect(stdout.trimEnd().endsWith('</svg>')).toBe(true);
    // Paint the path's runs and decode them.
    const side = Number(/viewBox="0 0 (\d+) \1"/.exec(stdout)[1]);
    const scale = 4;
    const data = new Uint8ClampedArray(side * side * scale * scale * 4).fill(255);
    let x = 0, y = 0;
    for (const [, op, a, b] of /d="([^"]*)"/.exec(stdout)[1].matchAll(/([Mmh])(-?\d+)(?: (-?\d+)(?:\.5)?)?/g)) {
      if (op === 'M') [x, y] = [Number(a), Number(b)];
      if (op === 'm') [x, y] = [x + Number(a), y + Number(b)];
      if (op !== 'h') continue;
      for (let px = x * scale; px < (x + Number(a)) * scale; px++) {
        for (let py = y * scale; py < (y + 1) * scale; py++) data.fill(0, (py * side * scale + px) * 4, (py * side * scale + px) * 4 + 3);
      }
      x += Number(a);
    }
    expect(jsQR(data, side * scale, side * scale).data).toBe('https://partner.example/pay?ref=INV1');
  });

  test('qr refuses a text too long and a bad level, with a message', () => {
    const long = run(['qr', '-'], { input: 'x'.repeat(3000) });
    expect(long.status).toBe(1);
    expect(long.stdout).toBe('');
    expect(long.stderr).toMatch(/qr\.too_long/);
    const level = run(['qr', '--ecc', 'Z', 'HELLO']);
    expect(level.status).toBe(1);
    expect(level.stderr).toMatch(/qr\.invalid_ecc/);
  });

  test('codes prints the core\'s catalogue, as dist/codes.json ships it', () => {
    const r = run(['codes']);
    expect(r.status).toBe(0);
    const printed = parseOutput(r.stdout);
    expect(printed).toEqual(JSON.parse(fs.readFileSync(path.join(ROOT, 'dist', 'codes.json'), 'utf8')));
    expect(printed.find((c) => c.code === 'amount.below_minimum')).toEqual({
      code: 'amount.below_minimum', kind: 'error', field: 'Total_Amount_to_Pay',
      message: 'The amount must be at least RWF {min}.', params: ['min'],
    });
    const extra = run(['codes', 'more']);
    expect(extra.status).toBe(2);
    expect(extra.stderr).toContain('codes takes no operand');
  });

  test('emv build reads JSON on stdin; emv parse reads it back', () => {
    const input = JSON.stringify({
      guid: 'rw.example.ltgs', merchantId: 'M1', mcc: '4900', merchantName: 'WASAC', merchantCity: 'Kigali',
      amount: 15000, reference: 'LTGSINV_230624_001',
    });
    const built = run(['emv', 'build'], { input });
    expect(built.status).toBe(0);
    const { payload } = parseOutput(built.stdout);
    expect(payload.startsWith('000201010212')).toBe(true);
    const parsed = run(['emv', 'parse', payload]);
    expect(parsed.status).toBe(0);
    expect(parseOutput(parsed.stdout).emv).toMatchObject({ amount: '15000', referenceLabel: 'LTGSINV_230624_001' });
  });

  test('emv parse exits 1 with the error code on a damaged payload; emv build on a bad input', () => {
    const pix = '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D';
    const bad = run(['emv', 'parse', pix.replace('1D3D', '1D3E')]);
    expect(bad.status).toBe(1);
    expect(parseOutput(bad.stdout).error.code).toBe('emv.bad_crc');
    expect(parseOutput(run(['emv', 'parse', pix]).stdout).emv.merchantName).toBe('Fulano de Tal');
    const badBuild = run(['emv', 'build'], { input: '{"guid":"g","mcc":"49"}' });
    expect(badBuild.status).toBe(1);
    expect(parseOutput(badBuild.stdout).error.code).toBe('emv.invalid_value');
    expect(run(['emv', 'frobnicate']).status).toBe(2);
  });

  test('options prints the ways to pay for a request, honouring configuration', () => {
    const file = writeTemp(JSON.stringify(SAMPLE));
    const plain = run(['options', file]);
    expect(plain.status).toBe(0);
    const out = parseOutput(plain.stdout);
    expect(out.default).toBe('MTN_MOMO');
    expect(out.options.map((o) => o.method)).toEqual(['MTN_MOMO', 'QR']);

    const config = writeTemp(JSON.stringify({ mtnMerchantCode: '012345' }));
    const withUssd = parseOutput(run(['options', '--config', config, '--disable', 'QR', file]).stdout);
    expect(withUssd.options.map((o) => o.method)).toEqual(['MTN_MOMO', 'USSD']);
    expect(withUssd.options[1].tel).toBe('tel:*182*8*1*012345*15000%23');

    const invalid = run(['options', writeTemp(JSON.stringify({ ...SAMPLE, Phone_Number: '0252123456' }))]);
    expect(invalid.status).toBe(1);
    expect(fieldsAndCodes(parseOutput(invalid.stdout))).toEqual([['Phone_Number', 'phone.landline']]);
    expect(run(['options', '--disable', 'CASH', file]).status).toBe(2);
  });
});

// Findings of the security review, each test named after its finding.
describe('security review findings', () => {
  const { spawn } = require('child_process');
  const { Readable } = require('stream');

  // Each spawn has a timeout: a command that reads without bound is killed, and shows as a signal, not a hang.
  const BOUND_MS = 20000;
  const DEV_ZERO = '/dev/zero';
  const onUnix = fs.existsSync(DEV_ZERO) ? test : test.skip;
  const bounded = (args, options = {}) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: BOUND_MS, ...options });
    if (r.error && r.error.code !== 'ETIMEDOUT') throw r.error;
    return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
  };
  // Standard input from a file descriptor (a device), not from a buffer.
  const withStdinFrom = (file, fn) => {
    const fd = fs.openSync(file, 'r');
    try {
      return fn(fd);
    } finally {
      fs.closeSync(fd);
    }
  };

  const PROMPTPAY = '00020101021129370016A000000677010111011300668012345675802TH530376463046197';

  describe('CLI reads unbounded input', () => {
    onUnix('validate /dev/zero stops after 64 KiB and answers json.too_large, exit 1', () => {
      const r = bounded(['validate', DEV_ZERO]);
      expect(r.signal).toBeNull();
      expect(r.status).toBe(1);
      expect(fieldsAndCodes(parseOutput(r.stdout))).toEqual([['$', 'json.too_large']]);
    }, 60000);

    onUnix('every command that reads standard input stops after its limit when it is /dev/zero', () => {
      const cases = [
        [['validate', '-'], (out) => expect(fieldsAndCodes(out)).toEqual([['$', 'json.too_large']])],
        [['options', '-'], (out) => expect(fieldsAndCodes(out)).toEqual([['$', 'json.too_large']])],
        [['emv', 'build'], (out) => expect(out.error.code).toBe('json.too_large')],
        [['emv', 'parse', '-'], (out) => expect(out.error.code).toBe('emv.too_long')],
      ];
      for (const [args, check] of cases) {
        const r = withStdinFrom(DEV_ZERO, (fd) => bounded(args, { stdio: [fd, 'pipe', 'pipe'] }));
        expect([args, r.signal, r.status]).toEqual([args, null, 1]);
        check(parseOutput(r.stdout));
      }
      const qr = withStdinFrom(DEV_ZERO, (fd) => bounded(['qr', '-'], { stdio: [fd, 'pipe', 'pipe'] }));
      expect([qr.signal, qr.status, qr.stdout]).toEqual([null, 1, '']);
      expect(qr.stderr).toMatch(/qr\.too_long/);
    }, 120000);

    onUnix('a --config file that never ends is refused after 64 KiB, exit 2', () => {
      const r = bounded(['options', '--config', DEV_ZERO, writeTemp(JSON.stringify(SAMPLE))]);
      expect([r.signal, r.status, r.stdout]).toEqual([null, 2, '']);
      expect(r.stderr).toMatch(/--config "\/dev\/zero".*json\.too_large/);
    }, 60000);

    test('a pipe writing 100 MB is cut off after 64 KiB: json.too_large, exit 1', async () => {
      const child = spawn(process.execPath, [CLI, 'validate', '-'], { cwd: ROOT, timeout: BOUND_MS });
      let written = 0;
      const MiB = Buffer.alloc(1024 * 1024, ' ');
      const source = Readable.from((function* lazily() {
        for (; written < 100 * MiB.length; written += MiB.length) yield MiB;
      })());
      child.stdin.on('error', () => {});  // EPIPE once the reader has stopped: expected
      source.pipe(child.stdin);
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (s) => { stdout += s; });
      const [status, signal] = await new Promise((resolve) => child.on('close', (...r) => resolve(r)));
      source.destroy();
      expect(signal).toBeNull();
      expect(status).toBe(1);
      expect(fieldsAndCodes(parseOutput(stdout))).toEqual([['$', 'json.too_large']]);
      expect(written).toBeLessThan(100 * MiB.length);  // it stopped reading long before the end
    }, 60000);

    test('the limit is 64 KiB inclusive, for files and standard input', () => {
      const text = JSON.stringify(SAMPLE);
      const exactly = text + ' '.repeat(64 * 1024 - Buffer.byteLength(text));
      for (const [input, status] of [[exactly, 0], [exactly + ' ', 1]]) {
        const fromFile = bounded(['validate', writeTemp(input)]);
        const fromStdin = bounded(['validate', '-'], { input });
        for (const r of [fromFile, fromStdin]) {
          expect(r.status).toBe(status);
          if (status === 1) expect(fieldsAndCodes(parseOutput(r.stdout))).toEqual([['$', 'json.too_large']]);
        }
      }
    }, 60000);
  });

  describe('CLI config errors are silent', () => {
    const request = () => writeTemp(JSON.stringify(SAMPLE));
    test.each([
      ['that is not UTF-8', Buffer.concat([Buffer.from('{"mtnMomo":false,"x":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]), 'json.invalid_utf8'],
      ['that is an array', '[{"mtnMomo":false}]', 'json.not_object'],
      ['that is null', 'null', 'json.not_object'],
      ['that is a string', '"mtnMomo"', 'json.not_object'],
      ['that is empty', '', 'json.malformed'],
      ['that is blank', ' \n', 'json.malformed'],
      ['that is cut short', '{"mtnMomo":false', 'json.malformed'],
      ['with a duplicate key', '{"mtnMomo":false,"mtnMomo":true}', 'json.duplicate_key'],
      ['with a member of the wrong type', '{"mtnMomo":"false"}', 'settings.invalid'],
      ['with a misspelt member', '{"mtnMerchantCod":"012345"}', 'settings.unknown'],
      ['that starts with two byte order marks', '\uFEFF\uFEFF{"mtnMomo":false}', 'json.malformed'],
    ])('a --config file %s is a usage error: exit 2, the file and the problem on stderr', (_what, content, code) => {
      const config = writeTemp(content);
      const r = run(['options', '--config', config, request()]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`--config ${JSON.stringify(config)}: ${code}`);
    });

    test('a --config file with one byte order mark is read and honoured', () => {
      const r = run(['options', '--config', writeTemp('\uFEFF{"mtnMomo":false}'), request()]);
      expect(r.status).toBe(0);
      expect(parseOutput(r.stdout).options.map((o) => o.method)).toEqual(['QR']);
    });

    test('a --config file that cannot be read is a usage error naming it', () => {
      const missing = path.join(tmpDir, 'no-such-config.json');
      const r = run(['options', '--config', missing, request()]);
      expect([r.status, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toContain(JSON.stringify(missing));
    });

    test('emv parse - with invalid UTF-8 answers emv.invalid_utf8, exit 1', () => {
      for (const input of [Buffer.from([0xff, 0xfe]), Buffer.concat([Buffer.from(PROMPTPAY), Buffer.from([0xc3])])]) {
        const r = run(['emv', 'parse', '-'], { input });
        expect(r.status).toBe(1);
        expect(parseOutput(r.stdout).error).toMatchObject({ field: 'QR_Payload', code: 'emv.invalid_utf8' });
      }
    });
  });

  describe('Two byte-order marks accepted', () => {
    const BOM = '\uFEFF';
    test.each([
      ['one byte order mark first', BOM, 0, null],
      ['two byte order marks', BOM + BOM, 1, 'json.malformed'],
      ['a byte order mark after white space', ' ' + BOM, 1, 'json.malformed'],
      ['a byte order mark after the object', '', 1, 'json.malformed', BOM],
    ])('validate, from a file and from standard input: %s', (_what, before, status, code, after = '') => {
      const input = Buffer.from(before + JSON.stringify(SAMPLE) + after, 'utf8');
      for (const args of [['validate', writeTemp(input)], ['validate', '-']]) {
        const r = run(args, { input });
        expect(r.status).toBe(status);
        const out = parseOutput(r.stdout);
        if (code) expect(fieldsAndCodes(out)).toEqual([['$', code]]);
        else expect(out.request).toEqual(SAMPLE);
      }
    });

    test('emv build reads its JSON by the same rule', () => {
      const input = JSON.stringify({ guid: 'rw.example.ltgs', mcc: '4900', merchantName: 'WASAC', merchantCity: 'Kigali' });
      expect(run(['emv', 'build'], { input: BOM + input }).status).toBe(0);
      const twice = run(['emv', 'build'], { input: BOM + BOM + input });
      expect(twice.status).toBe(1);
      expect(parseOutput(twice.stdout).error.code).toBe('json.malformed');
    });
  });

  describe('EMVCo reading is stricter than wallets', () => {
    test('emv parse reads a payload without merchant category, name and city, with a warning for each, exit 0', () => {
      const r = run(['emv', 'parse', PROMPTPAY]);
      expect(r.status).toBe(0);
      const out = parseOutput(r.stdout);
      expect(out.ok).toBe(true);
      expect(out.emv).toMatchObject({ country: 'TH', currency: '764', mcc: '', merchantName: '', merchantCity: '' });
      expect(out.warnings.map((w) => [w.field, w.code])).toEqual([
        ['QR_Payload', 'emv.missing_mcc'],
        ['QR_Payload', 'emv.missing_merchant_name'],
        ['QR_Payload', 'emv.missing_merchant_city'],
      ]);
      for (const w of out.warnings) expect(w.message).toMatch(/\S/);
      // From standard input, the same.
      expect(parseOutput(run(['emv', 'parse', '-'], { input: `${PROMPTPAY}\n` }).stdout)).toEqual(out);
    });

    test('a damaged payload is still refused, and emv build still requires every mandatory object', () => {
      const damaged = run(['emv', 'parse', PROMPTPAY.replace('5802TH', '5802TX')]);
      expect(damaged.status).toBe(1);
      expect(parseOutput(damaged.stdout).error.code).toBe('emv.bad_crc');
      const built = run(['emv', 'build'], {
        input: JSON.stringify({ guid: 'rw.example.ltgs', mcc: '4900', merchantName: 'WASAC', merchantCity: 'Kigali' }),
      });
      expect(parseOutput(run(['emv', 'parse', parseOutput(built.stdout).payload]).stdout).warnings).toEqual([]);
      const noName = run(['emv', 'build'], { input: JSON.stringify({ guid: 'rw.example.ltgs', mcc: '4900', merchantCity: 'Kigali' }) });
      expect(noName.status).toBe(1);
      expect(parseOutput(noName.stdout).error).toMatchObject({ field: 'merchantName', code: 'emv.missing_value' });
    });
  });
});
