// The wasm core, loaded once per page. The entry points (script tag, single file, ES module) say how to
// create it; tests configure it with the Node build. Importing this module touches no global state.

let factory = null;
let defaults = {};
let corePromise = null;

// createModule: Emscripten's factory (createCheckoutModule); options: its defaults (locateFile, wasmBinary).
export function configureCore(createModule, options = {}) {
  if (typeof createModule !== 'function') throw new TypeError('configureCore needs the wasm module factory');
  factory = createModule;
  defaults = { ...options };
  corePromise = null;
}

// The loaded core. A failed load is forgotten, so the next call can retry (a flaky network on first load).
export function loadCore(options = {}) {
  if (!factory) return Promise.reject(new Error('ltgs-checkout: the wasm core is not configured'));
  corePromise ??= Promise.resolve()
    .then(() => factory({ ...defaults, ...options }))
    .catch((err) => {
      corePromise = null;
      throw err;
    });
  return corePromise;
}

// The URL of the .wasm next to a script or module URL ('ltgs-checkout.wasm' unless named otherwise).
export function wasmBeside(scriptUrl, name = 'ltgs-checkout.wasm') {
  return new URL(name, scriptUrl).href;
}
