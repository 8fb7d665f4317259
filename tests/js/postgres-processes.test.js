// Two partner backend processes (ltgs-checkout/server) on one PostgreSQL server: concurrent callbacks and
// initiations spread over both give one payment and one open attempt, because the database holds the rules
// (a transaction on the order's row, a partial unique index), not a process's memory. A process killed
// (SIGKILL) in the middle of a callback loses nothing: its transaction never committed, and LTGS's next
// delivery, to the other process, records the payment.
'use strict';

const { spawn } = require('child_process');
const path = require('path');

const { recordingServer, request, postJson } = require('./support/http-client.js');
const { startPostgres, unavailableReason } = require('./support/postgres.js');
const { signatureHeader } = require('../../web/partner/signature.js');
const { issueCheckoutToken } = require('../../web/partner/checkout-token.js');

const SECRET = 'whsec_processes_secret';
const TOKEN_SECRET = 'token-secret-for-process-tests';
const reason = unavailableReason();
const maybe = reason ? test.skip : test;
if (reason) console.warn(`multi-process PostgreSQL tests skipped: ${reason}`);

jest.setTimeout(60_000);

let pg;
let ltgs;
const statuses = new Map();
let slowStatusMs = 0;
const processes = [];

function statusDoc(ref, overrides = {}) {
  return { Sale_Reference_ID: ref, Payment_Status: 'PENDING', Payment_Channel: 'MTN MoMo', Payment_Ref_ID: null,
           Total_Amount_Paid: null, Paid_On: null, ...overrides };
}
const paidDoc = (ref) => statusDoc(ref, { Payment_Status: 'PAID', Payment_Ref_ID: 'MTN_77', Total_Amount_Paid: 15000,
  Paid_On: '2026-11-28 12:00:05' });

function startBackend() {
  const child = spawn(process.execPath, [path.join(__dirname, 'support', 'backend-process.mjs')], {
    env: { ...process.env, PG_URL: pg.connectionString, LTGS_URL: ltgs.url, SECRET, TOKEN_SECRET },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  processes.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening ([0-9]+)/);
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}` });
    });
    child.once('exit', (code) => reject(new Error(`backend exited with ${code}`)));
  });
}

beforeAll(async () => {
  if (reason) return;
  pg = await startPostgres();
  ltgs = await recordingServer(async (req) => {
    if (req.method === 'POST' && req.url === '/api/v1/payments') {
      const body = JSON.parse(req.text);
      if (!statuses.has(body.Sale_Reference_ID)) statuses.set(body.Sale_Reference_ID, statusDoc(body.Sale_Reference_ID));
      return { status: 201, json: statusDoc(body.Sale_Reference_ID) };
    }
    const m = req.url.match(/^\/api\/v1\/payments\/([^/]+)$/);
    if (slowStatusMs) await new Promise((resolve) => setTimeout(resolve, slowStatusMs));
    const doc = m && statuses.get(decodeURIComponent(m[1]));
    return doc ? { status: 200, json: doc } : { status: 404, json: {} };
  });
}, 60_000);

afterAll(async () => {
  for (const p of processes) p.kill('SIGKILL');
  if (ltgs) await ltgs.close();
  if (pg) pg.stop();
});

async function query(sql, params) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: pg.connectionString });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const payload = (ref) => ({ Sale_Reference_ID: ref, Customer_KYC_ID: '1199070012345012', Phone_Number: '0788123456',
  Total_Amount_to_Pay: 15000, Payment_Method: 'MTN_MOMO' });
const token = (order) => issueCheckoutToken({ secret: TOKEN_SECRET, orderReference: order, nowMs: Date.now() });
function deliver(base, doc) {
  const body = JSON.stringify(doc);
  return request(base, '/checkout/callback', { method: 'POST', body,
    headers: { 'Content-Type': 'application/json', 'LTGS-Signature': signatureHeader(SECRET, Date.now(), body) } });
}

maybe('two processes: 50 initiations and 50 deliveries of one callback give one open attempt, then one payment', async () => {
  const [a, b] = await Promise.all([startBackend(), startBackend()]);
  const ref = 'INV-MP-0001';
  const refs = Array.from({ length: 50 }, (_, i) => (i % 2 ? ref : `${ref}-R${2 + (i % 4)}`));
  const answers = await Promise.all(refs.map((r, i) => postJson(i % 2 ? a.url : b.url, '/checkout/initiate', payload(r),
    { 'X-Checkout-Token': token(ref) })));
  const attempts = await query(`SELECT a.* FROM attempts a JOIN orders o ON o.id = a.order_id WHERE o.reference = $1`, [ref]);
  expect(attempts).toHaveLength(1);
  expect(attempts[0].state).toBe('PENDING');
  for (const res of answers) {
    if (res.status !== 201) expect(res.json.errors[0].code).toBe('order.attempt_open');
  }
  const open = attempts[0].reference;
  statuses.set(open, paidDoc(open));
  const deliveries = await Promise.all(Array.from({ length: 50 }, (_, i) => deliver(i % 2 ? a.url : b.url, paidDoc(open))));
  expect(deliveries.every((d) => d.status === 200)).toBe(true);
  expect(deliveries.filter((d) => !d.json.duplicate)).toHaveLength(1);
  const payments = await query(`SELECT p.* FROM payments p JOIN attempts a ON a.id = p.attempt_id WHERE a.reference = $1`, [open]);
  expect(payments.map((p) => p.status)).toEqual(['PAID']);
  expect((await query('SELECT status FROM orders WHERE reference = $1', [ref]))[0].status).toBe('PAID');
});

maybe('a process killed (SIGKILL) in the middle of a callback loses nothing: the next delivery records it', async () => {
  const [a, b] = await Promise.all([startBackend(), startBackend()]);
  const ref = 'INV-MP-0002';
  expect((await postJson(a.url, '/checkout/initiate', payload(ref), { 'X-Checkout-Token': token(ref) })).status).toBe(201);
  statuses.set(ref, paidDoc(ref));
  slowStatusMs = 1_500;  // the re-check with LTGS is under way when the process dies
  const first = deliver(a.url, paidDoc(ref)).then((r) => r, (err) => err);
  await new Promise((resolve) => setTimeout(resolve, 500));
  a.child.kill('SIGKILL');
  const outcome = await first;
  expect(outcome.status).toBeUndefined();  // the connection was reset: LTGS saw no 2xx, so it delivers again
  expect(outcome.code).toMatch(/^(ECONNRESET|EPIPE|ECONNREFUSED)$/);
  slowStatusMs = 0;
  expect((await query('SELECT status FROM orders WHERE reference = $1', [ref]))[0].status).toBe('PENDING');
  const again = await deliver(b.url, paidDoc(ref));
  expect(again.status).toBe(200);
  expect(again.json).toEqual({ received: true });
  expect((await query('SELECT status FROM orders WHERE reference = $1', [ref]))[0].status).toBe('PAID');
  expect(await query(`SELECT p.status FROM payments p JOIN attempts a ON a.id = p.attempt_id WHERE a.reference = $1`, [ref]))
    .toEqual([{ status: 'PAID' }]);
});
