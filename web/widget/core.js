// The wasm core, loaded once per page. The entry points (script tag, single file, ES modules) say how to
// create it and where its .wasm is; tests configure it with the Node build. Importing this module touches no
// global state.
//
// Every failed load is logged with console.error, naming the URL tried and the setting to change (the entry's
// advice), and loadCore rejects with the same message; the widget shows its "could not load" screen. The
// entries that fetch a .wasm hand over fetchWasm (wasm-fetch.js), which says what went wrong at an http(s)
// URL (HTTP 404, a refused request, an HTML page instead of wasm); the inlined builds do without it.

// The name Emscripten's glue gives its .wasm, passed to locateFile unless the entry names the file it ships.
const GLUE_WASM_FILE = 'checkout-es.wasm';
// What loadCore remembers for later loads when a call gives it: where the wasm comes from.
const WHERE_OPTIONS = ['wasmUrl', 'locateFile', 'wasmBinary', 'instantiateWasm'];
const CSP_ADVICE = 'The page\'s Content-Security-Policy must allow \'wasm-unsafe-eval\' in script-src.';

let factory = null;
let defaults = {};
let advice = '';
let wasmFile = GLUE_WASM_FILE;
let fetchWasm = null;
let corePromise = null;
let loaded = null;

// createModule: Emscripten's factory (createCheckoutModule); options: its defaults (locateFile, wasmBinary),
// and wasmUrl, the .wasm's URL, which takes precedence over locateFile; hints.advice: what the partner can
// change when the .wasm cannot be loaded, said in the console error (it differs from build to build);
// hints.wasmFile: the name of the .wasm the entry ships, given to locateFile; hints.fetchWasm(url, imports):
// fetches and instantiates the .wasm at an http(s) URL ({ instance, module }), in place of Emscripten's loader.
export function configureCore(createModule, options = {}, hints = {}) {
  if (typeof createModule !== 'function') throw new TypeError('configureCore needs the wasm module factory');
  factory = createModule;
  defaults = withoutUndefined(options);
  advice = typeof hints.advice === 'string' ? hints.advice : '';
  wasmFile = typeof hints.wasmFile === 'string' ? hints.wasmFile : GLUE_WASM_FILE;
  fetchWasm = typeof hints.fetchWasm === 'function' ? hints.fetchWasm : null;
  corePromise = null;
  loaded = null;
}

// The loaded core. A failed load is forgotten, so the next call can retry (a flaky network on first load).
// options.wasmUrl (or locateFile, wasmBinary) says where the .wasm is, and is kept for later calls: the widget
// loads the core with no options, after a page that set the URL first.
export function loadCore(options = {}) {
  if (!factory) return Promise.reject(new Error('ltgs-checkout: the wasm core is not configured'));
  const given = withoutUndefined(options || {});
  if (WHERE_OPTIONS.some((k) => k in given)) {
    const kept = { ...defaults };
    for (const k of WHERE_OPTIONS) delete kept[k];
    for (const k of WHERE_OPTIONS) if (k in given) kept[k] = given[k];
    defaults = kept;
  }
  if (corePromise) return corePromise;
  const create = factory;
  const hint = advice;
  const how = { file: wasmFile, fetchWasm };
  const promise = Promise.resolve()
    .then(() => instantiate(create, { ...defaults, ...given }, how))
    .then((core) => {
      if (corePromise === promise) loaded = core;  // not one configureCore has since replaced
      return core;
    })
    .catch((err) => {
      if (corePromise === promise) corePromise = null;
      const error = loadError(err, hint);
      console.error(error.message);
      throw error;
    });
  corePromise = promise;
  return corePromise;
}

// The core if it has loaded already, else null: for checks that can be made at once when it is there.
export function loadedCore() {
  return loaded;
}

// The URL of a .wasm next to a script or module URL.
export function wasmBeside(scriptUrl, name) {
  return new URL(name, scriptUrl).href;
}

// The bytes of a base64 string (the inlined builds' wasm).
export function decodeBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function withoutUndefined(options) {
  const out = {};
  for (const [k, v] of Object.entries(options)) if (v !== undefined) out[k] = v;
  return out;
}

// A failed load: its message names the URL and says what to change.
class CoreLoadError extends Error {
  constructor(url, reason, cause) {
    super(reason);
    this.name = 'CoreLoadError';
    this.url = url;
    this.reason = reason;
    this.cause = cause;
  }
}

// An error's text, without Emscripten's wrapping: "Aborted(…). Build with -s ASSERTIONS=1 for more info."
function describe(err) {
  const text = err && typeof err === 'object' && typeof err.message === 'string' ? err.message : String(err);
  return text.replace(/\.?\s*Build with -s ASSERTIONS=1 for more info\.?$/, '').replace(/^Aborted\(([\s\S]*)\)$/, '$1');
}

// The browser refused to compile WebAssembly: the page's CSP lacks 'wasm-unsafe-eval'.
const isCspRefusal = (err) => err !== undefined && /Content Security Policy|unsafe-eval|blocked by CSP/i.test(describe(err));

function loadError(err, hint) {
  const known = err instanceof CoreLoadError;
  const url = known ? err.url : null;
  const reason = known ? err.reason : describe(err);
  const what = url ? `the WebAssembly core from ${url}` : 'the WebAssembly core';
  const change = isCspRefusal(known ? err.cause : err) ? CSP_ADVICE : hint;
  const error = new Error(`ltgs-checkout: could not load ${what} (${reason.replace(/[\s.]+$/, '')}).${change ? ` ${change}` : ''}`);
  error.name = 'CoreLoadError';
  error.url = url;
  error.cause = err;
  return error;
}

// The absolute URL the .wasm is to come from, or null when it is given as bytes (inlined, or read by the
// caller). A relative wasmUrl is relative to the page, like a src attribute.
function wasmLocation(settings, file) {
  if (settings.wasmBinary || settings.instantiateWasm) return null;
  let where = null;
  if (settings.wasmUrl !== undefined) where = String(settings.wasmUrl);
  else if (typeof settings.locateFile === 'function') where = String(settings.locateFile(file, ''));
  if (!where) return null;
  const base = typeof document !== 'undefined' && document.baseURI ? document.baseURI : undefined;
  try {
    return new URL(where, base).href;
  } catch {
    return where;  // a path in Node, read by the ES module's loader
  }
}

async function instantiate(create, settings, { file, fetchWasm: fetcher }) {
  const url = wasmLocation(settings, file);
  const options = { ...settings };
  delete options.wasmUrl;
  if (url) options.locateFile = () => url;
  // http(s): fetched by the entry's fetchWasm; a file: URL or a path (Node) is read by the entry's factory.
  if (!url || !fetcher || !/^(https?|blob|data):/i.test(url)) {
    try {
      return await create(options);
    } catch (err) {
      throw url && !(err instanceof CoreLoadError) ? new CoreLoadError(url, describe(err), err) : err;
    }
  }
  let failed;
  const failure = new Promise((resolve, reject) => { failed = reject; });
  // Emscripten waits for receive(); a failure here rejects loadCore through `failure`.
  options.instantiateWasm = (imports, receive) => {
    Promise.resolve().then(() => fetcher(url, imports)).then((result) => receive(result.instance, result.module), failed);
    return {};
  };
  try {
    return await Promise.race([create(options), failure]);
  } catch (err) {
    throw err instanceof CoreLoadError ? err : new CoreLoadError(url, describe(err), err && err.cause !== undefined ? err.cause : err);
  }
}
