// The PHP example (examples/php/) served by `php -S`, against a scripted LTGS: every PHP file lints; its
// order rules and status-document reader agree with the wasm core on tables of cases; its initiate endpoint
// forwards what the Node backend forwards and refuses what it refuses; and its callback handler refuses
// forged, stale, tampered, mismatched, unknown and SQL-metacharacter callbacks, records a good one once, and
// audits every delivery — with the SQLite rows compared before and after.
'use strict';

const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const Database = require('better-sqlite3');

const { loadCore } = require('./core-loader.js');
const { request, postJson, recordingServer } = require('./support/http-client.js');
const { signatureHeader } = require('../../web/partner/signature.js');
const { issueCheckoutToken } = require('../../web/partner/checkout-token.js');

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'php');
const API_KEY = 'sk_live_partner_secret_42';
const CALLBACK_SECRET = 'whsec_partner_callback_77';
const CHECKOUT_SECRET = 'checkout-secret-for-the-php-example';
const SQL_REFERENCE = "x'; DROP TABLE orders;--";

const phpVersion = spawnSync('php', ['-r', 'echo PHP_VERSION, " ", extension_loaded("pdo_sqlite") ? "pdo_sqlite" : "", "\\n";'],
  { encoding: 'utf8' });
const PHP_READY = phpVersion.status === 0 && /pdo_sqlite/.test(phpVersion.stdout);
if (!PHP_READY) {
  console.warn('tests/js/php-example.test.js skipped: php with pdo_sqlite is not installed '
    + '(npm run setup installs php-cli and php-sqlite3)');
}
const describePhp = PHP_READY ? describe : describe.skip;

jest.setTimeout(60_000);

// ---- php -S ------------------------------------------------------------------------------------------

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// `php -S` on the example's front controller, with only the settings given (none inherited).
async function startPhp(settings) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { PATH: process.env.PATH, PHP_CLI_SERVER_WORKERS: '8', PUBLIC_URL: url, ...settings };
  // As README.md runs it: the front controller as the router script, from the repository's root.
  const child = spawn('php', ['-S', `127.0.0.1:${port}`, path.join(EXAMPLE, 'public', 'index.php')],
    { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const log = [];
  child.stderr.on('data', (chunk) => log.push(chunk.toString('utf8')));
  const closed = new Promise((resolve) => child.once('close', resolve));  // every worker gone (they share stderr)
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if ((await request(url, '/favicon.ico')).status === 204) break;
    } catch { /* not listening yet */ }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`php -S did not start:\n${log.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    log,
    // With PHP_CLI_SERVER_WORKERS the server is a process group: the workers go with it.
    async close() {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch { /* already gone */ }
      await closed;
    },
  };
}

const phpFiles = () => {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== 'data') walk(p);
      else if (e.isFile() && e.name.endsWith('.php')) out.push(p);
    }
  };
  walk(EXAMPLE);
  return out.sort();
};

// Runs PHP code with the example's library loaded; `input` arrives as $in (decoded JSON), what the code
// returns comes back as JSON.
function php(code, input) {
  const script = `require ${JSON.stringify(path.join(EXAMPLE, 'lib', 'bootstrap.php'))};
    $in = json_decode(stream_get_contents(STDIN), true, 512, JSON_THROW_ON_ERROR);
    $out = (function () use ($in) { ${code} })();
    echo json_encode($out, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION);`;
  const r = spawnSync('php', ['-d', 'display_errors=stderr', '-r', script],
    { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`php failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describePhp('the PHP files', () => {
  test('every PHP file of examples/php passes php -l', () => {
    const files = phpFiles();
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const file of files) {
      const r = spawnSync('php', ['-l', file], { encoding: 'utf8' });
      expect({ file: path.relative(ROOT, file), status: r.status, out: r.stdout.trim() })
        .toEqual({ file: path.relative(ROOT, file), status: 0, out: `No syntax errors detected in ${file}` });
    }
  });

  test('no SQL is built from variables: every statement is a literal with ? parameters', () => {
    // PHP's own tokenizer: SQL-looking literals, and what is interpolated into or concatenated onto them.
    const found = php(`$sql = '/\\b(SELECT|INSERT|UPDATE|DELETE)\\b.*\\b(FROM|INTO|SET|WHERE)\\b|\\b(FROM|WHERE)\\b/s';
      $out = [];
      foreach ($in as $file) {
        $tokens = array_values(array_filter(token_get_all(file_get_contents($file)),
          fn ($t) => !is_array($t) || !in_array($t[0], [T_WHITESPACE, T_COMMENT, T_DOC_COMMENT], true)));
        $inString = false; $text = ''; $vars = [];
        foreach ($tokens as $i => $t) {
          if ($t === '"' || (is_array($t) && in_array($t[0], [T_START_HEREDOC, T_END_HEREDOC], true))) {
            if ($inString && preg_match($sql, $text)) { foreach ($vars as $v) { $out[] = basename($file) . ' interpolates ' . $v; } }
            $inString = !$inString; $text = ''; $vars = [];
            continue;
          }
          if ($inString) {
            if (is_array($t) && $t[0] === T_VARIABLE) { $vars[] = $t[1]; }
            elseif (is_array($t)) { $text .= $t[1]; }
            continue;
          }
          if (is_array($t) && $t[0] === T_CONSTANT_ENCAPSED_STRING && preg_match($sql, $t[1])) {
            $next = $tokens[$i + 1] ?? null; $after = $tokens[$i + 2] ?? null; $prev = $tokens[$i - 1] ?? null; $before = $tokens[$i - 2] ?? null;
            if ($next === '.' && is_array($after) && $after[0] === T_VARIABLE) { $out[] = basename($file) . ' appends ' . $after[1]; }
            if ($prev === '.' && is_array($before) && $before[0] === T_VARIABLE) { $out[] = basename($file) . ' prepends ' . $before[1]; }
          }
        }
      }
      return $out;`, phpFiles());
    // The one exception: the driver's spelling of "IS" (IS / IS NOT DISTINCT FROM / <=>), chosen by code.
    expect(found).toEqual(['store.php interpolates $same', 'store.php interpolates $same']);
  });
});

// ---- the rules agree with the core -------------------------------------------------------------------

describePhp('lib/rules.php and lib/notification.php mirror the core', () => {
  let core;
  beforeAll(async () => {
    core = await loadCore();
  });

  // The core's answer ({ ok, value } or { ok: false, errors }, wasm/README.md) in the example's shape: the
  // value's members beside "ok" (or under `key`), a failure's first error as "error" ("errors" when `key`).
  const plain = ({ field, code, message }) => ({ field, code, message });
  function flat(r, key) {
    if (r.ok) return key ? { ok: true, [key]: r.value } : { ok: true, ...r.value };
    return key ? { ok: false, errors: r.errors.map(plain) } : { ok: false, error: plain(r.errors[0]) };
  }

  test('parseAttemptReference: the same answer for every reference in the table', () => {
    const long = (n) => 'A'.repeat(n);
    const refs = ['KWB-2611-100234567', 'KWB-2611-100234567-R2', 'X-R20', 'X-R21', 'X-R100', 'X-R99', 'X-R1', 'X-R0',
      'X-R02', 'X-R2-R2', 'X-R2-R3', 'X-R', 'X-R-R2', '-R2', 'R2', 'AR2', 'A-r2', 'A--R2', '-R', 'X-R12345678901234567890',
      '', ' ', 'a b', SQL_REFERENCE, "O'Brien", 'é', 'A.B_C-D', long(59), long(60), long(61), long(64), long(65),
      `${long(60)}-R2`, `${long(60)}-R20`, `${long(58)}-R2`, `${long(61)}-R2`, 'PHPDEMO-100234567-R7', '0-R9', '9-R10'];
    const mine = php('return array_map(fn ($r) => ltgs_parse_attempt_reference($r), $in);', refs);
    expect(mine).toEqual(refs.map((r) => flat(core.parseAttemptReference(r))));
  });

  // Orders of every shape: attempts 1…5 in any state (a deterministic pseudo-random table).
  function orders(count) {
    let seed = 12345;
    const next = (n) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const states = ['PENDING', 'PAID', 'AMOUNT_MISMATCH', 'FAILED', 'EXPIRED', 'CANCELLED', 'REJECTED'];
    const out = [];
    for (let i = 0; i < count; i += 1) {
      const attempts = [];
      for (let n = 1; n <= 5; n += 1) {
        if (next(3) === 0) continue;
        const state = states[next(states.length)];
        const moved = state === 'PAID' || state === 'AMOUNT_MISMATCH';
        attempts.push({ number: n, state, startedAtMs: 1_000_000 + n * 1000, expiresAtMs: 1_600_000 + n * 1000,
          paymentRefId: moved || state === 'FAILED' ? `MTN_${n}${i}` : null,
          amountPaidRwf: moved ? (state === 'PAID' ? 15000 : 14000) : null });
      }
      if (next(4) === 0) attempts.reverse();
      out.push({ reference: `ORD-${i}`, amountRwf: 15000, attempts });
    }
    return out;
  }

  test('orderStatus and decideInitiation: the same decisions on 400 orders, every attempt number, before and after expiry', () => {
    const table = orders(400);
    const cases = [];
    for (const order of table) {
      for (const n of [0, 1, 2, 3, 4, 5, 6, 7, 20, 21]) {
        for (const now of [1_000_000, 1_700_000]) cases.push({ order, n, now });
      }
    }
    const mine = php(`return [
      'status' => array_map(fn ($o) => ['ok' => true] + ltgs_order_status($o), $in['orders']),
      'decisions' => array_map(fn ($c) => ['ok' => true] + ltgs_decide_initiation($c['order'], $c['n'], $c['now']), $in['cases']),
    ];`, { orders: table, cases });
    expect(mine.status).toEqual(table.map((o) => flat(core.orderStatus(o))));
    expect(mine.decisions).toEqual(cases.map((c) => flat(core.decideInitiation(c.order, c.n, c.now))));
    // The table reaches every decision.
    expect(new Set(mine.decisions.map((d) => d.code))).toEqual(new Set(['order.new_attempt', 'order.resend', 'order.paid',
      'order.payment_under_review', 'order.attempt_open', 'order.attempt_ended', 'order.attempt_out_of_sequence',
      'order.too_many_attempts']));
  });

  test('applyAttemptStatus: the same update for every attempt state and every status LTGS may report', () => {
    const states = ['PENDING', 'PAID', 'AMOUNT_MISMATCH', 'FAILED', 'EXPIRED', 'CANCELLED', 'REJECTED'];
    const docs = [
      { Payment_Status: 'PENDING' },
      { Payment_Status: 'PAID', Payment_Ref_ID: 'MTN_1', Total_Amount_Paid: 15000, Paid_On: '2026-11-28 12:00:05' },
      { Payment_Status: ' paid ', Payment_Ref_ID: 'MTN_1', Total_Amount_Paid: 15000, Paid_On: '2026-11-28 12:00:05' },
      { Payment_Status: 'PAID', Payment_Ref_ID: 'MTN_2', Total_Amount_Paid: 14000, Paid_On: '2026-11-28 12:00:05' },
      { Payment_Status: 'PAID', Payment_Ref_ID: 'MTN_3', Total_Amount_Paid: 15001.0, Paid_On: '2026-11-28 12:00:05' },
      { Payment_Status: 'FAILED', Payment_Ref_ID: 'MTN_4' },
      { Payment_Status: 'Expired' },
      { Payment_Status: 'CANCELLED' },
      { Payment_Status: 'SUCCESSFUL' },
    ].map((d) => JSON.stringify({ Sale_Reference_ID: 'ORD-1', ...d }));
    const cases = [];
    for (const state of states) {
      const moved = state === 'PAID' || state === 'AMOUNT_MISMATCH';
      const attempt = { number: 1, state, startedAtMs: 1000, expiresAtMs: 2000, paymentRefId: moved ? 'MTN_1' : null,
        amountPaidRwf: moved ? 15000 : null };
      for (const doc of docs) cases.push({ attempt, doc });
    }
    const mine = php(`return array_map(function ($c) {
      $n = ltgs_parse_notification($c['doc']);
      return ['ok' => true] + ltgs_apply_attempt_status($c['attempt'], 15000, $n['notification']);
    }, $in);`, cases);
    expect(mine).toEqual(cases.map((c) => flat(core.applyAttemptStatus(c.attempt, 15000, c.doc))));
  });

  test('status documents: the same verdict, codes and normalised values for good, bad and hostile bodies', () => {
    const good = { Sale_Reference_ID: 'ORD-1', Payment_Status: 'PAID', Payment_Channel: 'MTN MoMo', Payment_Ref_ID: 'MTN_1',
      Total_Amount_Paid: 15000, Paid_On: '2026-11-28 12:00:05' };
    const doc = (o) => JSON.stringify({ ...good, ...o });
    const nest = (n) => `{"Sale_Reference_ID":"A","Payment_Status":"PENDING","x":${'['.repeat(n)}1${']'.repeat(n)}}`;
    const bodies = [
      doc({}), doc({ Payment_Status: 'pending', Total_Amount_Paid: null, Paid_On: null }), doc({ Payment_Status: '  PAID\u00a0' }),
      doc({ Total_Amount_Paid: 15000.0 }), doc({ Total_Amount_Paid: 1.5 }), doc({ Total_Amount_Paid: -1 }),
      doc({ Total_Amount_Paid: 1e300 }), doc({ Total_Amount_Paid: '15000' }), doc({ Total_Amount_Paid: true }),
      doc({ Total_Amount_Paid: null }), doc({ Paid_On: '2026-02-30 10:00:00' }), doc({ Paid_On: '2026-11-28T12:00:05Z' }),
      doc({ Paid_On: '1969-12-31 23:59:59' }), doc({ Paid_On: '2024-02-29 23:59:59' }), doc({ Paid_On: 7 }),
      doc({ Payment_Status: 'PAID; DROP' }), doc({ Payment_Status: 'X'.repeat(33) }), doc({ Payment_Status: '' }),
      doc({ Payment_Status: 3 }), doc({ Payment_Channel: 'M'.repeat(65) }), doc({ Payment_Channel: 'é'.repeat(64) }),
      doc({ Payment_Channel: 'a\tb' }), doc({ Payment_Channel: ['x'] }), doc({ Payment_Ref_ID: 'MTN 1' }),
      doc({ Payment_Ref_ID: "MTN_1');DROP/**/TABLE/**/payments;--" }), doc({ Payment_Ref_ID: 'R'.repeat(129) }),
      doc({ Payment_Ref_ID: '   ' }), doc({ Sale_Reference_ID: SQL_REFERENCE }), doc({ Sale_Reference_ID: 5 }),
      doc({ Sale_Reference_ID: null }), doc({ Sale_Reference_ID: 'A'.repeat(65) }), doc({ Extra: { nested: [1, 2] } }),
      '[1]', '"text"', '', '{', '{"Sale_Reference_ID":"A","Sale_Reference_ID":"B","Payment_Status":"PENDING"}',
      '{"Sale_Reference_ID":"A","Sale_Reference_\\u0049D":"B","Payment_Status":"PENDING"}',
      '{"Sale_Reference_ID":"A","x":{"y":1,"y":2},"Payment_Status":"PENDING"}',
      `\ufeff${doc({})}`, `\ufeff\ufeff${doc({})}`, nest(30), nest(31), nest(32), `${doc({})} `, `${doc({})}x`,
      `{"Sale_Reference_ID":"A","Payment_Status":"PENDING","pad":"${'x'.repeat(66_000)}"}`,
    ];
    const shape = (r) => (r.ok ? r : { ok: false, errors: r.errors.map((e) => [e.field, e.code]) });
    const mine = php('return array_map(fn ($b) => ltgs_parse_notification($b), $in);', bodies);
    expect(mine.map(shape)).toEqual(bodies.map((b) => shape(flat(core.parseCallbackJson(b), 'notification'))));
  });
});

// ---- the endpoints -----------------------------------------------------------------------------------

describePhp('the PHP example against a scripted LTGS', () => {
  let ltgs;
  let app;
  let base;
  let tmp;
  let db;
  const browserAnswers = [];
  const statuses = new Map();  // LTGS's state: status documents by reference ('FAIL': LTGS answers 500)

  function statusDoc(ref, overrides = {}) {
    return { Sale_Reference_ID: ref, Payment_Status: 'PENDING', Payment_Channel: 'MTN MoMo', Payment_Ref_ID: null,
      Total_Amount_Paid: null, Paid_On: null, ...overrides };
  }
  function paidDoc(ref, overrides = {}) {
    return statusDoc(ref, { Payment_Status: 'PAID', Payment_Ref_ID: 'MTN_456789123', Total_Amount_Paid: 15000,
      Paid_On: '2026-11-28 12:00:05', ...overrides });
  }

  beforeAll(async () => {
    ltgs = await recordingServer((req) => {
      if (req.method === 'POST' && req.url === '/api/v1/payments') {
        const body = JSON.parse(req.text);
        if (body.Phone_Number === '0788999999') {
          return { status: 400, json: { errors: [{ field: 'Phone_Number', code: 'phone.invalid', message: 'No.' }] } };
        }
        if (!statuses.has(body.Sale_Reference_ID)) statuses.set(body.Sale_Reference_ID, statusDoc(body.Sale_Reference_ID));
        // An LTGS that says more than the browser may see.
        return { status: 201, json: { ...statuses.get(body.Sale_Reference_ID), QR_Payload: '000201010212',
          Merchant_Secret: API_KEY, Internal_Note: `callback secret ${CALLBACK_SECRET}`, USSD_Code: '<script>' } };
      }
      const m = req.url.match(/^\/api\/v1\/payments\/([^/]+)$/);
      if (req.method === 'GET' && m) {
        const doc = statuses.get(decodeURIComponent(m[1]));
        if (doc === 'FAIL') return { status: 500, text: 'upstream trouble' };
        return doc ? { status: 200, json: doc } : { status: 404, json: { errors: [{ code: 'payment.not_found' }] } };
      }
      return { status: 404, json: {} };
    });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ltgs-php-'));
    app = await startPhp({ LTGS_API_BASE: ltgs.url, LTGS_API_KEY: API_KEY, LTGS_CALLBACK_SECRET: CALLBACK_SECRET,
      LTGS_CALLBACK_SIGNATURE: 'required', LTGS_CHECKOUT_SECRET: CHECKOUT_SECRET, LTGS_DATA_DIR: tmp });
    base = app.url;
    // The database appears with the first request that needs it.
    expect((await request(base, '/')).status).toBe(200);
    db = new Database(path.join(tmp, 'orders.sqlite'), { fileMustExist: true });
  });

  afterAll(async () => {
    if (db) db.close();
    if (app) await app.close();
    if (ltgs) await ltgs.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  beforeEach(() => {
    ltgs.requests.length = 0;
  });

  let accounts = 200_000_000;
  const newOrder = () => `PHPDEMO-${(accounts += 1)}`;
  const tokenFor = (orderReference) => issueCheckoutToken({ secret: CHECKOUT_SECRET, orderReference, nowMs: Date.now() });

  function browserPayload(ref, overrides = {}) {
    return { Sale_Reference_ID: ref, Customer_KYC_ID: '1199070012345012', Phone_Number: '+250 788 000 001',
      Email_Address: '', Services_Name: 'Whatever the page says', Total_Amount_to_Pay: 15000, Payment_Method: 'MTN_MOMO',
      ...overrides };
  }
  async function initiate(body, headers = {}) {
    const ref = body.Sale_Reference_ID;
    const order = typeof ref === 'string' ? ref.replace(/-R[0-9]+$/, '') : '';
    const res = await postJson(base, '/checkout/initiate', body,
      { 'Idempotency-Key': String(ref), 'X-Checkout-Token': tokenFor(order), ...headers });
    browserAnswers.push(res.text);
    return res;
  }
  async function status(ref) {
    const res = await request(base, `/checkout/status/${encodeURIComponent(ref)}`);
    browserAnswers.push(res.text);
    return res;
  }
  // LTGS → us: the notification, signed as the sandbox signs it (or not, or wrongly).
  function deliver(doc, { secret = CALLBACK_SECRET, t = Date.now(), header, raw, target = base } = {}) {
    const body = raw ?? JSON.stringify(doc);
    const headers = { 'Content-Type': 'application/json' };
    const sig = header !== undefined ? header : signatureHeader(secret, t, body);
    if (sig !== null) headers['LTGS-Signature'] = sig;
    return request(target, '/checkout/callback', { method: 'POST', headers, body });
  }

  const snapshot = () => ({
    orders: db.prepare('SELECT * FROM orders ORDER BY id').all(),
    attempts: db.prepare('SELECT * FROM attempts ORDER BY id').all(),
    payments: db.prepare('SELECT * FROM payments ORDER BY id').all(),
  });
  const order = (ref) => db.prepare('SELECT * FROM orders WHERE reference = ?').get(ref);
  const attempt = (ref) => db.prepare('SELECT * FROM attempts WHERE reference = ?').get(ref);
  const attemptsOf = (ref) => db.prepare(`SELECT a.* FROM attempts a JOIN orders o ON o.id = a.order_id
                                          WHERE o.reference = ? ORDER BY a.number`).all(ref);
  const paymentsOf = (ref) => db.prepare(`SELECT p.* FROM payments p JOIN attempts a ON a.id = p.attempt_id
                                          WHERE a.reference = ? ORDER BY p.id`).all(ref);
  const lastAudit = () => db.prepare('SELECT * FROM callbacks ORDER BY id DESC LIMIT 1').get();
  const auditCount = () => db.prepare('SELECT COUNT(*) AS n FROM callbacks').get().n;
  const tables = () => db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((r) => r.name);
  const ALL_TABLES = ['attempts', 'callbacks', 'counters', 'orders', 'payments'];

  describe('the bill page and the widget files', () => {
    test('the page carries the widget\'s script tag and a checkout token that works; strict headers on every answer', async () => {
      const res = await request(base, '/?account=123456789');
      expect(res.status).toBe(200);
      expect(res.headers['content-security-policy']).toMatch(/^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.text).not.toMatch(/<script>|style=/);
      expect(res.text).toMatch(/<script src="\/dist\/ltgs-checkout.js" data-reference="PHPDEMO-123456789" data-amount="15000"/);
      const token = res.text.match(/data-checkout-token="([^"]+)"/)[1];
      const ok = await postJson(base, '/checkout/initiate', browserPayload('PHPDEMO-123456789'),
        { 'X-Checkout-Token': token });
      expect(ok.status).toBe(201);
      // Reading a page wrote nothing; the initiation wrote the order.
      expect(order('PHPDEMO-123456789')).toMatchObject({ status: 'PENDING', amount: 15000 });
      expect((await request(base, '/?account=12')).status).toBe(404);
      const wasm = await request(base, '/dist/ltgs-checkout.wasm');
      expect([wasm.status, wasm.headers['content-type']]).toEqual([200, 'application/wasm']);
      const css = await request(base, '/bill.css');
      expect([css.status, css.headers['content-type']]).toEqual([200, 'text/css; charset=utf-8']);
      expect((await request(base, '/dist/checkout.js')).status).toBe(404);
      expect((await request(base, '/package.json')).status).toBe(404);
      expect((await request(base, '/index.php')).status).toBe(200);
      expect((await request(base, '/dist/..%2F..%2Fpackage.json')).status).toBe(404);
      expect((await request(base, '/lib/config.php')).status).toBe(404);
      expect((await request(base, '/../lib/config.php')).status).toBe(404);
    });
  });

  describe('POST /checkout/initiate', () => {
    test('forwards to LTGS with our key, our Callback_URL and the order\'s amount; the browser gets no secret', async () => {
      const ref = newOrder();
      const res = await initiate(browserPayload(ref, { Callback_URL: 'https://evil.example/steal' }));
      expect(res.status).toBe(201);
      expect(res.json).toEqual({ Sale_Reference_ID: ref, Payment_Status: 'PENDING', Payment_Channel: 'MTN MoMo',
        Payment_Ref_ID: null, Total_Amount_Paid: null, Paid_On: null, QR_Payload: '000201010212' });
      expect(ltgs.requests).toHaveLength(1);
      const sent = ltgs.requests[0];
      expect(sent.headers.authorization).toBe(`Bearer ${API_KEY}`);
      expect(sent.headers['idempotency-key']).toBe(ref);
      expect(JSON.parse(sent.text)).toEqual({ Sale_Reference_ID: ref, Customer_KYC_ID: '1199070012345012',
        Phone_Number: '+250 788 000 001', Email_Address: '', Services_Name: 'Water Bill - PHP demo',
        Total_Amount_to_Pay: 15000, Callback_URL: `${base}/checkout/callback`, Payment_Method: 'MTN_MOMO' });
      expect(attemptsOf(ref).map((a) => [a.number, a.state, a.method])).toEqual([[1, 'PENDING', 'MTN_MOMO']]);
    });

    test('a second attempt while one is pending is 409 order.attempt_open with the time; the same one again is a re-send', async () => {
      const ref = newOrder();
      expect((await initiate(browserPayload(ref))).status).toBe(201);
      const before = Date.now();
      const second = await initiate(browserPayload(`${ref}-R2`));
      expect(second.status).toBe(409);
      expect(second.json.errors[0]).toMatchObject({ field: 'Sale_Reference_ID', code: 'order.attempt_open' });
      expect(second.json.retryAtMs).toBeGreaterThan(before + 9 * 60_000);
      expect(Number(second.headers['retry-after'])).toBeGreaterThan(500);
      // The open attempt's own reference again: LTGS is asked again (it de-duplicates), no new attempt.
      ltgs.requests.length = 0;
      expect((await initiate(browserPayload(ref))).status).toBe(201);
      expect(ltgs.requests).toHaveLength(1);
      expect(attemptsOf(ref)).toHaveLength(1);
    });

    test('after a failure "<order>-R2" starts; the ended reference and a paid order are refused with the core\'s codes', async () => {
      const ref = newOrder();
      await initiate(browserPayload(ref));
      statuses.set(ref, statusDoc(ref, { Payment_Status: 'FAILED', Payment_Ref_ID: 'MTN_1' }));
      expect((await status(ref)).json.Payment_Status).toBe('FAILED');
      const again = await initiate(browserPayload(ref));
      expect([again.status, again.json.errors[0].code, again.json.nextReference]).toEqual([409, 'order.attempt_ended', `${ref}-R2`]);
      expect((await initiate(browserPayload(`${ref}-R2`))).status).toBe(201);
      statuses.set(`${ref}-R2`, paidDoc(`${ref}-R2`));
      await status(`${ref}-R2`);
      expect(order(ref)).toMatchObject({ status: 'PAID', paid_attempt: 2 });
      const paid = await initiate(browserPayload(`${ref}-R3`));
      expect([paid.status, paid.json.errors[0].code]).toEqual([409, 'order.paid']);
      const lower = newOrder();
      await initiate(browserPayload(`${lower}-R3`));
      statuses.set(`${lower}-R3`, statusDoc(`${lower}-R3`, { Payment_Status: 'EXPIRED' }));
      await status(`${lower}-R3`);
      const back = await initiate(browserPayload(`${lower}-R2`));
      expect([back.json.errors[0].code, back.json.nextReference]).toEqual(['order.attempt_out_of_sequence', `${lower}-R4`]);
    });

    test.each([
      ['X-R2-R2', 'order.reference_reserved_suffix'],
      ['PHPDEMO-200000001-R1', 'order.reference_reserved_suffix'],
      ['PHPDEMO-200000001-R21', 'order.too_many_attempts'],
      ['PHPDEMO-200000001-R123456789', 'order.too_many_attempts'],
      [SQL_REFERENCE, 'reference.invalid_characters'],
      ['A'.repeat(61), 'order.reference_too_long'],
      ['', 'reference.required'],
    ])('the reference %j is 400 %s, before any SQL and without asking LTGS', async (ref, code) => {
      const before = snapshot();
      const res = await initiate(browserPayload(ref));
      expect([res.status, res.json.errors[0].code]).toEqual([400, code]);
      expect(ltgs.requests).toHaveLength(0);
      expect(snapshot()).toEqual(before);
      expect(tables()).toEqual(ALL_TABLES);
    });

    test('the other refusals: token, origin, type, key, order, amount, fields — LTGS is never asked', async () => {
      const ref = newOrder();
      const before = snapshot();
      const cases = [
        [await initiate(browserPayload(ref), { 'X-Checkout-Token': '' }), 403, 'checkout.token_missing'],
        [await initiate(browserPayload(ref), { 'X-Checkout-Token': tokenFor('PHPDEMO-999999999') }), 403, 'checkout.token_invalid'],
        [await initiate(browserPayload(ref), { 'X-Checkout-Token': issueCheckoutToken({ secret: CHECKOUT_SECRET,
          orderReference: ref, nowMs: Date.now() - 3 * 3600_000 }) }), 403, 'checkout.token_expired'],
        [await initiate(browserPayload(ref), { 'Sec-Fetch-Site': 'cross-site' }), 403, 'request.cross_origin'],
        [await initiate(browserPayload(ref), { Origin: 'https://evil.example' }), 403, 'request.cross_origin'],
        [await initiate(browserPayload(ref), { 'Content-Type': 'text/plain' }), 415, 'request.not_json'],
        [await initiate(browserPayload(ref), { 'Idempotency-Key': 'other' }), 400, 'idempotency.mismatch'],
        [await initiate(browserPayload('LTGSINV_NOT_OURS')), 404, 'order.unknown'],
        [await initiate(browserPayload(ref, { Total_Amount_to_Pay: 150 })), 409, 'order.amount_mismatch'],
        [await initiate(browserPayload(ref, { Total_Amount_to_Pay: '15000' })), 409, 'order.amount_mismatch'],
        [await initiate(browserPayload(ref, { Payment_Method: 'CASH' })), 400, 'method.invalid'],
        [await initiate(browserPayload(ref, { Phone_Number: 788000001 })), 400, 'phone.wrong_type'],
        [await initiate(browserPayload(ref, { Customer_KYC_ID: null })), 400, 'national_id.required'],
      ];
      const nonObject = await postJson(base, '/checkout/initiate', '[1]', { 'X-Checkout-Token': tokenFor(ref) });
      const huge = await postJson(base, '/checkout/initiate', browserPayload(ref, { Email_Address: 'x'.repeat(17_000) }),
        { 'X-Checkout-Token': tokenFor(ref) });
      cases.push([nonObject, 400, 'json.not_object'], [huge, 413, 'request.too_large']);
      expect(cases.map(([r, s, c]) => [r.status, r.json && r.json.errors[0].code, s, c]))
        .toEqual(cases.map(([, s, c]) => [s, c, s, c]));
      expect((await request(base, '/checkout/initiate')).status).toBe(405);
      expect(ltgs.requests).toHaveLength(0);
      expect(snapshot()).toEqual(before);
    });

    test('LTGS refusing to start it: its field errors reach the browser and the attempt is REJECTED', async () => {
      const ref = newOrder();
      const res = await initiate(browserPayload(ref, { Phone_Number: '0788999999' }));
      expect(res.status).toBe(400);
      expect(res.json.errors).toEqual([{ field: 'Phone_Number', code: 'phone.invalid', message: 'No.' }]);
      expect(attempt(ref).state).toBe('REJECTED');
      expect((await initiate(browserPayload(`${ref}-R2`))).status).toBe(201);
    });

    test('20 concurrent initiations of one order start exactly one attempt', async () => {
      const ref = newOrder();
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => initiate(browserPayload(i % 2 ? `${ref}-R2` : ref))));
      const codes = results.map((r) => r.status);
      expect(codes.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
      expect(codes.every((s) => s === 201 || s === 409)).toBe(true);
      expect(attemptsOf(ref).filter((a) => a.state === 'PENDING')).toHaveLength(1);
      expect(attemptsOf(ref)).toHaveLength(1);
    });
  });

  describe('GET /checkout/status/{ref}', () => {
    test('asks LTGS with our key, records a final status once, answers only the status fields', async () => {
      const ref = newOrder();
      await initiate(browserPayload(ref));
      statuses.set(ref, { ...paidDoc(ref), Failure_Reason: 'not<a>code', Merchant_Secret: API_KEY });
      ltgs.requests.length = 0;
      const res = await status(ref);
      expect(res.status).toBe(200);
      expect(res.json).toEqual(paidDoc(ref));
      expect(ltgs.requests.map((r) => [r.method, r.url, r.headers.authorization]))
        .toEqual([['GET', `/api/v1/payments/${ref}`, `Bearer ${API_KEY}`]]);
      await status(ref);
      expect(paymentsOf(ref)).toEqual([expect.objectContaining({ status: 'PAID', source: 'status', amount_paid: 15000 })]);
    });

    test('an unknown reference is 404 without asking LTGS; SQL metacharacters are 400; LTGS not knowing it yet is 404', async () => {
      expect((await status('PHPDEMO-000000000')).json.errors[0].code).toBe('order.unknown');
      const sql = await status(SQL_REFERENCE);
      expect([sql.status, sql.json.errors[0].code]).toEqual([400, 'reference.invalid_characters']);
      expect(ltgs.requests).toHaveLength(0);
      expect(tables()).toEqual(ALL_TABLES);
      const ref = newOrder();
      await initiate(browserPayload(ref));
      statuses.delete(ref);
      expect((await status(ref)).json.errors[0].code).toBe('payment.not_found');
      statuses.set(ref, 'FAIL');
      expect((await status(ref)).status).toBe(502);
    });
  });

  describe('POST /checkout/callback', () => {
    // An initiated order that LTGS now reports PAID.
    async function paidOrder(overrides = {}) {
      const ref = newOrder();
      await initiate(browserPayload(ref));
      statuses.set(ref, paidDoc(ref, overrides));
      ltgs.requests.length = 0;
      return ref;
    }

    test('a good signature is accepted after the re-check with LTGS, recorded once, and audited', async () => {
      const ref = await paidOrder();
      const audits = auditCount();
      const res = await deliver(paidDoc(ref));
      expect([res.status, res.json]).toEqual([200, { received: true }]);
      expect(ltgs.requests.map((r) => [r.method, r.url, r.headers.authorization]))
        .toEqual([['GET', `/api/v1/payments/${ref}`, `Bearer ${API_KEY}`]]);
      expect(order(ref)).toMatchObject({ status: 'PAID', paid_attempt: 1, payment_ref_id: 'MTN_456789123', amount_paid: 15000,
        paid_on: '2026-11-28 12:00:05', payment_channel: 'MTN MoMo' });
      expect(paymentsOf(ref)).toEqual([expect.objectContaining({ payment_ref_id: 'MTN_456789123', status: 'PAID', source: 'callback' })]);
      expect(auditCount()).toBe(audits + 1);
      expect(lastAudit()).toMatchObject({ reference: ref, signature: 'valid', outcome: 'recorded', code: 'callback.recorded',
        claimed_status: 'PAID', payment_ref_id: 'MTN_456789123', remote_address: '127.0.0.1', body: JSON.stringify(paidDoc(ref)) });
    });

    test('the same delivery again (inside the tolerance) is 200 duplicate and changes nothing', async () => {
      const ref = await paidOrder();
      const raw = JSON.stringify(paidDoc(ref));
      const t = Date.now();
      expect((await deliver(null, { raw, t })).status).toBe(200);
      const before = snapshot();
      const again = await deliver(null, { raw, t });
      expect([again.status, again.json]).toEqual([200, { received: true, duplicate: true }]);
      expect(snapshot()).toEqual(before);
      expect(lastAudit()).toMatchObject({ outcome: 'duplicate', code: 'callback.duplicate', signature: 'valid' });
    });

    test.each([
      ['a forged signature (another secret)', () => ({ secret: 'not-the-secret' }), 'signature.invalid', 'invalid'],
      ['no signature', () => ({ header: null }), 'signature.missing', 'missing'],
      ['a malformed signature header', () => ({ header: 'sha256=abc' }), 'signature.malformed', 'malformed'],
      ['a replay of a delivery captured 5 min 1 s ago', () => ({ t: Date.now() - 301_000 }), 'signature.stale', 'stale'],
      ['a timestamp 5 min 10 s in the future', () => ({ t: Date.now() + 310_000 }), 'signature.stale', 'stale'],
      ['a v1 for the right body under another timestamp', () => {
        const t = Date.now();
        return { t, header: `t=${t},v1=${signatureHeader(CALLBACK_SECRET, t - 1, '').split('v1=')[1]}` };
      }, 'signature.invalid', 'invalid'],
    ])('%s is 401, audited, asks LTGS nothing and changes nothing', async (_, opts, code, signature) => {
      const ref = await paidOrder();
      const before = snapshot();
      const res = await deliver(paidDoc(ref), opts());
      expect([res.status, res.json.errors[0].code]).toEqual([401, code]);
      expect(snapshot()).toEqual(before);
      expect(order(ref).status).toBe('PENDING');
      expect(ltgs.requests).toHaveLength(0);
      expect(lastAudit()).toMatchObject({ reference: ref, signature, outcome: 'rejected', code });
    });

    test('a tampered body (signed for another amount) is 401; a second v1 for a rotated secret is accepted', async () => {
      const ref = await paidOrder();
      const before = snapshot();
      const t = Date.now();
      const signedFor = JSON.stringify(paidDoc(ref, { Total_Amount_Paid: 1 }));
      const tampered = await deliver(paidDoc(ref), { header: signatureHeader(CALLBACK_SECRET, t, signedFor) });
      expect([tampered.status, tampered.json.errors[0].code]).toEqual([401, 'signature.invalid']);
      expect(snapshot()).toEqual(before);
      const raw = JSON.stringify(paidDoc(ref));
      const rotated = `${signatureHeader('the-old-secret', t, raw)},v1=${signatureHeader(CALLBACK_SECRET, t, raw).split('v1=')[1]}`;
      expect((await deliver(null, { raw, header: rotated })).status).toBe(200);
      expect(order(ref).status).toBe('PAID');
    });

    test('a signed callback that LTGS\'s own status contradicts is 409 callback.status_mismatch (the re-check decides)', async () => {
      const ref = newOrder();
      await initiate(browserPayload(ref));  // LTGS says PENDING
      const before = snapshot();
      const res = await deliver(paidDoc(ref));
      expect([res.status, res.json.errors[0].code]).toEqual([409, 'callback.status_mismatch']);
      expect(snapshot()).toEqual(before);
      expect(lastAudit()).toMatchObject({ outcome: 'rejected', code: 'callback.status_mismatch', signature: 'valid' });
      // Another Payment_Ref_ID than LTGS's, or another amount: refused the same way.
      statuses.set(ref, paidDoc(ref));
      expect((await deliver(paidDoc(ref, { Payment_Ref_ID: 'MTN_FORGED' }))).status).toBe(409);
      expect((await deliver(paidDoc(ref, { Total_Amount_Paid: 150 }))).status).toBe(409);
      expect(snapshot()).toEqual(before);
    });

    test('when LTGS itself reports another amount: recorded as AMOUNT_MISMATCH (200), never PAID, no new attempt', async () => {
      const ref = await paidOrder({ Total_Amount_Paid: 14000 });
      const res = await deliver(paidDoc(ref, { Total_Amount_Paid: 14000 }));
      expect([res.status, res.json]).toEqual([200, { received: true }]);
      expect(order(ref)).toMatchObject({ status: 'AMOUNT_MISMATCH', amount_paid_total: 14000 });
      expect(attempt(ref)).toMatchObject({ state: 'AMOUNT_MISMATCH', amount_paid: 14000 });
      expect(lastAudit()).toMatchObject({ outcome: 'recorded', code: 'callback.amount_mismatch' });
      const before = snapshot();
      const again = await deliver(paidDoc(ref, { Total_Amount_Paid: 14000 }));
      expect([again.status, again.json]).toEqual([200, { received: true, duplicate: true }]);
      expect(snapshot()).toEqual(before);
      expect((await initiate(browserPayload(`${ref}-R2`))).json.errors[0].code).toBe('order.payment_under_review');
    });

    test('SQL metacharacters in Sale_Reference_ID are 400; the tables and rows stay; the audit keeps it as data', async () => {
      const before = snapshot();
      const res = await deliver(paidDoc(SQL_REFERENCE));
      expect([res.status, res.json.errors[0].code]).toEqual([400, 'reference.invalid_characters']);
      expect(tables()).toEqual(ALL_TABLES);
      expect(snapshot()).toEqual(before);
      expect(ltgs.requests).toHaveLength(0);
      expect(lastAudit()).toMatchObject({ reference: SQL_REFERENCE, outcome: 'rejected', signature: 'valid' });
      // A reference of the right shape that is not ours: 404 (LTGS is not asked).
      const unknown = await deliver(paidDoc("PHPDEMO-1'OR'1'='1"));
      expect(unknown.status).toBe(400);
      const stranger = await deliver(paidDoc('LTGSINV_NEVER_SOLD'));
      expect([stranger.status, stranger.json.errors[0].code]).toEqual([404, 'order.unknown']);
      expect(lastAudit()).toMatchObject({ reference: 'LTGSINV_NEVER_SOLD', outcome: 'rejected', code: 'order.unknown' });
      expect(ltgs.requests).toHaveLength(0);
      expect(snapshot()).toEqual(before);
    });

    test('SQL metacharacters in Payment_Ref_ID and Payment_Channel are stored as text', async () => {
      const evil = "MTN_1');DROP/**/TABLE/**/payments;--";
      const ref = await paidOrder({ Payment_Ref_ID: evil, Payment_Channel: "MoMo'; DELETE FROM orders;--" });
      const res = await deliver(paidDoc(ref, { Payment_Ref_ID: evil, Payment_Channel: "MoMo'; DELETE FROM orders;--" }));
      expect(res.status).toBe(200);
      expect(tables()).toEqual(ALL_TABLES);
      expect(order(ref)).toMatchObject({ payment_ref_id: evil, payment_channel: "MoMo'; DELETE FROM orders;--" });
      expect(db.prepare('SELECT COUNT(*) AS n FROM orders').get().n).toBeGreaterThan(5);
    });

    test.each([
      ['not an object', '[1]', 'json.not_object'],
      ['not JSON', '{"Sale_Reference_ID":', 'json.malformed'],
      ['not UTF-8', Buffer.from([0x7b, 0xff, 0x7d]), 'json.invalid_utf8'],
      ['a key twice', '{"Sale_Reference_ID":"A","Sale_Reference_ID":"B","Payment_Status":"PENDING"}', 'json.duplicate_key'],
      ['an amount as text', null, 'amount_paid.wrong_type'],
      ['PAID without an amount', '{"Sale_Reference_ID":"LTGSINV_X","Payment_Status":"PAID","Paid_On":"2026-11-28 12:00:05"}',
        'amount_paid.required'],
    ])('a body that is %s is 400 (after the signature), and changes nothing', async (_, raw, code) => {
      const before = snapshot();
      const body = raw ?? JSON.stringify(paidDoc('PHPDEMO-200000002', { Total_Amount_Paid: '15000' }));
      const res = await deliver(null, { raw: body });
      expect([res.status, res.json.errors[0].code]).toEqual([400, code]);
      expect(snapshot()).toEqual(before);
      expect(lastAudit()).toMatchObject({ outcome: 'rejected', code, signature: 'valid' });
    });

    test('LTGS failing the re-check is 503 (so that it delivers again); LTGS not knowing the payment is 409', async () => {
      const ref = await paidOrder();
      statuses.set(ref, 'FAIL');
      const before = snapshot();
      const res = await deliver(paidDoc(ref));
      expect([res.status, res.json.errors[0].code]).toEqual([503, 'callback.recheck_failed']);
      expect(lastAudit()).toMatchObject({ outcome: 'error', code: 'callback.recheck_failed' });
      statuses.delete(ref);
      const unknown = await deliver(paidDoc(ref));
      expect([unknown.status, unknown.json.errors[0].code]).toEqual([409, 'callback.unknown_to_ltgs']);
      expect(snapshot()).toEqual(before);
    });

    test('FAILED and EXPIRED are recorded once; a PAID after an expiry counts; a bill paid twice says what to refund', async () => {
      const failed = newOrder();
      await initiate(browserPayload(failed));
      statuses.set(failed, statusDoc(failed, { Payment_Status: 'FAILED', Payment_Ref_ID: 'MTN_111' }));
      expect((await deliver(statuses.get(failed))).status).toBe(200);
      expect(order(failed).status).toBe('FAILED');
      const pending = statusDoc(failed);
      expect((await deliver(pending)).status).toBe(409);  // LTGS says FAILED

      const ref = newOrder();
      await initiate(browserPayload(ref));
      statuses.set(ref, statusDoc(ref, { Payment_Status: 'EXPIRED' }));
      expect((await deliver(statuses.get(ref))).json).toEqual({ received: true });
      expect((await deliver(statuses.get(ref))).json).toEqual({ received: true, duplicate: true });
      expect(paymentsOf(ref)).toEqual([expect.objectContaining({ payment_ref_id: '', status: 'EXPIRED' })]);
      await initiate(browserPayload(`${ref}-R2`));
      statuses.set(`${ref}-R2`, paidDoc(`${ref}-R2`, { Payment_Ref_ID: 'MTN_SECOND' }));
      expect((await deliver(statuses.get(`${ref}-R2`))).status).toBe(200);
      expect(order(ref)).toMatchObject({ status: 'PAID', paid_attempt: 2, duplicate_count: 0 });
      // The first prompt is approved after all: the money is real, and the bill was paid twice.
      statuses.set(ref, paidDoc(ref, { Payment_Ref_ID: 'MTN_FIRST' }));
      expect((await deliver(statuses.get(ref))).status).toBe(200);
      expect(order(ref)).toMatchObject({ status: 'PAID', paid_attempt: 1, duplicate_count: 1, refund_due: 15000,
        amount_paid_total: 30000, payment_ref_id: 'MTN_FIRST' });
      expect(attemptsOf(ref).map((a) => [a.number, a.state, a.payment_ref_id]))
        .toEqual([[1, 'PAID', 'MTN_FIRST'], [2, 'PAID', 'MTN_SECOND']]);
      expect((await deliver(statuses.get(ref))).json).toEqual({ received: true, duplicate: true });
      expect(order(ref).refund_due).toBe(15000);
    });

    test('a PENDING callback is 200 ignored; GET is 405', async () => {
      const ref = newOrder();
      await initiate(browserPayload(ref));
      const res = await deliver(statusDoc(ref));
      expect(res.status).toBe(200);
      expect(lastAudit()).toMatchObject({ outcome: 'ignored', code: 'callback.not_final' });
      expect((await request(base, '/checkout/callback')).status).toBe(405);
    });

    test('the audit log stays bounded: 20 rows per claimed reference, bodies cut, the rest counted', async () => {
      const claimed = 'PHPDEMO-777777777';
      for (let i = 0; i < 24; i += 1) {
        await deliver(paidDoc(claimed, { Padding: 'p'.repeat(2000) }), { secret: 'wrong' });
      }
      const rows = db.prepare('SELECT * FROM callbacks WHERE reference = ?').all(claimed);
      expect(rows).toHaveLength(20);
      expect(rows.every((r) => r.body.length === 512 && r.outcome === 'rejected')).toBe(true);
      expect(db.prepare("SELECT value FROM counters WHERE name = 'callbacks_dropped'").get().value).toBeGreaterThanOrEqual(4);
    });
  });

  describe('unsigned mode (LTGS_CALLBACK_SIGNATURE=none: the real LTGS documents no signature)', () => {
    let unsigned;
    beforeAll(async () => {
      unsigned = await startPhp({ LTGS_API_BASE: ltgs.url, LTGS_API_KEY: API_KEY, LTGS_CALLBACK_SIGNATURE: 'none',
        LTGS_CHECKOUT_SECRET: CHECKOUT_SECRET, LTGS_DATA_DIR: tmp });  // the same database
    });
    afterAll(() => unsigned && unsigned.close());

    test('a callback without a signature is accepted when the re-check confirms it', async () => {
      const ref = newOrder();
      await initiate(browserPayload(ref));
      statuses.set(ref, paidDoc(ref));
      const res = await deliver(paidDoc(ref), { header: null, target: unsigned.url });
      expect(res.status).toBe(200);
      expect(order(ref).status).toBe('PAID');
      expect(lastAudit()).toMatchObject({ signature: 'not_checked', outcome: 'recorded' });
    });

    test('a forged PAID is refused by the re-check alone', async () => {
      const ref = newOrder();
      await initiate(browserPayload(ref));
      const before = snapshot();
      const res = await deliver(paidDoc(ref), { header: `t=1,v1=${'0'.repeat(64)}`, target: unsigned.url });
      expect([res.status, res.json.errors[0].code]).toEqual([409, 'callback.status_mismatch']);
      expect(snapshot()).toEqual(before);
      expect(attempt(ref).state).toBe('PENDING');
    });
  });

  describe('configuration', () => {
    test('a PUBLIC_URL that LTGS would refuse as Callback_URL (plain http, not loopback) is a 500 that names nothing', async () => {
      const bad = await startPhp({ LTGS_API_BASE: ltgs.url, LTGS_API_KEY: API_KEY, PUBLIC_URL: 'http://shop.example.rw',
        LTGS_DATA_DIR: tmp, LTGS_CHECKOUT_SECRET: CHECKOUT_SECRET });
      try {
        const res = await request(bad.url, '/');
        expect([res.status, res.json.errors[0].code]).toEqual([500, 'server.misconfigured']);
        expect(res.text).not.toMatch(/shop\.example|PUBLIC_URL/);
        expect(bad.log.join('')).toMatch(/PUBLIC_URL http:\/\/shop\.example\.rw would give LTGS a Callback_URL it refuses/);
      } finally {
        await bad.close();
      }
    });

    test('without LTGS_CHECKOUT_SECRET a random one is made once, kept out of the web root, and reused', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ltgs-php-secret-'));
      const other = await startPhp({ LTGS_API_BASE: ltgs.url, LTGS_API_KEY: API_KEY, LTGS_DATA_DIR: dir });
      try {
        const pages = [];
        for (let i = 0; i < 4; i += 1) pages.push(await request(other.url, '/'));
        const tokens = new Set(pages.map((p) => p.text.match(/data-checkout-token="ct1\.[0-9]+\.([^"]+)"/)[1]));
        const secret = fs.readFileSync(path.join(dir, 'checkout-secret'), 'utf8').trim();
        expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(fs.statSync(path.join(dir, 'checkout-secret')).mode & 0o077).toBe(0);
        expect(tokens.size).toBeLessThanOrEqual(2);  // the same secret; the expiry second may differ
        const token = pages[0].text.match(/data-checkout-token="([^"]+)"/)[1];
        const res = await postJson(other.url, '/checkout/initiate', browserPayload('PHPDEMO-100234567'), { 'X-Checkout-Token': token });
        expect(res.status).toBe(201);
      } finally {
        await other.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  test('no answer to the browser carried the API key or the callback secret', () => {
    expect(browserAnswers.length).toBeGreaterThan(40);
    for (const text of browserAnswers) {
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain(CALLBACK_SECRET);
      expect(text).not.toContain('Merchant_Secret');
      expect(text).not.toContain('<script>');
    }
  });
});
