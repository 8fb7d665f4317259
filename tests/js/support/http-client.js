// Raw HTTP requests for the server tests: the path is sent as written (fetch() would resolve ".."), any
// header may be set, and the answer comes back whole.
'use strict';

const http = require('http');

function request(base, rawPath, { method = 'GET', headers = {}, body } = {}) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, path: rawPath, method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const buffer = Buffer.concat(chunks);
        const text = buffer.toString('utf8');
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode, headers: res.headers, body: buffer, text, json });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const jsonHeaders = (extra = {}) => ({ 'Content-Type': 'application/json', ...extra });

function postJson(base, path, value, headers = {}) {
  return request(base, path, { method: 'POST', headers: jsonHeaders(headers),
                               body: typeof value === 'string' ? value : JSON.stringify(value) });
}

// A server on 127.0.0.1 that records each request and answers with `reply(req, body)` →
// { status, json | text, headers }.
function recordingServer(reply) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const entry = { method: req.method, url: req.url, headers: req.headers, raw, text: raw.toString('utf8') };
      requests.push(entry);
      Promise.resolve(reply(entry)).then((r) => {
        const a = r || { status: 200, json: {} };
        const text = a.json !== undefined ? JSON.stringify(a.json) : (a.text ?? '');
        res.writeHead(a.status, { 'Content-Type': 'application/json', ...(a.headers || {}) });
        res.end(text);
      }, () => {
        res.writeHead(500);
        res.end();
      });
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        server,
        requests,
        url: `http://127.0.0.1:${server.address().port}`,
        close: () => new Promise((r) => {
          server.close(() => r());
          server.closeAllConnections?.();
        }),
      });
    });
  });
}

module.exports = { request, postJson, recordingServer };
