// ltgs-checkout/server: the partner's side of the checkout. Web-standard handlers for the three endpoints
// (initiate, status, callback), their node:http and Express adapters, the SQLite and PostgreSQL stores, and
// the checkout tokens the bill page carries. Every rule comes from the same wasm core as the widget.

import { createRequire } from 'node:module';

import tokenModule from './checkout-token.js';
import coreModule from './core.js';

export { createCheckoutHandlers, CheckoutError, DEFAULT_LIMITS, STATUS_FIELDS } from './handlers.mjs';
export { toNodeHandler, expressMiddleware } from './adapters.mjs';

const require = createRequire(import.meta.url);

export const { issueCheckoutToken, verifyCheckoutToken } = tokenModule;
export const CHECKOUT_TOKEN_HEADER = tokenModule.HEADER;
export const { loadCore } = coreModule;

// The embedded store (better-sqlite3, a peer dependency): { path } or { db }. Synchronous underneath.
export function openSqliteStore(options) {
  return require('./store.js').openStore(options);
}

// The store for more than one backend process or machine (the npm package pg, a peer dependency):
// { connectionString } or { pool }. Migrations are applied before it resolves.
export function openPostgresStore(options) {
  return require('./postgres-store.js').openPostgresStore(options);
}
