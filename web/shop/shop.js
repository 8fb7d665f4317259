// The demo shop, a water utility's bill page, and its back office:
//
//   GET  /                         the customer's bill for last month (?account=NNNNNNNNN for another demo
//                                  customer), with the widget by its script tag; its status once paid
//   GET  /orders                   every order and its attempts as the partner backend knows them, and the
//                                  callback log
//   GET  /sandbox                  the simulated scan: QR / USSD payments waiting for the payer's approval
//   GET  /sandbox/state            {state}: a digest of what /sandbox shows, for its reload-on-change script
//   POST /sandbox/payments/{ref}/approve|decline   forwarded to the sandbox, then back to /sandbox
//   GET  /shop/NAME.css|js|svg     web/shop/public/
//   GET  /dist/…                   the built widget and core (application/wasm for .wasm)
//   GET  /validate                 the live-validation page (web/shop/validate/)
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const {
  HttpError, systemClock, send, sendJson, sendHtml, sendText, redirect, decodeSegment, isSameOrigin, routeTable, dispatch,
} = require('../partner/http.js');
const { kigaliDateTime } = require('../partner/core.js');
const { TEST_NUMBERS, OTHER_NUMBERS, DEFAULT_EXPIRY_MS } = require('../sandbox/ltgs-sandbox.js');
const { escapeHtml, html, raw, formatRwf, page } = require('./html.js');
const { words, monthName, duration, WORDS } = require('./words.js');

const ROOT = path.resolve(__dirname, '..', '..');
const PUBLIC_DIR = path.join(__dirname, 'public');
const DEMO_DIR = path.join(__dirname, 'validate');
const DEFAULT_DIST_DIR = path.join(ROOT, 'dist');

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

// The files under dist/ that are served; nothing else there is.
const DIST_FILES = new Set(['checkout.js', 'checkout.wasm', 'ltgs-checkout.js', 'ltgs-checkout.app.js', 'ltgs-checkout.wasm',
                            'ltgs-checkout.rw.js', 'ltgs-checkout.fr.js', 'ltgs-checkout.single.js', 'ltgs-checkout.mjs']);
const PUBLIC_EXTENSIONS = new Set(['.js', '.css', '.svg']);
const DEMO_EXTENSIONS = new Set(['.js', '.css']);
const LOCALES = { en: 'English', rw: 'Ikinyarwanda', fr: 'Français' };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
                'November', 'December'];

const DEFAULT_ACCOUNT = '100234567';
const ACCOUNT_PATTERN = /^[0-9]{9}$/;

// "100-234-567": a water account number as printed on the bill.
const formatAccount = (account) => `${account.slice(0, 3)}-${account.slice(3, 6)}-${account.slice(6)}`;

// A bill is one order: its reference names the account and the bill's month, so every page load of the
// same bill shows the same order ("KWB-2611-100234567", 18 characters: every attempt's reference, up to
// "-R20", fits an EMVCo reference label of 25).
function billReference(account, nowMs) {
  const [year, month] = kigaliDateTime(nowMs).split('-').map(Number);
  const billYear = month === 1 ? year - 1 : year;
  const billMonth = month === 1 ? 12 : month - 1;
  return `KWB-${String(billYear % 100).padStart(2, '0')}${String(billMonth).padStart(2, '0')}-${account}`;
}

// The demo customer's bill for last month. The amount is the order's: the partner never takes it from the
// browser. Any nine-digit account is a demo customer (the tests each use their own).
function demoBill(nowMs, account = DEFAULT_ACCOUNT) {
  const [year, month] = kigaliDateTime(nowMs).split('-').map(Number);
  const billYear = month === 1 ? year - 1 : year;
  const period = `${MONTHS[(month + 10) % 12]} ${billYear}`;  // last month
  const lines = [
    ['Water consumption, 14 m³', 11_480],
    ['Sewerage and sanitation', 2_520],
    ['Fixed monthly charge', 1_000],
  ];
  return {
    reference: billReference(account, nowMs),
    customerName: account === DEFAULT_ACCOUNT ? 'Jeanne Uwimana' : `Demo customer ${formatAccount(account)}`,
    account,
    accountNumber: formatAccount(account),
    meter: `KGL-${account.slice(-6)}`,
    address: 'KG 11 Ave, Gasabo, Kigali',
    kycId: '1199070012345012',  // on file with the utility: the widget need not ask for it
    period,
    periodMonth: (month + 10) % 12,  // 0 … 11, for the page's language
    periodYear: billYear,
    servicesName: `Water Bill - ${period}`,
    lines,
    amount: lines.reduce((sum, [, francs]) => sum + francs, 0),
  };
}

// The partner's order lookup for the backend: the bill an order reference names, or null.
function billLookup(billFor, clock) {
  return (reference) => {
    const m = /^KWB-[0-9]{4}-([0-9]{9})$/.exec(String(reference));
    if (!m) return null;
    const bill = billFor(clock.now(), m[1]);
    return bill.reference === reference ? bill : null;
  };
}

// Sale_Reference_ID in LTGS's own style, LTGSINV_<yymmdd>_<6 hex> (21 characters), for orders made
// outside the bill page (tests, the command line).
function newReference(nowMs) {
  const d = kigaliDateTime(nowMs);
  return `LTGSINV_${d.slice(2, 4)}${d.slice(5, 7)}${d.slice(8, 10)}_${crypto.randomBytes(3).toString('hex').toUpperCase()}`;
}

// True when `file` is inside `dir` (both absolute and resolved).
function isInside(dir, file) {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

// options: { core, store, sandboxBase (the sandbox's URL, or null when LTGS_API_BASE points elsewhere),
// distDir, clock, fetch, bill(nowMs, account), checkoutToken(orderReference), expiryMs (the sandbox's, for the
// test-number table) }
function createShop(options) {
  const o = options || {};
  const { core, store } = o;
  const clock = o.clock ?? systemClock;
  const fetchFn = o.fetch ?? ((...args) => globalThis.fetch(...args));
  const distDir = o.distDir ?? DEFAULT_DIST_DIR;
  const billFor = o.bill ?? demoBill;
  const sandboxBase = o.sandboxBase ? o.sandboxBase.replace(/\/+$/, '') : null;
  // The page's checkout token for an order (../partner/checkout-token.js); none without a backend secret.
  const checkoutToken = o.checkoutToken ?? (() => '');
  const expiryMs = o.expiryMs ?? DEFAULT_EXPIRY_MS;

  // URL path → file, or null when it is not one this shop serves.
  function staticFile(pathname) {
    let decoded;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return null;
    }
    if (decoded.includes('\0') || decoded.includes('\\')) return null;
    const oneSegment = (prefix, dir, extensions) => {
      const name = decoded.slice(prefix.length);
      if (name.includes('/') || name.startsWith('.') || !extensions.has(path.extname(name))) return null;
      const file = path.resolve(dir, name);
      return isInside(dir, file) ? file : null;
    };
    if (decoded === '/validate' || decoded === '/validate/') return path.join(DEMO_DIR, 'index.html');
    if (decoded.startsWith('/validate/')) return oneSegment('/validate/', DEMO_DIR, DEMO_EXTENSIONS);
    if (decoded.startsWith('/shop/')) return oneSegment('/shop/', PUBLIC_DIR, PUBLIC_EXTENSIONS);
    if (decoded.startsWith('/dist/')) {
      // /dist/NAME, or /dist/b-BUILD/NAME: the same file under a name that changes with the build, cached for good.
      const m = /^([^/]+)\/([^/]+)$/.exec(decoded.slice('/dist/'.length));
      const name = m ? (m[1] === `b-${buildId()}` ? m[2] : null) : decoded.slice('/dist/'.length);
      return name !== null && DIST_FILES.has(name) ? path.join(distDir, name) : null;
    }
    return null;
  }

  // The build's id: a hash of the dist/ files the pages load, recomputed when one of them changes. Pages
  // name the widget by it (/dist/b-ID/ltgs-checkout.js), so browsers may keep what they fetched for a year.
  const BUILD_FILES = ['ltgs-checkout.js', 'ltgs-checkout.app.js', 'ltgs-checkout.rw.js', 'ltgs-checkout.fr.js', 'ltgs-checkout.wasm'];
  let build = { key: '', id: 'none' };
  function buildId() {
    const stats = BUILD_FILES.map((name) => {
      try {
        const st = fs.statSync(path.join(distDir, name));
        return `${name}:${st.size}:${st.mtimeMs}`;
      } catch {
        return `${name}:missing`;
      }
    });
    const key = stats.join('|');
    if (key !== build.key) {
      const hash = crypto.createHash('sha256');
      for (const name of BUILD_FILES) {
        try {
          hash.update(fs.readFileSync(path.join(distDir, name)));
        } catch { /* not built: the pages say so */ }
      }
      build = { key, id: hash.digest('hex').slice(0, 12) };
    }
    return build.id;
  }

  // Compressed copies of the dist/ files (brotli when the browser takes it, else gzip), made once per file
  // version and kept: a slow phone network pays for a third of the bytes.
  const compressed = new Map();  // path → { mtimeMs, br, gzip }
  const accepts = (acceptEncoding, name) =>
    new RegExp(`(^|,)\\s*${name}\\s*(;\\s*q=(?!0(\\.0*)?\\s*(,|$))[0-9.]+)?\\s*(,|$)`, 'i').test(acceptEncoding);
  function encodedBody(file, body, mtimeMs, acceptEncoding) {
    if (!file.startsWith(distDir + path.sep) && !file.startsWith(PUBLIC_DIR + path.sep)) return null;
    const acceptsName = (name) => accepts(acceptEncoding, name);
    let entry = compressed.get(file);
    if (!entry || entry.mtimeMs !== mtimeMs) {
      entry = { mtimeMs, br: null, gzip: null };
      compressed.set(file, entry);
    }
    if (acceptsName('br')) {
      entry.br ??= zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
      return { encoding: 'br', body: entry.br };
    }
    if (acceptsName('gzip')) {
      entry.gzip ??= zlib.gzipSync(body, { level: 9 });
      return { encoding: 'gzip', body: entry.gzip };
    }
    return null;
  }

  // A page, compressed when the browser takes it (quickly: pages are made per request).
  function sendPage(req, res, text) {
    const headOnly = req.method === 'HEAD';
    const acceptEncoding = String(req.headers['accept-encoding'] || '');
    const body = Buffer.from(text);
    const headers = { 'Content-Type': 'text/html; charset=utf-8', Vary: 'Accept-Encoding' };
    if (accepts(acceptEncoding, 'br')) {
      send(res, 200, { ...headers, 'Content-Encoding': 'br' }, zlib.brotliCompressSync(body, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }), headOnly);
    } else if (accepts(acceptEncoding, 'gzip')) {
      send(res, 200, { ...headers, 'Content-Encoding': 'gzip' }, zlib.gzipSync(body, { level: 6 }), headOnly);
    } else {
      send(res, 200, headers, body, headOnly);
    }
  }

  async function serveFile(req, res, file) {
    const headOnly = req.method === 'HEAD';
    try {
      // A symbolic link must not lead out of the directory it sits in.
      const real = await fs.promises.realpath(file);
      const base = await fs.promises.realpath(path.dirname(file));
      if (!isInside(base, real)) {
        sendText(res, 404, 'Not found', headOnly);
        return;
      }
      const body = await fs.promises.readFile(real);
      const headers = { 'Content-Type': MIME_TYPES[path.extname(file)] };
      if (file.startsWith(distDir + path.sep) || file.startsWith(PUBLIC_DIR + path.sep)) {
        headers.Vary = 'Accept-Encoding';
        // A build-named URL never changes content; the plain /dist/NAME is re-checked every time.
        if (req.url.startsWith('/dist/b-')) headers['Cache-Control'] = 'public, max-age=31536000, immutable';
        const encoded = encodedBody(file, body, (await fs.promises.stat(real)).mtimeMs, String(req.headers['accept-encoding'] || ''));
        if (encoded) {
          headers['Content-Encoding'] = encoded.encoding;
          send(res, 200, headers, encoded.body, headOnly);
          return;
        }
      }
      send(res, 200, headers, body, headOnly);
    } catch (err) {
      if (err.code !== 'ENOENT' && err.code !== 'EISDIR' && err.code !== 'ENOTDIR') throw err;
      const hint = file.startsWith(distDir + path.sep) ? ' (run npm run build)' : '';
      sendText(res, 404, `Not found${hint}`, headOnly);
    }
  }

  // The bill page reads the order, never writes it: the order row is made by the first initiation.
  async function billPage(url) {
    const now = clock.now();
    const account = url.searchParams.get('account') ?? DEFAULT_ACCOUNT;
    if (!ACCOUNT_PATTERN.test(account)) throw new HttpError(404, 'account.unknown', 'There is no such account.');
    const bill = billFor(now, account);
    const order = await store.getOrder(bill.reference);
    const requested = url.searchParams.get('lang');
    const locale = Object.hasOwn(LOCALES, requested) ? requested : 'en';
    const query = (lang) => `/?${new URLSearchParams({ ...(account === DEFAULT_ACCOUNT ? {} : { account }), lang })}`;
    const languages = Object.entries(LOCALES).map(([code, name]) => (code === locale
      ? html`<a href="${query(code)}" lang="${code}" aria-current="true">${name}</a>`
      : html`<a href="${query(code)}" lang="${code}">${name}</a>`));
    const status = order ? order.status : 'NEW';
    // The page's own words follow the checkout's language; the bill's lines and names are the utility's.
    const w = words(locale);
    const period = bill.periodMonth === undefined ? bill.period : `${monthName(locale, bill.periodMonth)} ${bill.periodYear}`;
    const rwf = (francs) => formatRwf(francs, locale);
    const lineLabel = (label) => (WORDS.en.lines.includes(label) ? w.lines[WORDS.en.lines.indexOf(label)] : label);
    const next = nextDemoAccount(account);
    const [scan1, scanLink, scan2, ordersLink, scan3, accountWord] = w.tryScan;
    const body = html`
    <h1>${w.h1}</h1>
    <p class="lead">${w.lead(bill.customerName, period)}</p>
    <section class="bill" aria-labelledby="bill-title" data-order-status="${status}">
      <h2 id="bill-title">${w.billFor(period)}</h2>
      <dl class="account">
        <div><dt>${w.customer}</dt><dd>${bill.customerName}</dd></div>
        <div><dt>${w.account}</dt><dd>${bill.accountNumber}</dd></div>
        <div><dt>${w.meter}</dt><dd>${bill.meter}</dd></div>
        <div><dt>${w.orderReference}</dt><dd><code id="order-reference">${bill.reference}</code></dd></div>
      </dl>
      <p class="due">${w.amountDue} <strong class="total">${rwf(bill.amount)}</strong></p>
      ${payBlock(bill, order, locale)}
      <table class="lines">
        <caption class="visually-hidden">${w.charges}</caption>
        <thead><tr><th scope="col">${w.charge}</th><th scope="col" class="num">${w.amount}</th></tr></thead>
        <tbody>
${bill.lines.map(([label, francs]) => html`          <tr><td>${lineLabel(label)}</td><td class="num">${rwf(francs)}</td></tr>\n`)}        </tbody>
        <tfoot><tr><th scope="row">${w.amountDue}</th><td class="num">${rwf(bill.amount)}</td></tr></tfoot>
      </table>
      <p class="muted">${bill.address}</p>
    </section>
    <p class="languages">${w.language} ${raw(languages.map((a) => a.text).join(' · '))}</p>
    <aside class="hint" aria-labelledby="hint-title">
      <h2 id="hint-title">${w.tryTitle}</h2>
      <p>${w.tryLead}</p>
      ${testNumbers(locale)}
      <p>${scan1}<a href="/sandbox">${scanLink}</a>${scan2}<a href="/orders">${ordersLink}</a>${scan3}<a
        href="/?${new URLSearchParams({ account: next, lang: locale })}">${accountWord} ${formatAccount(next)}</a>.</p>
    </aside>`;
    // The rest of the widget, the page's language when it is not English (ltgs-checkout.app.js has English only)
    // and the wasm are fetched while ltgs-checkout.js arrives, not after it ran (a slow network's round trips);
    // ltgs-checkout.js, small, which draws the pay button, comes first.
    const preload = order && order.status === 'PAID' ? []
      : [{ href: `/dist/b-${buildId()}/ltgs-checkout.app.js`, as: 'script', low: true },
         ...(locale === 'en' ? [] : [{ href: `/dist/b-${buildId()}/ltgs-checkout.${locale}.js`, as: 'script', low: true }]),
         { href: `/dist/b-${buildId()}/ltgs-checkout.wasm`, as: 'fetch', low: true }];
    return page({ title: w.title, current: '/', scripts: ['/shop/bill.js'], body, preload, lang: locale, words: w });
  }

  const nextDemoAccount = (account) => String((Number(account) % 900_000_000) + 100_000_001).padStart(9, '0');

  // The widget while the bill can still be paid; what happened once it cannot.
  function payBlock(bill, order, locale) {
    const w = words(locale);
    if (order && order.status === 'PAID') {
      return html`<div class="pay paid" id="bill-paid" role="status">
        <p class="paid-title"><strong>${w.paid}</strong>${w.thanks}</p>
        <p>${w.paidRef}<code id="payment-ref">${order.payment_ref_id ?? ''}</code>${order.paid_on ? html`${w.paidOn}${order.paid_on}` : html``}
          (${w.order} <code>${order.reference}</code>).</p>
        ${order.duplicate_count > 0 ? html`<p class="notice">${w.paidTwice(order.duplicate_count + 1, formatRwf(order.refund_due, locale))}</p>`
          : html``}
      </div>`;
    }
    if (order && order.status === 'AMOUNT_MISMATCH') {
      return html`<div class="pay" id="bill-review" role="status"><p class="notice">${w.review}</p></div>`;
    }
    return html`<div class="pay">
        ${order && order.status === 'PENDING' ? html`<p class="muted" id="bill-pending">${w.pending}</p>` : html``}
        <script src="/dist/b-${buildId()}/ltgs-checkout.js" data-reference="${bill.reference}" data-amount="${bill.amount}"
                data-services-name="${bill.servicesName}" data-kyc-id="${bill.kycId}"
                data-initiate-url="/checkout/initiate" data-status-url="/checkout/status"
                data-checkout-token="${checkoutToken(bill.reference)}" data-locale="${locale}"></script>
      </div>
      <p id="pay-result" class="pay-result" role="status" aria-live="polite"></p>`;
  }

  // The sandbox's test numbers and what each does, in the page's language; the never-approved number's expiry
  // is this sandbox's (LTGS_SANDBOX_EXPIRY_MS).
  function testNumbers(locale = 'en') {
    const w = words(locale);
    const outcome = (r) => {
      if (r.status === null) return w.outcomes.never(duration(expiryMs, locale));
      if (r.status === 'FAILED') return w.outcomes.insufficient;
      return r.phone.startsWith('072') ? w.outcomes.paidAirtel : w.outcomes.paidMtn;
    };
    const rows = [...TEST_NUMBERS.map((r) => [r.phone, outcome(r)]), ['07…', w.outcomes.other]];
    return html`<table class="numbers"><thead><tr><th scope="col">${w.phoneNumber}</th><th scope="col">${w.outcome}</th></tr></thead>
        <tbody>${rows.map(([phone, what]) => html`<tr><td><code>${phone}</code></td><td>${what}</td></tr>`)}</tbody></table>`;
  }

  function statusBadge(status) {
    return html`<span class="badge badge-${String(status).toLowerCase().replace(/[^a-z_]/g, '')}">${status}</span>`;
  }

  // The store may answer synchronously (SQLite) or not (PostgreSQL): every read is awaited.
  async function ordersPage() {
    const orders = await store.listOrders(200);
    const callbacks = await store.listCallbacks(30);
    const dropped = await store.droppedCallbacks();
    const attemptsByOrder = new Map();
    for (const r of orders) attemptsByOrder.set(r.id, await store.attemptsOf(r.id));
    const attemptRows = (order) => attemptsByOrder.get(order.id).map((a) => html`
          <tr class="attempt" data-attempt="${a.reference}">
            <td><code>${a.reference}</code></td>
            <td>${new Date(a.started_at_ms).toISOString().replace('T', ' ').slice(0, 19)}</td>
            <td class="muted">attempt ${a.number}${order.paid_attempt === a.number ? ' · pays the bill' : ''}</td>
            <td></td>
            <td>${statusBadge(a.state)}${a.state === 'PAID' && order.paid_attempt !== a.number ? html` <strong class="duplicate">paid again: refund</strong>` : html``}</td>
            <td>${a.method}</td>
            <td>${a.channel ?? ''}</td>
            <td><code>${a.payment_ref_id ?? ''}</code></td>
            <td class="num">${a.amount_paid === null ? '' : formatRwf(a.amount_paid)}</td>
            <td>${a.paid_on ?? ''}</td>
          </tr>`);
    const orderRows = orders.map((r) => html`
          <tr class="order" data-order="${r.reference}" data-status="${r.status}">
            <td><code>${r.reference}</code></td>
            <td>${r.created_at.replace('T', ' ').slice(0, 19)}</td>
            <td>${r.services_name}<br><span class="muted">${r.customer_name} · ${r.account_number}</span></td>
            <td class="num">${formatRwf(r.amount)}</td>
            <td>${statusBadge(r.status)}${r.duplicate_count > 0 ? html`<br><strong class="duplicate">paid ${r.duplicate_count + 1} times:
              refund ${formatRwf(r.refund_due)}</strong>` : html``}</td>
            <td>${r.payment_method ?? ''}</td>
            <td>${r.payment_channel ?? ''}</td>
            <td><code>${r.payment_ref_id ?? ''}</code></td>
            <td class="num">${r.amount_paid_total ? formatRwf(r.amount_paid_total) : ''}</td>
            <td>${r.paid_on ?? ''}</td>
          </tr>${attemptRows(r)}`);
    const callbackRows = callbacks.map((c) => html`
          <tr>
            <td>${c.received_at.replace('T', ' ').slice(0, 19)}</td>
            <td><code>${c.reference ?? ''}</code></td>
            <td>${c.claimed_status ?? ''}</td>
            <td>${c.signature}</td>
            <td>${statusBadge(c.outcome)}</td>
            <td><code>${c.code}</code></td>
          </tr>`);
    const body = html`
    <h1>Orders</h1>
    <p class="lead">Each order (a customer's bill) and, under it, its payment attempts: each attempt is one LTGS
      payment with its own reference. The status is the partner backend's, from LTGS's answers to the status
      checks and from the callbacks it verified. An order paid more than once says so, with the amount to refund.
      Times are UTC; <em>Paid on</em> is as LTGS wrote it (Kigali time).</p>
    <div class="scroll">
      <table class="orders">
        <thead><tr><th scope="col">Reference</th><th scope="col">Created</th><th scope="col">Bill</th>
          <th scope="col" class="num">Amount</th><th scope="col">Status</th><th scope="col">Method</th>
          <th scope="col">Channel</th><th scope="col">Payment ref.</th><th scope="col" class="num">Paid</th>
          <th scope="col">Paid on</th></tr></thead>
        <tbody>${orders.length ? orderRows : raw('<tr><td colspan="10">No orders yet: open <a href="/">the bill</a> and pay.</td></tr>')}</tbody>
      </table>
    </div>
    <h2>Callback log</h2>
    <p class="lead">Every callback delivery, accepted or not (latest 30). The log is bounded: ${dropped}
      older rows were dropped so far.</p>
    <div class="scroll">
      <table class="callbacks">
        <thead><tr><th scope="col">Received</th><th scope="col">Reference</th><th scope="col">Claimed status</th>
          <th scope="col">Signature</th><th scope="col">Outcome</th><th scope="col">Code</th></tr></thead>
        <tbody>${callbacks.length ? callbackRows : raw('<tr><td colspan="6">No callbacks yet.</td></tr>')}</tbody>
      </table>
    </div>`;
    return page({ title: 'Orders — Kigali Water', current: '/orders', body });
  }

  async function sandboxListing() {
    const res = await fetchFn(`${sandboxBase}/api/v1/sandbox/payments`, { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return (await res.json()).payments;
  }

  // A short digest of what /sandbox shows: its script reloads the page only when this changes.
  function sandboxState(payments) {
    return (payments ?? []).slice(0, 20)
      .map((p) => `${p.reference}:${p.status}:${p.callback.delivered ? 1 : 0}`).join(',');
  }

  async function sandboxStateJson(res) {
    let state = null;
    if (sandboxBase) {
      try {
        state = sandboxState(await sandboxListing());
      } catch {
        state = null;
      }
    }
    sendJson(res, 200, { state });
  }

  function qrImage(payload, reference) {
    const r = core.qrSvg(payload, { title: `QR code for ${reference}` });
    if (!r.ok) return html``;
    const src = `data:image/svg+xml;base64,${Buffer.from(r.value.svg).toString('base64')}`;
    return html`<img class="qr" src="${src}" alt="QR code for ${reference}" width="160" height="160">`;
  }

  async function sandboxPage(url) {
    let payments = null;
    let problem = null;
    if (!sandboxBase) {
      problem = 'The sandbox is not running here: LTGS_API_BASE points the backend at another LTGS.';
    } else {
      try {
        payments = await sandboxListing();
      } catch (err) {
        problem = `The sandbox did not answer (${err.message}).`;
      }
    }
    const done = url.searchParams.get('done');
    const doneRef = url.searchParams.get('ref') ?? '';
    const notice = done === 'approve' || done === 'decline'
      ? html`<p class="notice" role="status">${done === 'approve' ? 'Approved' : 'Declined'}: <code>${doneRef}</code>.</p>`
      : done === 'error'
        ? html`<p class="notice error" role="alert">That payment cannot be ${url.searchParams.get('action') === 'decline' ? 'declined' : 'approved'} any more: <code>${doneRef}</code>.</p>`
        : html``;
    const waiting = (payments ?? []).filter((p) => p.awaitingScan);
    const cards = waiting.map((p) => html`
      <li class="scan" data-reference="${p.reference}">
        <h3><code>${p.reference}</code></h3>
        <p>${p.method === 'QR' ? 'QR code' : 'USSD'} · ${formatRwf(p.amount)} · ${p.servicesName}</p>
        ${p.qrPayload ? qrImage(p.qrPayload, p.reference) : html``}
        ${p.ussdCode ? html`<p>Dialled: <code class="ussd">${p.ussdCode}</code></p>` : html``}
        <p class="muted">Expires ${p.expiresAt.replace('T', ' ').slice(0, 19)} UTC</p>
        <div class="actions">
          <form method="post" action="/sandbox/payments/${encodeURIComponent(p.reference)}/approve">
            <button type="submit" class="approve">Approve<span class="visually-hidden"> ${p.reference}</span></button>
          </form>
          <form method="post" action="/sandbox/payments/${encodeURIComponent(p.reference)}/decline">
            <button type="submit" class="decline secondary">Decline<span class="visually-hidden"> ${p.reference}</span></button>
          </form>
        </div>
      </li>`);
    const recent = (payments ?? []).slice(0, 20).map((p) => html`
          <tr>
            <td><code>${p.reference}</code></td>
            <td>${p.method}</td>
            <td class="num">${formatRwf(p.amount)}</td>
            <td>${statusBadge(p.status)}${p.failureReason ? html` <span class="muted">${p.failureReason}</span>` : html``}</td>
            <td>${p.status === 'PENDING' ? '' : p.callback.delivered ? `delivered (${p.callback.attempts} attempt${p.callback.attempts === 1 ? '' : 's'})`
                : p.callback.gaveUp ? `gave up: ${p.callback.lastError}` : `retrying: ${p.callback.lastError ?? 'sending'}`}</td>
          </tr>`);
    const body = html`
    <h1>LTGS sandbox: simulated scan</h1>
    <p class="lead">This page stands in for the payer's phone. A QR or USSD payment waits here until you approve
      it (as if the payer had scanned the code or dialled it and entered the PIN) or decline it.</p>
    ${notice}
    ${problem ? html`<p class="notice error" role="alert">${problem}</p>` : html``}
    <section id="waiting" aria-labelledby="waiting-title" data-waiting="${waiting.length}" data-state="${sandboxState(payments)}">
      <h2 id="waiting-title">Waiting for a scan</h2>
      ${waiting.length ? html`<ul class="scans">${cards}</ul>`
        : html`<p>No QR or USSD payment is waiting. Choose <em>QR code</em> or <em>USSD</em> in the checkout, then come back.</p>`}
    </section>
    <section aria-labelledby="numbers-title">
      <h2 id="numbers-title">Test phone numbers (MTN MoMo, Airtel Money)</h2>
      ${testNumbers()}
    </section>
    <section aria-labelledby="recent-title">
      <h2 id="recent-title">Recent sandbox payments</h2>
      <div class="scroll">
        <table class="recent">
          <thead><tr><th scope="col">Reference</th><th scope="col">Method</th><th scope="col" class="num">Amount</th>
            <th scope="col">Status</th><th scope="col">Callback</th></tr></thead>
          <tbody>${recent.length ? recent : raw('<tr><td colspan="5">None yet.</td></tr>')}</tbody>
        </table>
      </div>
    </section>`;
    return page({ title: 'Sandbox: simulated scan — Kigali Water', current: '/sandbox', scripts: ['/shop/sandbox.js'], body });
  }

  // The form posts of /sandbox, forwarded to the sandbox as the payer's phone would act.
  async function simulateScan(req, res, segment, action) {
    // Same-origin forms only.
    if (!isSameOrigin(req)) {
      throw new HttpError(403, 'request.cross_origin', 'Requests from another site are refused.');
    }
    req.resume();
    const reference = decodeSegment(segment);
    if (!sandboxBase || reference === null) throw new HttpError(404, 'request.not_found', 'No such payment.');
    let ok = false;
    try {
      const r = await fetchFn(`${sandboxBase}/api/v1/sandbox/payments/${encodeURIComponent(reference)}/${action}`, { method: 'POST' });
      await r.arrayBuffer();
      ok = r.ok;
    } catch {
      ok = false;
    }
    const q = new URLSearchParams({ done: ok ? action : 'error', ref: reference, ...(ok ? {} : { action }) });
    redirect(res, `/sandbox?${q}`);
  }

  const billRoute = async (req, res, params, url) => sendPage(req, res, await billPage(url));
  const routes = routeTable([
    ['GET, HEAD', '/', billRoute],
    ['GET, HEAD', '/index.html', billRoute],
    ['GET, HEAD', '/orders', async (req, res) => sendPage(req, res, await ordersPage())],
    ['GET, HEAD', '/sandbox', async (req, res, params, url) => sendPage(req, res, await sandboxPage(url))],
    ['GET, HEAD', '/sandbox/state', (req, res) => sandboxStateJson(res)],
    ['POST', /^\/sandbox\/payments\/([^/]+)\/(approve|decline)$/, (req, res, [ref, action]) => simulateScan(req, res, ref, action)],
  ]);

  // Resolves true when the request was answered here: a page, or a file (whose 405, like its 404, is text).
  async function handle(req, res, url) {
    if (await dispatch(routes, req, res, url)) return true;
    const file = staticFile(url.pathname);
    if (file === null) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed', false, { Allow: 'GET, HEAD' });
      return true;
    }
    await serveFile(req, res, file);
    return true;
  }

  return { handle, staticFile, lookupOrder: billLookup(billFor, clock) };
}

module.exports = { createShop, demoBill, billReference, newReference, DEFAULT_ACCOUNT, DIST_FILES, escapeHtml };
