// Small helpers shared by the servers under web/ (plain Node http, no framework): security headers, JSON
// and HTML answers, bounded body reading, a route table, and the clock that timers go through.
'use strict';

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

// On every response, pages and JSON alike.
const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store', // a development server and payment statuses: nothing is cached
};

// Time and timers are arguments, never globals read in place: tests pass a fake clock and move it by hand.
const systemClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle),
};

class HttpError extends Error {
  // errors: [{field, code, message}], the core's shape, so that every JSON error answer looks alike.
  constructor(status, code, message, { field = '$', headers = {} } = {}) {
    super(message);
    this.status = status;
    this.errors = [{ field, code, message }];
    this.headers = headers;
  }
}

function send(res, status, headers, body, headOnly = false) {
  res.writeHead(status, { ...SECURITY_HEADERS, ...headers, 'Content-Length': Buffer.byteLength(body) });
  res.end(headOnly ? undefined : body);
}

function sendJson(res, status, value, headers = {}) {
  send(res, status, { 'Content-Type': 'application/json; charset=utf-8', ...headers }, JSON.stringify(value));
}

function sendErrors(res, status, errors, headers = {}) {
  sendJson(res, status, { errors }, headers);
}

// An HttpError's answer: {errors}, plus what its `extra` adds (e.g. retryAtMs of a rate limit).
function sendHttpError(res, err) {
  sendJson(res, err.status, { errors: err.errors, ...(err.extra || {}) }, err.headers);
}

function sendHtml(res, status, html, headOnly = false) {
  send(res, status, { 'Content-Type': 'text/html; charset=utf-8' }, html, headOnly);
}

function sendText(res, status, text, headOnly = false, headers = {}) {
  send(res, status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }, `${text}\n`, headOnly);
}

function redirect(res, location) {
  send(res, 303, { Location: location, 'Content-Type': 'text/plain; charset=utf-8' }, `See ${location}\n`);
}

// The request body as a Buffer, at most `limit` bytes (413 beyond, without reading the rest).
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new HttpError(413, 'request.too_large', `The body is larger than ${limit} bytes.`));
      req.resume();
      return;
    }
    const chunks = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        reject(new HttpError(413, 'request.too_large', `The body is larger than ${limit} bytes.`));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      if (!done) reject(err);
      done = true;
    });
  });
}

// UTF-8 text of a body, or null for bytes that are not UTF-8 (the core receives text, not bytes).
function decodeUtf8(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

// A JSON API takes only application/json bodies. For the browser-facing endpoints this also means that a
// cross-site page cannot post to them without a CORS preflight, which these servers never grant.
function requireJson(req) {
  const type = String(req.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(415, 'request.not_json', 'The body must be application/json.');
  }
}

// True unless the request comes from another site's page. Browsers send Sec-Fetch-Site (same-origin for
// our own pages, whatever the Referrer-Policy); without it, the Origin header, when present, must be ours.
// Under Referrer-Policy: no-referrer a form POST carries "Origin: null", which is refused here, so the
// Sec-Fetch-Site check comes first.
function isSameOrigin(req, extraOrigins = []) {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const origin = req.headers.origin;
  if (origin === undefined) return true;  // not a browser's cross-site request
  const host = req.headers.host;
  return origin === `http://${host}` || origin === `https://${host}` || extraOrigins.includes(origin);
}

// Path segment after a prefix, percent-decoded; null when malformed.
function decodeSegment(text) {
  try {
    const decoded = decodeURIComponent(text);
    return decoded.includes('/') ? null : decoded;
  } catch {
    return null;
  }
}

// Listens on host:port (0 = a free port). Resolves to the listening server's { port, url }.
function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const actual = server.address().port;
      resolve({ port: actual, url: `http://${host}:${actual}` });
    });
  });
}

// Closes a server and the idle keep-alive connections that would otherwise hold it open.
function closeServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    if (typeof server.closeIdleConnections === 'function') server.closeIdleConnections();
  });
}

// A route table: rows [methods, path, handler], methods one name or several ('GET, HEAD'), path the whole
// path as a string, or a RegExp whose groups are the route's params; the handler is whatever the caller
// runs. The result, route(method, pathname), is { handler, params } for the row with that path and method;
// { allow, handler } when rows have the path but none the method (the answer is 405 with Allow: allow; the
// handler is the first such row's, for a caller that answers OPTIONS itself); or null when no row has the
// path (404, or the next handler's turn).
function routeTable(rows) {
  const table = rows.map(([methods, path, handler]) => ({ methods: methods.split(',').map((m) => m.trim()), path, handler }));
  return function route(method, pathname) {
    let other = null;
    const allow = [];
    for (const row of table) {
      const m = typeof row.path === 'string' ? (row.path === pathname ? [pathname] : null) : pathname.match(row.path);
      if (!m) continue;
      if (row.methods.includes(method)) return { handler: row.handler, params: m.slice(1) };
      other ??= row;
      for (const name of row.methods) if (!allow.includes(name)) allow.push(name);
    }
    return other ? { allow: allow.join(', '), handler: other.handler } : null;
  };
}

// The answer to a method the path does not take: 405 request.method ("Use GET.") with Allow.
function methodNotAllowed(allow) {
  return new HttpError(405, 'request.method', `Use ${allow.split(',')[0]}.`, { headers: { Allow: allow } });
}

// Answers a node:http request by a route table: its row's handler(req, res, params, url), awaited. A method
// the path does not take throws methodNotAllowed (jsonHandler answers it). Resolves false when no row has
// the path (nothing was answered). url: the request's URL, parsed.
async function dispatch(route, req, res, url) {
  const found = route(req.method, url.pathname);
  if (!found) return false;
  if (found.allow) throw methodNotAllowed(found.allow);
  await found.handler(req, res, found.params, url);
  return true;
}

// Wraps an async (req, res) handler: an HttpError becomes its JSON answer, anything else a 500 that says
// nothing about the inside.
function jsonHandler(handle, log = () => {}) {
  return (req, res) => {
    handle(req, res).catch((err) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof HttpError) {
        sendHttpError(res, err);
        return;
      }
      log(`internal error: ${(err && err.stack) || err}`);
      sendErrors(res, 500, [{ field: '$', code: 'server.error', message: 'Internal server error.' }]);
    });
  };
}

module.exports = {
  CONTENT_SECURITY_POLICY,
  SECURITY_HEADERS,
  HttpError,
  systemClock,
  send,
  sendJson,
  sendErrors,
  sendHttpError,
  sendHtml,
  sendText,
  redirect,
  readBody,
  decodeUtf8,
  requireJson,
  isSameOrigin,
  decodeSegment,
  listen,
  closeServer,
  routeTable,
  methodNotAllowed,
  dispatch,
  jsonHandler,
};
