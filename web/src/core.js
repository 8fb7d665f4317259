// The wasm core, loaded once per page. The entry points (script tag, single file, ES module) say how to
// create it; tests configure it with the Node build. Importing this module touches no global state.

let factory = null;
let defaults = {};
let corePromise = null;
let loaded = null;

// createModule: Emscripten's factory (createCheckoutModule); options: its defaults (locateFile, wasmBinary).
export function configureCore(createModule, options = {}) {
  if (typeof createModule !== 'function') throw new TypeError('configureCore needs the wasm module factory');
  factory = createModule;
  defaults = { ...options };
  corePromise = null;
  loaded = null;
}

// The loaded core. A failed load is forgotten, so the next call can retry (a flaky network on first load).
export function loadCore(options = {}) {
  if (!factory) return Promise.reject(new Error('ltgs-checkout: the wasm core is not configured'));
  if (corePromise) return corePromise;
  const promise = Promise.resolve()
    .then(() => factory({ ...defaults, ...options }))
    .then((core) => {
      if (corePromise === promise) loaded = core;  // not one configureCore has since replaced
      return core;
    })
    .catch((err) => {
      if (corePromise === promise) corePromise = null;
      throw err;
    });
  corePromise = promise;
  return corePromise;
}

// The core if it has loaded already, else null: for checks that can be made at once when it is there.
export function loadedCore() {
  return loaded;
}

// The URL of the .wasm next to a script or module URL ('ltgs-checkout.wasm' unless named otherwise).
export function wasmBeside(scriptUrl, name = 'ltgs-checkout.wasm') {
  return new URL(name, scriptUrl).href;
}
