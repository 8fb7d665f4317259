// LTGSCheckout.open / mount and the script-tag reader: options checked, callbacks and DOM events wired,
// a controller returned. Mistakes by the integrating developer throw a TypeError that says what was
// expected; what the payer causes arrives as an outcome.
//
// makeApi(widget) builds the API over what the build provides:
//   widget.defineElement(registry, locale) → truthy when <ltgs-checkout> is defined now (registering it if
//                                    needed) and can be drawn in locale: its words are here (or cannot be had);
//   widget.whenDefined(registry, locale)   → a Promise, settled when it is (rejected when its code cannot load;
//                                    words that do not come leave the checkout in English);
//   widget.loadCore(options)       → the wasm core (a Promise);
//   widget.methodNames()           → the core's payment method names, or null while it is not loaded.
// The full builds (api.js) have everything at once; the script-tag loader (script-tag.js) fetches the rest of
// the widget and a language other than English, and shows the pay button meanwhile.

import { showPlaceholder, placeholderFailed } from './placeholder.js';
import { checkoutLocale } from './locale.js';

export const VERSION = '0.1.0';

const OUTCOME_EVENTS = { status: 'ltgs:status', success: 'ltgs:success', failure: 'ltgs:failure', close: 'ltgs:close' };
const CALLBACKS = { status: 'onStatusChange', success: 'onSuccess', failure: 'onFailure', close: 'onClose' };

export function makeApi(widget) {
  function fail(message) {
    throw new TypeError(`LTGSCheckout: ${message}`);
  }

  // Checks the shape of the options (the core checks the content once loaded) and returns a clean copy.
  function checkOptions(options) {
    if (!options || typeof options !== 'object') fail('options must be an object');
    const p = options.payment;
    if (!p || typeof p !== 'object') fail('options.payment must be an object with LTGS field names (Sale_Reference_ID, Total_Amount_to_Pay, Services_Name)');
    if (typeof p.Sale_Reference_ID !== 'string' || !p.Sale_Reference_ID) fail(`payment.Sale_Reference_ID must be a non-empty string, got ${JSON.stringify(p.Sale_Reference_ID)}`);
    if (!Number.isSafeInteger(p.Total_Amount_to_Pay) || p.Total_Amount_to_Pay < 1) {
      fail(`payment.Total_Amount_to_Pay must be whole francs (a positive integer), got ${JSON.stringify(p.Total_Amount_to_Pay)}`);
    }
    if (typeof p.Services_Name !== 'string') fail('payment.Services_Name must be a string');
    for (const name of ['Phone_Number', 'Customer_KYC_ID', 'Email_Address']) {
      if (p[name] !== undefined && p[name] !== null && typeof p[name] !== 'string') fail(`payment.${name} must be a string when given`);
    }
    if (typeof options.initiateUrl !== 'string' || !options.initiateUrl) fail('initiateUrl must be the URL of your backend\'s initiate endpoint');
    if (typeof options.statusUrl !== 'string' || !options.statusUrl) fail('statusUrl must be the URL of your backend\'s status endpoint');
    if (options.methods !== undefined) {
      if (!Array.isArray(options.methods) || options.methods.some((m) => typeof m !== 'string' || !m)) {
        fail('methods must be an array of payment method names (MTN_MOMO, …)');
      }
      // The names are the core's: checked here when it has loaded already, else by the checkout once it has.
      const known = widget.methodNames();
      if (known && options.methods.some((m) => !known.includes(m))) fail(`methods must be an array of ${known.join(', ')}`);
    }
    if (options.theme !== undefined && !['light', 'dark'].includes(options.theme)) fail('theme must be "light" or "dark"');
    if (options.merchant !== undefined && (!options.merchant || typeof options.merchant !== 'object' || Array.isArray(options.merchant))) {
      fail('merchant must be an object (mtnMerchantCode, …)');
    }
    if (options.checkoutToken !== undefined && (typeof options.checkoutToken !== 'string' || !/^[\x21-\x7e]{1,256}$/.test(options.checkoutToken))) {
      fail('checkoutToken must be the token your backend gave the page (printable ASCII, at most 256 characters)');
    }
    for (const name of Object.values(CALLBACKS)) {
      if (options[name] !== undefined && typeof options[name] !== 'function') fail(`${name} must be a function`);
    }
    return { ...options, payment: { ...p } };
  }

  // Creates the element, wires events and callbacks; resolves the controller's result with the outcome. The
  // element is set up at once when its code and its language's words are there (the full builds), else as soon
  // as they arrive (the script-tag loader): in between, a button shows its pay button (placeholder.js), and what
  // the customer or the page asks for (a click, close()) is done then.
  function create(host, options, mode) {
    const opts = checkOptions(options);
    const doc = host.ownerDocument || document;
    const registry = doc.defaultView && doc.defaultView.customElements;
    const locale = checkoutLocale(opts, doc);
    const defined = Boolean(widget.defineElement(registry, locale));  // before createElement: the element is born upgraded
    const element = doc.createElement('ltgs-checkout');
    let settle;
    let settled = false;
    const result = new Promise((resolve, reject) => {
      settle = (ok, value) => {
        if (settled) return;
        settled = true;
        (ok ? resolve : reject)(value);
      };
    });
    const emit = (type, detail) => {
      if (type === 'error') {
        const err = new TypeError(`LTGSCheckout: ${detail.error.code}: ${detail.error.message}`);
        err.code = detail.error.code;
        settle(false, err);
        return;
      }
      element.dispatchEvent(new CustomEvent(OUTCOME_EVENTS[type], { detail, bubbles: true, composed: true }));
      const callback = opts[CALLBACKS[type]];
      if (callback) {
        try {
          callback(detail);
        } catch (err) {
          queueMicrotask(() => { throw err; });  // the partner's bug must not break the checkout
        }
      }
      if (type === 'success' || type === 'close') settle(true, detail);
    };
    host.append(element);
    let ready = false;
    let closed = false;
    let openWhenReady = mode === 'modal';
    const start = () => {
      if (ready || closed) return;
      ready = true;
      if (registry && typeof registry.upgrade === 'function') registry.upgrade(element);  // even when detached
      element.setup(opts, { mode, emit });
      if (openWhenReady) element.openCheckout();
      if (mode === 'modal') element.addEventListener('ltgs:close', () => element.remove(), { once: true });
    };
    const controller = {
      element,
      result,
      close() {
        if (!ready) {
          closed = true;
          if (mode === 'modal') element.remove();
          emit('close', { status: 'CLOSED', reference: opts.payment.Sale_Reference_ID, paymentRefId: null,
                          amount: opts.payment.Total_Amount_to_Pay, method: null });
          return;
        }
        element.close();
        if (mode === 'modal') element.remove();
      },
    };
    if (defined) {
      start();
    } else {
      if (mode === 'button') showPlaceholder(element, opts, () => { openWhenReady = true; });
      widget.whenDefined(registry, locale).then(start, (err) => {
        console.error(err && err.message ? err.message : err);
        if (closed) return;
        if (mode === 'modal') settle(false, err);  // no dialog to say it in: the page hears it
        else placeholderFailed(element, opts);
      });
    }
    return controller;
  }

  // The checkout as a modal dialog.
  function open(options) {
    return create(document.body, options, 'modal');
  }

  // The checkout inline, inside `container`.
  function mount(container, options) {
    if (!container || typeof container.append !== 'function') fail('mount(element, options) needs a DOM element');
    return create(container, options, 'inline');
  }

  // The pay button where a <script data-…> tag stands (script-tag mode).
  function renderScriptTag(script) {
    if (!script || !script.dataset) return null;
    const d = script.dataset;
    if (!d.reference) return null;  // a bare <script src> only loads the API
    const amount = Number(d.amount);
    const options = {
      payment: {
        Sale_Reference_ID: d.reference,
        Total_Amount_to_Pay: Number.isSafeInteger(amount) ? amount : d.amount,
        Services_Name: d.servicesName ?? '',
        Phone_Number: d.phone,
        Customer_KYC_ID: d.kycId,
        Email_Address: d.email,
      },
      initiateUrl: d.initiateUrl,
      statusUrl: d.statusUrl,
      locale: d.locale,
      theme: d.theme || undefined,
      methods: d.methods ? d.methods.split(',').map((m) => m.trim().toUpperCase()).filter(Boolean) : undefined,
      nonce: d.nonce || script.nonce || undefined,
      checkoutToken: d.checkoutToken || undefined,
      // data-mtn-merchant-code: the merchant's MTN MoMo Pay code, which USSD needs (data-methods="USSD,…").
      merchant: d.mtnMerchantCode ? { mtnMerchantCode: d.mtnMerchantCode.trim() } : undefined,
    };
    const host = script.ownerDocument.createElement('span');
    script.after(host);
    try {
      const controller = create(host, options, 'button');
      host.replaceWith(controller.element);
      return controller;
    } catch (err) {
      host.remove();
      console.error(err);  // a misconfigured tag: say why in the console, show nothing
      return null;
    }
  }

  const LTGSCheckout = Object.freeze({ open, mount, loadCore: (options) => widget.loadCore(options), version: VERSION, renderScriptTag });

  // Script-tag bundles: define window.LTGSCheckout once. A second copy of the script hands its tag to the
  // first copy's API (one core per page) instead of redefining the global. configure(scriptUrl) is called
  // first, by the copy that defines it.
  function installGlobal(script, configure) {
    const win = typeof window !== 'undefined' ? window : null;
    if (!win) return;
    const existing = win.LTGSCheckout;
    if (existing && typeof existing.renderScriptTag === 'function') {
      existing.renderScriptTag(script);
      return;
    }
    configure(script && script.src ? script.src : win.location.href);
    Object.defineProperty(win, 'LTGSCheckout', { value: LTGSCheckout, configurable: false, enumerable: true, writable: false });
    renderScriptTag(script);  // the tag is in the document already: the button goes right after it
  }

  return { LTGSCheckout, open, mount, renderScriptTag, checkOptions, installGlobal };
}
