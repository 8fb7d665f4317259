// Node 18+ has a global fetch(), so Emscripten 3.1.6's loader tries to fetch() the .wasm path and fails.
// In Node, read the .wasm from beside this file instead (unless the caller supplied it).
if (typeof process == 'object' && process.versions && process.versions.node &&
    typeof window == 'undefined' && !Module['wasmBinary'] && !Module['instantiateWasm']) {
  Module['wasmBinary'] = require('fs').readFileSync(Module['locateFile']
      ? Module['locateFile']('checkout.wasm', __dirname + '/') : __dirname + '/checkout.wasm');
}
