// Thin adapters: the web-standard handlers (./handlers.mjs) under node:http and Express. Each turns the
// incoming message into a Request (the body streamed, not buffered), asks handlers.handle, and writes the
// Response back; a path that is not one of the checkout's is left to the next handler.

import { Readable } from 'node:stream';

function toRequest(req) {
  const url = new URL(req.url || '/', 'http://localhost');
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(url.href, {
    method: req.method,
    headers,
    body: hasBody ? Readable.toWeb(req) : undefined,
    duplex: 'half',
  });
}

async function writeResponse(res, response, headOnly) {
  const headers = {};
  response.headers.forEach((value, name) => { headers[name] = value; });
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : Buffer.alloc(0);
  headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(headOnly ? undefined : body);
}

// (req, res) → Promise<boolean>: true when the request was the checkout's and has been answered.
export function toNodeHandler(handlers) {
  if (!handlers || typeof handlers.handle !== 'function') throw new TypeError('toNodeHandler needs createCheckoutHandlers(…)\'s result');
  return async function checkoutNodeHandler(req, res) {
    if (req.readableEnded && req.method !== 'GET' && req.method !== 'HEAD') {
      // A body parser ran first and consumed the body the signature and the limits are checked on.
      throw new Error('ltgs-checkout/server: the request body was already read; mount the checkout before body parsers');
    }
    const response = await handlers.handle(toRequest(req), { remoteAddress: req.socket && req.socket.remoteAddress });
    if (response === null) return false;
    await writeResponse(res, response, req.method === 'HEAD');
    return true;
  };
}

// Express (or Connect) middleware: app.use(expressMiddleware(handlers)) before any body parser.
export function expressMiddleware(handlers) {
  const handle = toNodeHandler(handlers);
  return function checkoutMiddleware(req, res, next) {
    handle(req, res).then((handled) => { if (!handled) next(); }, next);
  };
}
