// The route table of web/partner/http.js, which the sandbox, the demo shop and the partner's handlers route
// with: a row per method and path, 405 with Allow for a method the path does not take, and nothing (404, or
// the next handler) for a path no row has; dispatch() answering real node:http requests by it.
'use strict';

const http = require('http');
const {
  routeTable, methodNotAllowed, dispatch, jsonHandler, sendJson, HttpError, listen, closeServer,
} = require('../../web/partner/http.js');

describe('routeTable', () => {
  const route = routeTable([
    ['GET, HEAD', '/', 'home'],
    ['POST', '/items', 'create'],
    ['GET', '/items', 'list'],
    ['GET', /^\/items\/([^/]+)$/, 'item'],
    ['POST', /^\/items\/([^/]+)\/(approve|decline)$/, 'decide'],
  ]);

  test('finds the row of the path and method, with the RegExp groups as params', () => {
    expect(route('GET', '/')).toEqual({ handler: 'home', params: [] });
    expect(route('HEAD', '/')).toEqual({ handler: 'home', params: [] });
    expect(route('POST', '/items')).toEqual({ handler: 'create', params: [] });
    expect(route('GET', '/items')).toEqual({ handler: 'list', params: [] });
    expect(route('GET', '/items/A%2FB')).toEqual({ handler: 'item', params: ['A%2FB'] });
    expect(route('POST', '/items/7/decline')).toEqual({ handler: 'decide', params: ['7', 'decline'] });
  });

  test('a path some row has, with a method none takes: every method of its rows, in order', () => {
    expect(route('POST', '/')).toEqual({ allow: 'GET, HEAD', handler: 'home' });
    expect(route('DELETE', '/items')).toEqual({ allow: 'POST, GET', handler: 'create' });
    expect(route('OPTIONS', '/items/7')).toEqual({ allow: 'GET', handler: 'item' });
    expect(route('GET', '/items/7/approve')).toEqual({ allow: 'POST', handler: 'decide' });
  });

  test('a path no row has is null: a string path matches the whole path only', () => {
    expect(route('GET', '/index.html')).toBeNull();
    expect(route('GET', '/items/')).toBeNull();
    expect(route('GET', '/items/7/')).toBeNull();
    expect(route('POST', '/items/7/refund')).toBeNull();
    expect(route('GET', '//')).toBeNull();
  });

  test('methodNotAllowed: 405 request.method naming the first method, with Allow', () => {
    const err = methodNotAllowed('GET, HEAD');
    expect(err).toBeInstanceOf(HttpError);
    expect(err.status).toBe(405);
    expect(err.errors).toEqual([{ field: '$', code: 'request.method', message: 'Use GET.' }]);
    expect(err.headers).toEqual({ Allow: 'GET, HEAD' });
  });
});

describe('dispatch over node:http', () => {
  let server;
  let base;
  const seen = [];

  beforeAll(async () => {
    const routes = routeTable([
      ['GET, HEAD', '/', (req, res, params, url) => sendJson(res, 200, { page: 'home', q: url.searchParams.get('q') })],
      ['POST', /^\/things\/([^/]+)$/, async (req, res, [id]) => {
        req.resume();
        seen.push(id);
        sendJson(res, 201, { id });
      }],
      ['GET', '/fails', () => {
        throw new HttpError(409, 'thing.conflict', 'No.');
      }],
    ]);
    server = http.createServer(jsonHandler(async (req, res) => {
      if (!(await dispatch(routes, req, res, new URL(req.url, 'http://test.invalid')))) {
        throw new HttpError(404, 'request.not_found', 'No such endpoint.');
      }
    }));
    ({ url: base } = await listen(server, 0, '127.0.0.1'));
  });

  afterAll(() => closeServer(server));

  async function call(path, method = 'GET') {
    const res = await fetch(`${base}${path}`, { method });
    const text = await res.text();
    return { status: res.status, allow: res.headers.get('allow'), body: text ? JSON.parse(text) : null };
  }

  test('runs the handler with its params and the parsed URL', async () => {
    expect(await call('/?q=water')).toEqual({ status: 200, allow: null, body: { page: 'home', q: 'water' } });
    expect(await call('/things/B-7', 'POST')).toEqual({ status: 201, allow: null, body: { id: 'B-7' } });
    expect(seen).toEqual(['B-7']);
  });

  test('HEAD takes a GET, HEAD row and answers no body', async () => {
    expect(await call('/', 'HEAD')).toEqual({ status: 200, allow: null, body: null });
  });

  test('a method the path does not take is a JSON 405 with Allow, and the handler does not run', async () => {
    expect(await call('/things/B-8')).toEqual({
      status: 405, allow: 'POST', body: { errors: [{ field: '$', code: 'request.method', message: 'Use POST.' }] },
    });
    expect(await call('/', 'DELETE')).toMatchObject({ status: 405, allow: 'GET, HEAD' });
    expect(seen).toEqual(['B-7']);
  });

  test('a path no row has resolves false (here: the caller\'s 404); a handler\'s own error is its answer', async () => {
    expect(await call('/nothing')).toMatchObject({ status: 404, body: { errors: [{ code: 'request.not_found' }] } });
    expect(await call('/fails')).toMatchObject({ status: 409, body: { errors: [{ code: 'thing.conflict' }] } });
  });
});
