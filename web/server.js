#!/usr/bin/env node
// The demo server (npm start): plain Node http on 127.0.0.1, PORT from the environment (default 8080;
// 0 picks a free port). Serves the demo page and the built module, nothing else:
//   /                      web/demo/index.html
//   /NAME.js, /NAME.css    web/demo/NAME.js, web/demo/NAME.css
//   /dist/checkout.js      dist/checkout.js
//   /dist/checkout.wasm    dist/checkout.wasm (application/wasm, for streaming compilation)
// Every response carries a strict Content-Security-Policy: the page has no inline script or style, and
// the module needs only 'wasm-unsafe-eval' (it is built without eval / new Function).
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const DEMO_DIR = path.join(ROOT, 'web', 'demo');
const DIST_DIR = path.join(ROOT, 'dist');
const HOST = '127.0.0.1';
const DEFAULT_PORT = 8080;

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store', // a development server: a rebuilt module shows up on reload
};

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
};

// The files under dist/ that are served; nothing else there is.
const DIST_FILES = new Set(['checkout.js', 'checkout.wasm']);
// Extensions served from web/demo/ (besides index.html at /).
const DEMO_EXTENSIONS = new Set(['.js', '.css']);

// True when `file` is inside `dir` (both absolute and resolved).
function isInside(dir, file) {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

// URL path -> absolute file path, or null when the path is not one this server serves.
function resolveRequestPath(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null; // malformed percent-encoding
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded === '/' || decoded === '/index.html') return path.join(DEMO_DIR, 'index.html');

  if (decoded.startsWith('/dist/')) {
    const name = decoded.slice('/dist/'.length);
    return DIST_FILES.has(name) ? path.join(DIST_DIR, name) : null;
  }
  // Demo assets: one path segment, no dot files, an allowed extension, and inside web/demo/ once resolved.
  const name = decoded.slice(1);
  if (name.includes('/') || name.startsWith('.') || !DEMO_EXTENSIONS.has(path.extname(name))) return null;
  const file = path.resolve(DEMO_DIR, name);
  return isInside(DEMO_DIR, file) ? file : null;
}

function send(res, status, headers, body, headOnly) {
  res.writeHead(status, { ...SECURITY_HEADERS, ...headers, 'Content-Length': Buffer.byteLength(body) });
  res.end(headOnly ? undefined : body);
}

function sendText(res, status, text, headOnly, extraHeaders = {}) {
  send(res, status, { 'Content-Type': 'text/plain; charset=utf-8', ...extraHeaders }, `${text}\n`, headOnly);
}

async function handle(req, res) {
  const headOnly = req.method === 'HEAD';
  if (req.method !== 'GET' && !headOnly) {
    sendText(res, 405, 'Method not allowed', false, { Allow: 'GET, HEAD' });
    return;
  }
  let urlPath;
  try {
    urlPath = new URL(req.url, `http://${HOST}`).pathname;
  } catch {
    sendText(res, 400, 'Bad request', headOnly);
    return;
  }
  const file = resolveRequestPath(urlPath);
  if (file === null) {
    sendText(res, 404, 'Not found', headOnly);
    return;
  }
  try {
    // A symbolic link must not lead out of the directory it sits in.
    const real = await fs.promises.realpath(file);
    const base = await fs.promises.realpath(path.dirname(file));
    if (!isInside(base, real)) {
      sendText(res, 404, 'Not found', headOnly);
      return;
    }
    const body = await fs.promises.readFile(real);
    send(res, 200, { 'Content-Type': MIME_TYPES[path.extname(file)] }, body, headOnly);
  } catch (err) {
    if (err.code === 'ENOENT' || err.code === 'EISDIR' || err.code === 'ENOTDIR') {
      const hint = file.startsWith(DIST_DIR + path.sep) ? ' (run npm run build:wasm)' : '';
      sendText(res, 404, `Not found${hint}`, headOnly);
    } else {
      sendText(res, 500, 'Internal server error', headOnly);
    }
  }
}

function createServer() {
  return http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Internal server error', false);
      else res.destroy();
    });
  });
}

// Listens on 127.0.0.1:port (0 = a free port). Resolves to { server, port, url }.
function start({ port = DEFAULT_PORT, host = HOST } = {}) {
  const server = createServer();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const actual = server.address().port;
      resolve({ server, port: actual, url: `http://${host}:${actual}/` });
    });
  });
}

function portFromEnv(value) {
  if (value === undefined || value === '') return DEFAULT_PORT;
  if (!/^[0-9]+$/.test(value) || Number(value) > 65535) {
    throw new Error(`PORT must be a port number from 0 to 65535, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

async function main() {
  let port;
  try {
    port = portFromEnv(process.env.PORT);
  } catch (err) {
    console.error(`ltgs-checkout demo: ${err.message}`);
    process.exitCode = 1;
    return;
  }
  if (!fs.existsSync(path.join(DIST_DIR, 'checkout.js'))) {
    console.error('ltgs-checkout demo: dist/checkout.js is missing: run npm run build:wasm (npm start does)');
  }
  try {
    const { url } = await start({ port });
    console.log(`ltgs-checkout demo: ${url}`);
  } catch (err) {
    const why = err.code === 'EADDRINUSE' ? `port ${port} is in use (set PORT to another port, or 0)` : err.message;
    console.error(`ltgs-checkout demo: cannot listen on ${HOST}:${port}: ${why}`);
    process.exitCode = 1;
  }
}

if (require.main === module) main();

module.exports = { createServer, start, resolveRequestPath, CONTENT_SECURITY_POLICY };
