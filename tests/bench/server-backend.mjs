// The server package under load, in its own process: ltgs-checkout/server on node:http with the store the
// environment names (BENCH_STORE=sqlite with BENCH_DB, or postgres with BENCH_PG_URL), LTGS at LTGS_URL.
// Prints "listening <port>".
import http from 'node:http';

import { createCheckoutHandlers, toNodeHandler, openSqliteStore, openPostgresStore } from '../../web/partner/index.mjs';

const store = process.env.BENCH_STORE === 'postgres'
  ? await openPostgresStore({ connectionString: process.env.BENCH_PG_URL, max: 16 })
  : openSqliteStore({ path: process.env.BENCH_DB });
const handlers = await createCheckoutHandlers({
  store,
  ltgs: { baseUrl: process.env.LTGS_URL, apiKey: 'sk_bench_key' },
  callback: { publicUrl: 'https://partner.example.rw', secret: 'whsec_bench', signature: 'required' },
  lookupOrder: (reference) => (reference.startsWith('BENCH-') ? { reference, amount: 15000, servicesName: 'Water Bill' } : null),
  // Every callback re-checked with LTGS (no cache) and no limit: the cost of the whole path is measured.
  limits: { attemptsPerPhone: 1e9, initiationsPerOrder: 1e9, rechecksPerAddress: 1e9, recheckCacheMs: 0 },
});
const handle = toNodeHandler(handlers);
const server = http.createServer({ keepAliveTimeout: 10_000 }, (req, res) => {
  handle(req, res).then((handled) => {
    if (!handled) {
      res.writeHead(404);
      res.end();
    }
  }, () => {
    res.writeHead(500);
    res.end();
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
