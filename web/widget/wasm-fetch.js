// The .wasm fetched from its URL and instantiated, for the entries that ship it as a file (the script tag and
// the ES module): a failure says what went wrong there, for core.js to name with the URL in its console error.

// ({ instance, module }) of the .wasm at `url`, instantiated with Emscripten's imports.
export async function fetchWasm(url, imports) {
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (err) {
    throw Object.assign(new Error(`${err && err.message ? err.message : err}: offline, or refused by CORS (another ` +
      'origin must send Access-Control-Allow-Origin) or by the page\'s Content-Security-Policy (connect-src)'), { cause: err });
  }
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const type = (response.headers.get('Content-Type') || '').split(';')[0].trim().toLowerCase();
  // Streaming compiles while the bytes arrive; it needs the right MIME type, which not every server sends.
  if (type === 'application/wasm' && typeof WebAssembly.instantiateStreaming === 'function') {
    return WebAssembly.instantiateStreaming(response, imports);
  }
  const bytes = await response.arrayBuffer();
  const head = new Uint8Array(bytes, 0, Math.min(4, bytes.byteLength));
  if (String.fromCharCode(...head) !== '\0asm') {
    throw new Error(`not WebAssembly but ${type || 'an untyped answer'} of ${bytes.byteLength} bytes: the .wasm is not there`);
  }
  return WebAssembly.instantiate(bytes, imports);
}
