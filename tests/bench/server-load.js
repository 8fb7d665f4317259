// The load, from a second process: signed callbacks for the references given, CONCURRENCY at a time over
// keep-alive connections, for DURATION_MS; prints {count, errors, perSecond, p50Ms, p99Ms} as JSON.
'use strict';

const http = require('http');
const { signatureHeader } = require('../../web/partner/signature.js');

const target = new URL(process.env.TARGET);
const refs = JSON.parse(process.env.REFS);
const concurrency = Number(process.env.CONCURRENCY || 16);
const durationMs = Number(process.env.DURATION_MS || 3000);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function send(ref) {
  const body = JSON.stringify({ Sale_Reference_ID: ref, Payment_Status: 'PAID', Payment_Channel: 'MTN MoMo',
    Payment_Ref_ID: `MTN_${ref}`, Total_Amount_Paid: 15000, Paid_On: '2026-11-28 12:00:05' });
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.request({ host: target.hostname, port: target.port, path: '/checkout/callback', method: 'POST', agent,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body),
        'LTGS-Signature': signatureHeader('whsec_bench', Date.now(), body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ok: res.statusCode === 200, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    req.on('error', () => resolve({ ok: false, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    req.end(body);
  });
}

(async () => {
  const latencies = [];
  let errors = 0;
  let i = 0;
  const until = Date.now() + durationMs;
  const began = Date.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < until) {
      const r = await send(refs[i++ % refs.length]);
      if (r.ok) latencies.push(r.ms);
      else errors += 1;
    }
  }));
  const elapsed = (Date.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? null;
  process.stdout.write(JSON.stringify({ count: latencies.length, errors, seconds: elapsed,
    perSecond: latencies.length / elapsed, p50Ms: q(0.5), p99Ms: q(0.99) }));
  agent.destroy();
})();
