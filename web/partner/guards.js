// What keeps an anonymous request's cost bounded on the servers under web/: rate limits with bounded memory,
// Host checks (DNS rebinding), connection and time limits for slow clients, and log text that cannot forge
// a line. Time goes through the clock argument, as everywhere here.
'use strict';

const { HttpError } = require('./http.js');

// Limits of every server (node:http options and the connection cap), overridable for tests.
const SERVER_LIMITS = {
  headersTimeoutMs: 10_000,     // the request's headers must arrive within this
  requestTimeoutMs: 30_000,     // the whole request, body included
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,       // how often node looks for requests past those times
  maxConnections: 256,          // open sockets at once; more are refused by the kernel's backlog, then reset
};

// node:http server options for these limits.
function serverOptions(limits = {}) {
  const l = { ...SERVER_LIMITS, ...limits };
  return {
    headersTimeout: l.headersTimeoutMs,
    requestTimeout: l.requestTimeoutMs,
    keepAliveTimeout: l.keepAliveTimeoutMs,
    connectionsCheckingInterval: l.checkIntervalMs,
  };
}

// Applies the connection cap (and an idle-socket timeout) to a created server.
function applyServerLimits(server, limits = {}) {
  const l = { ...SERVER_LIMITS, ...limits };
  server.maxConnections = l.maxConnections;
  server.headersTimeout = l.headersTimeoutMs;
  server.requestTimeout = l.requestTimeoutMs;
  server.keepAliveTimeout = l.keepAliveTimeoutMs;
  return server;
}

// Counts events per key in fixed windows: at most `limit` per `windowMs`. Memory is bounded: past
// `maxKeys` keys the oldest window is forgotten first (which can only let a request through early).
class RateLimiter {
  #limit;
  #windowMs;
  #maxKeys;
  #clock;
  #windows = new Map();  // key → { start, count }, oldest first

  constructor({ limit, windowMs, maxKeys = 10_000, clock = { now: () => Date.now() } }) {
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#maxKeys = maxKeys;
    this.#clock = clock;
  }

  // Counts one event for `key`. { ok: true } or { ok: false, retryAfterMs } when the window is full.
  take(key) {
    const now = this.#clock.now();
    let w = this.#windows.get(key);
    if (!w || now - w.start >= this.#windowMs) {
      this.#windows.delete(key);
      w = { start: now, count: 0 };
      this.#windows.set(key, w);
      while (this.#windows.size > this.#maxKeys) this.#windows.delete(this.#windows.keys().next().value);
    }
    if (w.count >= this.#limit) return { ok: false, retryAfterMs: w.start + this.#windowMs - now };
    w.count += 1;
    return { ok: true };
  }

  get size() {
    return this.#windows.size;
  }
}

// The names a server answers to: the loopback names at its port, plus those configured (host or host:port,
// e.g. the public URL's). Anything else (a DNS-rebinding page reaching 127.0.0.1 under its own name) is 421.
function allowedHostsFor(port, configured = []) {
  const names = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  for (const h of configured) {
    if (typeof h === 'string' && h) names.add(h.toLowerCase());
  }
  return names;
}

function checkHost(req, allowed) {
  const host = String(req.headers.host || '').toLowerCase();
  if (!allowed.has(host)) {
    throw new HttpError(421, 'request.host', 'This server does not answer to that host name.', { field: 'Host' });
  }
}

// Untrusted text for a log line: quoted, at most 200 characters, with control characters, line separators
// and bidirectional controls written as escapes, so that it can neither end the line nor restyle the terminal.
function logValue(value) {
  const text = String(value ?? '');
  const clipped = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return JSON.stringify(clipped).replace(/[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

module.exports = {
  SERVER_LIMITS, serverOptions, applyServerLimits, RateLimiter, allowedHostsFor, checkHost, logValue,
};
