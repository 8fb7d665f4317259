#!/usr/bin/env node
// npm start: the whole checkout on one machine, no LTGS account and no network needed.
//
//   the shop + partner backend   http://127.0.0.1:PORT (8080)        web/shop/, web/partner/
//   the LTGS sandbox             http://127.0.0.1:SANDBOX_PORT (8081) web/sandbox/
//
// The partner reaches the sandbox over HTTP exactly as it would reach LTGS; LTGS_API_BASE and LTGS_API_KEY
// point it at another LTGS instead (the sandbox is then not started). Settings (environment):
//   PORT, SANDBOX_PORT          ports on 127.0.0.1 (0 picks a free one)
//   LTGS_SANDBOX_KEY            the sandbox's API key (default sk_sandbox_ltgs)
//   LTGS_SANDBOX_EXPIRY_MS      how long a sandbox payment may stay pending (default 600000 = 10 min)
//   LTGS_API_BASE, LTGS_API_KEY the LTGS the partner talks to (default: the sandbox and its key)
//   LTGS_CALLBACK_SECRET        the callback signature's HMAC secret (default: the API key)
//   LTGS_CALLBACK_SIGNATURE     required | none (default required with the sandbox, none otherwise: the
//                               real LTGS documents no signature, so only the status re-check decides)
//   PUBLIC_URL                  the partner's public base URL for Callback_URL (default http://127.0.0.1:PORT)
//   LTGS_DB_PATH                the partner's SQLite file (default data/orders.sqlite; :memory: for none)
//   LTGS_CHECKOUT_SECRET        the HMAC secret of the checkout tokens the bill page carries (default: a
//                               random one per start, so that pages from an earlier run need a reload)
//   LTGS_ALLOWED_HOSTS          more Host names the servers answer to, comma-separated (host or host:port);
//                               always: 127.0.0.1, localhost and [::1] at the server's port, and PUBLIC_URL's
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const path = require('path');

const {
  CONTENT_SECURITY_POLICY, SECURITY_HEADERS, HttpError, systemClock, sendHttpError, sendText, listen, closeServer,
} = require('../partner/http.js');
const { loadCore, DIST_DIR } = require('../partner/core.js');
const { createSandbox, DEFAULT_KEY, DEFAULT_EXPIRY_MS, TEST_NUMBERS, OTHER_NUMBERS } = require('../sandbox/ltgs-sandbox.js');
const { openStore } = require('../partner/store.js');
const { createShop } = require('./shop.js');
const { issueCheckoutToken } = require('../partner/checkout-token.js');
const { serverOptions, applyServerLimits, allowedHostsFor, checkHost } = require('../partner/guards.js');

const ROOT = path.resolve(__dirname, '..', '..');
const HOST = '127.0.0.1';
const DEFAULT_PORT = 8080;
const DEFAULT_SANDBOX_PORT = 8081;
const DEFAULT_DB_PATH = path.join(ROOT, 'data', 'orders.sqlite');

const isLoopbackHttp = (url) => /^http:\/\/(127\.0\.0\.1|localhost)(:[0-9]+)?(\/|$)/i.test(url);

// The names a server answers to (see LTGS_ALLOWED_HOSTS), from its port once it listens.
function hostGuard(configured) {
  let allowed = null;
  return {
    listening(port) {
      allowed = allowedHostsFor(port, configured);
    },
    check(req, res) {
      try {
        if (allowed) checkHost(req, allowed);
        return true;
      } catch (err) {
        req.resume();
        sendHttpError(res, err);
        return false;
      }
    },
  };
}

// The shop server's request handler: partner endpoints first, then the shop's pages and files.
function shopHandler({ partner, shop, log, sandbox, hosts }) {
  return (req, res) => {
    if (!hosts.check(req, res)) return;
    // The sandbox's API answers on the shop's port too (as well as on its own), so that one URL reaches
    // everything `npm start` serves: http://127.0.0.1:8080/api/v1/payments.
    if (sandbox && (req.url === '/api/v1' || req.url.startsWith('/api/v1/'))) {
      sandbox.instance.handler(req, res);
      return;
    }
    (async () => {
      let url;
      try {
        url = new URL(req.url, `http://${HOST}`);
      } catch {
        sendText(res, 400, 'Bad request');
        return;
      }
      // The package's answers get this server's security headers (its own CSP among them) as well.
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      if (await partner.handle(req, res)) return;
      for (const name of Object.keys(SECURITY_HEADERS)) res.removeHeader(name);
      if (await shop.handle(req, res, url)) return;
      sendText(res, 404, 'Not found', req.method === 'HEAD');
    })().catch((err) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof HttpError) {
        sendHttpError(res, err);
        return;
      }
      log(`internal error: ${(err && err.stack) || err}`);
      sendText(res, 500, 'Internal server error');
    });
  };
}

// Starts the sandbox (unless apiBase is given) and the shop + partner backend. Resolves to
// { url, port, sandbox: {url, port, key, instance} | null, store, partner, close() }.
async function start(options = {}) {
  const host = options.host ?? HOST;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => {});
  const core = options.core ?? await loadCore();
  const servers = [];
  let sandbox = null;
  let store = null;
  const configuredHosts = [...(options.allowedHosts ?? [])];
  if (options.publicUrl) {
    try {
      configuredHosts.push(new URL(options.publicUrl).host);
    } catch { /* checked by the backend's configuration */ }
  }
  try {
    if (!options.apiBase) {
      const key = options.sandboxKey ?? DEFAULT_KEY;
      const instance = createSandbox({
        core, key, clock, log: (line) => log(`sandbox: ${line}`),
        expiryMs: options.expiryMs ?? DEFAULT_EXPIRY_MS,
        delays: options.sandboxDelays,
        callbackRetry: options.callbackRetry,
        retainMs: options.sandboxRetainMs,
        maxPayments: options.sandboxMaxPayments,
      });
      const sandboxHosts = hostGuard(configuredHosts);
      const server = applyServerLimits(http.createServer(serverOptions(options.serverLimits), (req, res) => {
        if (sandboxHosts.check(req, res)) instance.handler(req, res);
      }), options.serverLimits);
      servers.push(server);
      const { port, url } = await listen(server, options.sandboxPort ?? DEFAULT_SANDBOX_PORT, host);
      sandboxHosts.listening(port);
      sandbox = { instance, server, port, url, key };
    }
    const apiBase = options.apiBase ?? sandbox.url;
    const apiKey = options.apiKey ?? (sandbox ? sandbox.key : undefined);
    if (!apiKey) throw new Error('LTGS_API_KEY is needed with LTGS_API_BASE');

    store = options.store ?? openStore({ path: options.dbPath ?? ':memory:', clock });
    let shopUrl = null;
    const publicUrl = () => options.publicUrl ?? shopUrl;
    const tokenSecret = options.checkoutTokenSecret ?? crypto.randomBytes(32).toString('base64url');
    const checkoutToken = (orderReference) => issueCheckoutToken({ secret: tokenSecret, orderReference, nowMs: clock.now() });
    const shop = createShop({ core, store, clock, sandboxBase: sandbox ? sandbox.url : null, distDir: options.distDir,
      expiryMs: options.expiryMs,
      checkoutToken });
    // The partner backend is the ltgs-checkout/server package, used as any partner would use it.
    const { createCheckoutHandlers, toNodeHandler } = await import('../partner/index.mjs');
    const handlers = await createCheckoutHandlers({
      core, store, clock,
      ltgs: { baseUrl: apiBase, apiKey },
      callback: { publicUrl, secret: options.callbackSecret, signature: options.signatureMode ?? (sandbox ? 'required' : 'none') },
      lookupOrder: shop.lookupOrder,
      checkoutTokenSecret: tokenSecret,
      limits: options.limits,
      lifetimeMs: sandbox ? options.expiryMs ?? DEFAULT_EXPIRY_MS : options.lifetimeMs,
      sandbox: isLoopbackHttp(options.publicUrl ?? `http://${host}`),
      log: (line) => log(`partner: ${line}`),
      fetch: options.fetch,
    });
    const partner = { ...handlers, handle: toNodeHandler(handlers) };
    const hosts = hostGuard(configuredHosts);
    const server = applyServerLimits(http.createServer(serverOptions(options.serverLimits),
      shopHandler({ partner, shop, log, sandbox, hosts })), options.serverLimits);
    servers.push(server);
    const { port, url } = await listen(server, options.port ?? DEFAULT_PORT, host);
    hosts.listening(port);
    shopUrl = url;
    partner.checkConfiguration();

    return {
      url: `${url}/`,
      port,
      server,
      sandbox,
      store,
      partner,
      apiBase,
      checkoutToken,
      signatureMode: partner.signatureMode,
      async close() {
        if (sandbox) sandbox.instance.close();
        await Promise.all(servers.map(closeServer));
        if (!options.store) store.close();
      },
    };
  } catch (err) {
    if (sandbox) sandbox.instance.close();
    await Promise.all(servers.filter((s) => s.listening).map(closeServer));
    if (store && !options.store) store.close();
    throw err;
  }
}

function portFromEnv(name, value, fallback) {
  if (value === undefined || value === '') return fallback;
  if (!/^[0-9]+$/.test(value) || Number(value) > 65535) {
    throw new Error(`${name} must be a port number from 0 to 65535, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

function positiveFromEnv(name, value) {
  if (value === undefined || value === '') return undefined;
  if (!/^[0-9]+$/.test(value) || Number(value) < 1) throw new Error(`${name} must be a positive whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

function checkoutSecretFromEnv(value) {
  if (value === undefined || value === '') return undefined;
  if (value.length < 16) throw new Error('LTGS_CHECKOUT_SECRET must be at least 16 characters');
  return value;
}

// The environment → start() options (throws with a message naming the bad setting).
function optionsFromEnv(env) {
  const signatureMode = env.LTGS_CALLBACK_SIGNATURE || undefined;
  if (signatureMode !== undefined && signatureMode !== 'required' && signatureMode !== 'none') {
    throw new Error(`LTGS_CALLBACK_SIGNATURE must be required or none, got ${JSON.stringify(signatureMode)}`);
  }
  if (env.LTGS_API_BASE && !env.LTGS_API_KEY) throw new Error('LTGS_API_BASE is set: set LTGS_API_KEY too');
  if (env.LTGS_SANDBOX_KEY !== undefined && env.LTGS_SANDBOX_KEY.length < 8) {
    throw new Error('LTGS_SANDBOX_KEY must be at least 8 characters');
  }
  return {
    port: portFromEnv('PORT', env.PORT, DEFAULT_PORT),
    sandboxPort: portFromEnv('SANDBOX_PORT', env.SANDBOX_PORT, DEFAULT_SANDBOX_PORT),
    sandboxKey: env.LTGS_SANDBOX_KEY || undefined,
    expiryMs: positiveFromEnv('LTGS_SANDBOX_EXPIRY_MS', env.LTGS_SANDBOX_EXPIRY_MS),
    apiBase: env.LTGS_API_BASE || undefined,
    apiKey: env.LTGS_API_KEY || undefined,
    callbackSecret: env.LTGS_CALLBACK_SECRET || undefined,
    signatureMode,
    publicUrl: env.PUBLIC_URL || undefined,
    dbPath: env.LTGS_DB_PATH || DEFAULT_DB_PATH,
    checkoutTokenSecret: checkoutSecretFromEnv(env.LTGS_CHECKOUT_SECRET),
    allowedHosts: env.LTGS_ALLOWED_HOSTS ? env.LTGS_ALLOWED_HOSTS.split(',').map((h) => h.trim()).filter(Boolean) : undefined,
  };
}

function banner(app, options) {
  const rel = (p) => {
    if (p === ':memory:') return p;
    const r = path.relative(process.cwd(), path.resolve(p));
    return r && !r.startsWith('..') ? r : path.resolve(p);
  };
  const lines = [
    `ltgs-checkout demo: ${app.url}`,
    '',
    `  Bill page (shop)      ${app.url}`,
    `  Orders                ${app.url}orders`,
    `  Simulated scan        ${app.url}sandbox`,
    `  Live validation       ${app.url}validate`,
  ];
  if (app.sandbox) {
    lines.push(`  LTGS sandbox API      ${app.sandbox.url}/api/v1/payments`,
               `  Sandbox API key       ${app.sandbox.key}`);
  } else {
    lines.push(`  LTGS API              ${app.apiBase} (the sandbox is not started)`);
  }
  lines.push(`  Callback URL          ${app.partner.callbackUrl()} (signature ${app.signatureMode})`,
             `  Orders database       ${rel(options.dbPath)}`);
  if (app.sandbox) {
    // The expiry this sandbox was started with (LTGS_SANDBOX_EXPIRY_MS), not the default's.
    const expiryMs = options.expiryMs ?? DEFAULT_EXPIRY_MS;
    const expiry = expiryMs % 60_000 === 0 ? `${expiryMs / 60_000} min` : `${Math.round(expiryMs / 100) / 10} s`;
    lines.push('', 'Test phone numbers (MTN_MOMO / AIRTEL_MONEY):');
    for (const r of TEST_NUMBERS) lines.push(`  ${r.phone}  ${r.status === null ? `never approved: EXPIRED after ${expiry}` : r.what}`);
    lines.push(`  07…         ${OTHER_NUMBERS.what}`,
               `  QR and USSD payments wait for Approve / Decline on the simulated-scan page (at most ${expiry}).`);
  }
  const missing = ['checkout.js', 'checkout.wasm', 'ltgs-checkout.js', 'ltgs-checkout.app.js', 'ltgs-checkout.wasm']
    .filter((f) => !fs.existsSync(path.join(DIST_DIR, f)));
  if (missing.length) lines.push('', `Not built yet: dist/${missing.join(', dist/')} (npm run build): the bill page has no pay button.`);
  lines.push('', 'Ctrl+C stops.');
  return lines.join('\n');
}

async function main() {
  let options;
  try {
    options = optionsFromEnv(process.env);
  } catch (err) {
    console.error(`ltgs-checkout demo: ${err.message}`);
    process.exitCode = 1;
    return;
  }
  let app;
  try {
    app = await start({ ...options, log: (line) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`) });
  } catch (err) {
    const why = err.code === 'EADDRINUSE'
      ? `port ${err.port} is in use (set PORT / SANDBOX_PORT to another port, or 0)`
      : err.message;
    console.error(`ltgs-checkout demo: cannot start: ${why}`);
    process.exitCode = 1;
    return;
  }
  console.log(banner(app, options));
  const stop = () => {
    app.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) main();

module.exports = { start, optionsFromEnv, banner, CONTENT_SECURITY_POLICY, DEFAULT_DB_PATH };
