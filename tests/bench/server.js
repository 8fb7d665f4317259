// The server package's throughput: signed callbacks per second that ltgs-checkout/server holds, with their
// median and 99th-percentile latency, on SQLite and on PostgreSQL, on loopback, the load coming from a second
// process. Each callback takes the whole path: signature, the core's parsing, the attempt looked up, a
// re-check with (a scripted, instant) LTGS, and the transaction that records it (the first time) or finds it
// recorded (after). Bounded: a few seconds per store. `npm run bench` includes it; `node tests/bench/server.js`
// runs it alone.
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

const { startPostgres, unavailableReason } = require('../js/support/postgres.js');
const { issueCheckoutToken } = require('../../web/partner/checkout-token.js');

const ORDERS = 200;
const CONCURRENCY = 16;
const DURATION_MS = 4_000;

function scriptedLtgs() {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const m = req.url.match(/^\/api\/v1\/payments\/([^/]+)$/);
      const ref = m ? decodeURIComponent(m[1]) : JSON.parse(Buffer.concat(chunks).toString()).Sale_Reference_ID;
      const doc = m
        ? { Sale_Reference_ID: ref, Payment_Status: 'PAID', Payment_Channel: 'MTN MoMo', Payment_Ref_ID: `MTN_${ref}`,
            Total_Amount_Paid: 15000, Paid_On: '2026-11-28 12:00:05' }
        : { Sale_Reference_ID: ref, Payment_Status: 'PENDING', Payment_Channel: 'MTN MoMo', Payment_Ref_ID: null,
            Total_Amount_Paid: null, Paid_On: null };
      const body = JSON.stringify(doc);
      res.writeHead(m ? 200 : 201, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` })));
}

function startBackend(env) {
  const child = spawn(process.execPath, [path.join(__dirname, 'server-backend.mjs')], { env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening ([0-9]+)/);
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}` });
    });
    child.once('exit', (code) => reject(new Error(`the backend exited with ${code}`)));
  });
}

async function prepare(url, refs) {
  for (const ref of refs) {
    const body = JSON.stringify({ Sale_Reference_ID: ref, Customer_KYC_ID: '1199070012345012', Phone_Number: '0788123456',
      Total_Amount_to_Pay: 15000, Payment_Method: 'MTN_MOMO' });
    const res = await fetch(`${url}/checkout/initiate`, { method: 'POST', body,
      headers: { 'Content-Type': 'application/json', 'X-Checkout-Token': issueCheckoutToken({ secret: 'unused-without-a-secret', orderReference: ref, nowMs: Date.now() }) } });
    if (res.status !== 201) throw new Error(`preparing ${ref}: HTTP ${res.status} ${await res.text()}`);
  }
}

function load(url, refs) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'server-load.js')], {
      env: { ...process.env, TARGET: url, REFS: JSON.stringify(refs), CONCURRENCY: String(CONCURRENCY), DURATION_MS: String(DURATION_MS) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`the load exited with ${code}`))));
  });
}

async function runStore(name, env, ltgsUrl) {
  const backend = await startBackend({ ...env, LTGS_URL: ltgsUrl });
  try {
    const refs = Array.from({ length: ORDERS }, (_, i) => `BENCH-${name}-${i}`);
    await prepare(backend.url, refs);
    return { store: name, orders: ORDERS, concurrency: CONCURRENCY, durationMs: DURATION_MS, ...(await load(backend.url, refs)) };
  } finally {
    backend.child.kill('SIGKILL');
  }
}

async function runServerBench() {
  const ltgs = await scriptedLtgs();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ltgs-bench-server-'));
  const results = [];
  try {
    results.push(await runStore('sqlite', { BENCH_STORE: 'sqlite', BENCH_DB: path.join(tmp, 'bench.sqlite') }, ltgs.url));
    const reason = unavailableReason();
    if (reason) {
      results.push({ store: 'postgres', skipped: reason });
    } else {
      const pg = await startPostgres();
      try {
        results.push(await runStore('postgres', { BENCH_STORE: 'postgres', BENCH_PG_URL: pg.connectionString }, ltgs.url));
      } finally {
        pg.stop();
      }
    }
  } finally {
    ltgs.server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return results;
}

function describe(results) {
  return results.map((r) => (r.skipped
    ? `  ${r.store.padEnd(10)} skipped: ${r.skipped}`
    : `  ${r.store.padEnd(10)} ${Math.round(r.perSecond).toString().padStart(6)} callbacks/s   p50 ${r.p50Ms.toFixed(1)} ms   ` +
      `p99 ${r.p99Ms.toFixed(1)} ms   (${r.count} in ${r.seconds.toFixed(1)} s, ${r.concurrency} at a time, ${r.errors} errors)`)).join('\n');
}

module.exports = { runServerBench, describe };

if (require.main === module) {
  runServerBench().then((r) => {
    console.log('ltgs-checkout/server: signed callbacks held, on loopback, load from a second process');
    console.log(describe(r));
  }, (err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
