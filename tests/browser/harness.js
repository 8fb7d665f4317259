// Real-browser harness: Debian's Chromium driven by playwright-core, pages served from 127.0.0.1 with a
// strict Content-Security-Policy, and a scripted partner backend in the same server. driver.js builds on it to
// run each scenario in Chromium and in Firefox ESR.
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html; charset=utf-8', '.css': 'text/css' };

// pages: { '/path': html }; backend(req, body) → { status, body, headers } | undefined (404).
function startServer({ pages = {}, backend = () => undefined, csp = STRICT_CSP } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
      if (url.pathname === '/favicon.ico') {  // the browser asks for it by itself: no 404 in the console
        res.writeHead(204, headers);
        res.end();
        return;
      }
      if (pages[url.pathname] !== undefined) {
        res.writeHead(200, { ...headers, 'Content-Type': TYPES['.html'] });
        res.end(pages[url.pathname]);
        return;
      }
      if (url.pathname.startsWith('/dist/')) {
        const file = path.join(DIST, path.basename(url.pathname));
        if (fs.existsSync(file)) {
          res.writeHead(200, { ...headers, 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
          res.end(fs.readFileSync(file));
          return;
        }
      }
      const answer = backend(req, Buffer.concat(chunks).toString('utf8'), url);
      if (!answer) {
        res.writeHead(404, headers);
        res.end('not found');
        return;
      }
      res.writeHead(answer.status || 200, { ...headers, 'Content-Type': 'application/json', ...(answer.headers || {}) });
      res.end(answer.body || '');
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` }));
  });
}

async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A page that records CSP violations and console errors (the init script runs outside the page's CSP).
async function newPage(browser, { locale = 'en-US', timezoneId = 'Africa/Kigali', viewport } = {}) {
  const context = await browser.newContext({ locale, timezoneId, viewport });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  return { context, page, errors };
}

module.exports = { startServer, launch, newPage, STRICT_CSP, ROOT, DIST };
