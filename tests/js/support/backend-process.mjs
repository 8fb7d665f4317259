// One partner backend process for the multi-process tests: ltgs-checkout/server on node:http with the
// PostgreSQL store. Settings from the environment: PG_URL, LTGS_URL, SECRET, TOKEN_SECRET. Prints
// "listening <port>" once it answers.
import http from 'node:http';

import { createCheckoutHandlers, toNodeHandler, openPostgresStore } from '../../../web/partner/index.mjs';

const store = await openPostgresStore({ connectionString: process.env.PG_URL });
const handlers = await createCheckoutHandlers({
  store,
  ltgs: { baseUrl: process.env.LTGS_URL, apiKey: 'sk_live_process_key' },
  callback: { publicUrl: 'https://partner.example.rw', secret: process.env.SECRET, signature: 'required' },
  lookupOrder: (reference) => (reference.startsWith('INV-MP-') ? { reference, amount: 15000, servicesName: 'Water Bill' } : null),
  checkoutTokenSecret: process.env.TOKEN_SECRET,
  limits: { attemptsPerPhone: 10_000, initiationsPerOrder: 10_000, rechecksPerAddress: 10_000, recheckCacheMs: 0 },
});
const handle = toNodeHandler(handlers);
const server = http.createServer((req, res) => {
  handle(req, res).then((handled) => {
    if (!handled) {
      res.writeHead(404);
      res.end();
    }
  }, (err) => {
    res.writeHead(500);
    res.end(String(err));
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
