// The JavaScript side of the widget's wasm (wasm/c_api.cpp): instantiates it and gives every export of the
// core the shape the Node build's Embind bindings give it, core.fn(...arguments) → the report as a plain
// object. Written by hand instead of Emscripten's Embind glue, which was 19 KB minified: the download of a
// checkout on a slow network (docs/performance.md). Conversions only, as in wasm/bindings.cpp: a string goes
// in as UTF-8 (a lone surrogate adds a byte the core refuses, so that it is never silently altered), an
// option object as its JSON text, a number as a double (NaN when it is not a number); the report comes back
// as JSON text.
//
// createCheckoutModule(options) resolves with the core, as Emscripten's factory does; options (those the
// widget uses): wasmBinary (the bytes), instantiateWasm(imports, receive) (the caller instantiates),
// locateFile(name, prefix) (the URL to fetch).

// Each function's arguments, one letter each: s text, j JSON (an object, or its text), n number, b flag,
// v any value (a JSON scalar: its kind, number and text), m method names (an array, or a string of names);
// those after ? may be left out. A call with fewer or more arguments is a TypeError, as Embind's is.
const SIGNATURES = 'validateRequestJson:s?j validateField:sv?j paymentOptions:s?jj unavailableMethods:jm ' +
  'parsePhone:s parseAmount:s parseNationalId:s?n parseEmail:s parseCallbackUrl:s?b parseServicesName:s ' +
  'parseSaleReference:s parseCallbackJson:s failureReasonCode:s paymentStatusWord:s retryAfterMs:sn qrSvg:s?j ' +
  'qrMatrix:s?s emvParse:s emvBuild:j ussdCode:ssn mtnMomoPayUssd:sn ussdTelLink:s checkQrPayload:sn ' +
  'checkUssdCode:sn?j draftPayment:sn applyEvent:jj nextPoll:jj?j attemptReference:sn parseAttemptReference:s ' +
  'parsePaymentMethod:v decideInitiation:jnn startAttempt:nnn applyAttemptStatus:jns rejectAttempt:j ' +
  'orderStatus:j checkoutRules: codes:';

// JsonScalar::Kind (core/include/ltgs/json_value.hpp) of a JS value, as bindings.cpp's scalar() decides it.
const KIND = { undefined: 0, boolean: 2, number: 4, string: 5 };
const kindOf = (v) => v === null ? 1 : KIND[typeof v] !== undefined ? KIND[typeof v] : Array.isArray(v) ? 7 : 6;

const encoder = typeof TextEncoder === 'function' ? new TextEncoder() : null;
const decoder = typeof TextDecoder === 'function' ? new TextDecoder() : null;

// A string argument's text: a well-formed string as it is, with one byte the core refuses appended otherwise.
const textOf = (v) => typeof v === 'string' ? v : '';
const illFormed = (s) => typeof s.isWellFormed === 'function' && !s.isWellFormed();
const jsonOf = (v) => v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);

function abort(what) {
  throw new Error(`Aborted(${what})`);
}

function bind(exports) {
  const memory = exports.memory;
  let bytes = new Uint8Array(memory.buffer);
  const heap = () => (bytes.buffer === memory.buffer ? bytes : (bytes = new Uint8Array(memory.buffer)));

  // UTF-8 of s at p (room enough), the number of bytes written.
  const put = (s, p) => {
    const h = heap();
    const n = s.length;
    let i = 0;
    for (; i < n; i++) {  // ASCII at once; the rest through TextEncoder
      const c = s.charCodeAt(i);
      if (c > 127) break;
      h[p + i] = c;
    }
    if (i === n) return n;
    const rest = s.slice(i);
    const { written } = encoder.encodeInto(rest, h.subarray(p + i, p + i + rest.length * 3));
    return i + written;
  };
  // The report at p: short ones byte by byte while they are ASCII, the rest by TextDecoder.
  const read = (p, n) => {
    const h = heap();
    if (n > 32 && decoder) return decoder.decode(h.subarray(p, p + n));
    let s = '';
    for (let i = 0; i < n; i++) {
      const c = h[p + i];
      if (c > 127) return decoder ? decoder.decode(h.subarray(p, p + n)) : utf8(h, p, n);
      s += String.fromCharCode(c);
    }
    return s;
  };

  const call = (name, signature) => {
    const fn = exports[`ltgs_${name}`];
    if (typeof fn !== 'function') abort(`the wasm has no ${name}`);
    const kinds = signature.replace('?', '');
    const least = signature.indexOf('?') < 0 ? kinds.length : signature.indexOf('?');
    const strings = new Array(kinds.length);  // reused: a call never re-enters JavaScript
    const params = [];
    return (...args) => {
      if (args.length < least || args.length > kinds.length) {
        throw new TypeError(`${name} takes ${least < kinds.length ? `${least} to ` : ''}${kinds.length} arguments, not ${args.length}`);
      }
      // The strings first, to size the input buffer: 3 bytes per UTF-16 unit at most, and one more for a mark.
      let room = 0;
      for (let k = 0; k < kinds.length; k++) {
        const kind = kinds[k];
        const v = args[k];
        let s = null;
        if (kind === 's') s = textOf(v);
        else if (kind === 'j') s = jsonOf(v);
        else if (kind === 'v') s = typeof v === 'string' ? v : '';
        else if (kind === 'm') s = Array.isArray(v) ? v.join(',') : textOf(v);
        if (s === undefined) s = '';  // JSON.stringify of a function
        strings[k] = s;
        if (s !== null) room += s.length * 3 + 1;
      }
      const base = room ? exports.ltgs_input(room) : 0;
      params.length = 0;
      let at = base;
      for (let k = 0; k < kinds.length; k++) {
        const kind = kinds[k];
        const v = args[k];
        if (kind === 'n') params.push(typeof v === 'number' ? v : NaN);
        else if (kind === 'b') params.push(v === true ? 1 : 0);
        else {
          if (kind === 'v') params.push(kindOf(v), typeof v === 'number' ? v : v === true ? 1 : 0);
          const s = strings[k];
          let n = put(s, at);
          if (illFormed(s)) heap()[at + n++] = 0xff;
          params.push(at, n);
          at += n;
        }
      }
      const p = fn.apply(null, params);
      return JSON.parse(read(p, exports.ltgs_size()));
    };
  };

  const core = {
    _malloc: exports.malloc,
    _free: exports.free,
    get HEAP8() { return new Int8Array(memory.buffer); },
  };
  for (const entry of SIGNATURES.split(' ')) {
    const [name, signature] = entry.split(':');
    core[name] = call(name, signature);
  }
  return core;
}

// UTF-8 bytes to a string without TextDecoder (older jsdom): replacement characters for ill-formed input.
function utf8(h, p, n) {
  let s = '';
  for (let i = p, end = p + n; i < end;) {
    const c = h[i++];
    let cp = 0xfffd;
    const more = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
    if (c < 0x80) cp = c;
    else if (more && i + more <= end) {
      cp = c & (0x3f >> more);
      for (let k = 0; k < more; k++) cp = (cp << 6) | (h[i++] & 0x3f);
    }
    s += String.fromCodePoint(cp);
  }
  return s;
}

export default async function createCheckoutModule(options = {}) {
  const imports = {
    env: { emscripten_notify_memory_growth() {} },
    wasi_snapshot_preview1: { proc_exit(code) { abort(`exit(${code})`); } },
  };
  let instance;
  if (options.instantiateWasm) {
    instance = await new Promise((resolve, reject) => {
      try {
        options.instantiateWasm(imports, resolve);
      } catch (err) {
        reject(err);
      }
    });
  } else if (options.wasmBinary) {
    ({ instance } = await WebAssembly.instantiate(options.wasmBinary, imports));
  } else {
    const url = options.locateFile ? options.locateFile('checkout-es.wasm', '') : 'checkout-es.wasm';
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) abort(`both async and sync fetching of the wasm failed: HTTP ${response.status}`);
    ({ instance } = typeof WebAssembly.instantiateStreaming === 'function'
      ? await WebAssembly.instantiateStreaming(response, imports)
      : await WebAssembly.instantiate(await response.arrayBuffer(), imports));
  }
  instance.exports._initialize();
  return bind(instance.exports);
}
