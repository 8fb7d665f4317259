// ltgs-checkout/server's declarations as a partner's TypeScript uses them: type-checked by `npm run test:types`.
import http from 'node:http';

import {
  createCheckoutHandlers, toNodeHandler, openSqliteStore, openPostgresStore, issueCheckoutToken, type Bill,
} from '../../web/partner/index.mjs';

const bills = new Map<string, Bill>([['INV-1', { reference: 'INV-1', amount: 15000, servicesName: 'Water Bill' }]]);
const store = process.env.DATABASE_URL ? await openPostgresStore({ connectionString: process.env.DATABASE_URL }) : openSqliteStore({ path: 'orders.sqlite' });
const handlers = await createCheckoutHandlers({
  store,
  ltgs: { baseUrl: 'https://ltgs.example', apiKey: 'sk_live_x' },
  callback: { publicUrl: 'https://partner.example', signature: 'none' },
  lookupOrder: (reference) => bills.get(reference) ?? null,
  checkoutTokenSecret: 'a secret of sixteen characters or more',
  allowedOrigins: ['https://shop.example'],
});
const token: string = issueCheckoutToken({ secret: 'a secret of sixteen characters or more', orderReference: 'INV-1', nowMs: Date.now() });
const response: Response | null = await handlers.handle(new Request('https://partner.example/checkout/status/INV-1'));
console.log(token, response?.status, handlers.callbackUrl());
const handle = toNodeHandler(handlers);
http.createServer((req, res) => { void handle(req, res); });
