// One driver for two browser engines, so that each real-browser scenario is written once and runs in both:
//   - 'chromium': Debian's Chromium, driven by playwright-core over the DevTools protocol;
//   - 'firefox':  Debian's Firefox ESR, driven by puppeteer-core over WebDriver BiDi.
//
// openEngine(name) → Engine
//   engine.name                          'chromium' | 'firefox'
//   engine.newContext(options)           → Context: one person's browser (own storage, cookies, init scripts).
//       options: { viewport: { width, height }, locale = 'en-US', timezoneId = 'Africa/Kigali',
//                  mobile (a phone: touch, a coarse pointer; Chromium also emulates a mobile viewport),
//                  reducedMotion: 'reduce' | 'no-preference',
//                  userAgent (navigator.userAgent as the page's scripts read it) }
//   engine.close()
// Context
//   context.newPage()                    → Page
//   context.addInitScript(source)        script text run before the page's own scripts, on every document
//   context.problems                     'CSP violation: …', 'console: …', 'page error: …', across every
//                                        page and navigation of the context
//   context.close()
// Page: page.engine, page.errors (its console errors and uncaught exceptions, unprefixed); in the page,
// window.__violations lists the current document's CSP violations
//   goto(url) → { status, headers }, reload(), url(), waitForURL(regexp), setViewport({ width, height })
//   evaluate(fn, arg), waitForFunction(fn, arg, { timeout }), waitForTimeout(ms)
//   screenshot({ path, fullPage })
//   keyboard.press('Tab' | 'Shift+Tab' | 'Enter' | …), keyboard.type(text)
//   recordRequests(predicate?) → a live array of { url, method, headers, body } (body: the POST text)
//   recordResponses(predicate?) → a live array of { url, status, headers }
//   installClock() before goto, then fastForward(ms): the page's timeouts and Date jump forward
//   setOffline(boolean)
//   liveRegions() → ['status: text', …]: the polite live regions assistive technology is given now
//   locator(css, { hasText, has }), getByRole(role, { name, exact, level }), getByLabel(text, { exact }),
//   getByText(text, { exact }): Locators, which pierce open shadow roots
// Locator (auto-waiting and strict, like Playwright's)
//   locator / getByRole / getByLabel / getByText (scoped), filter({ hasText, has }), first(), last(), nth(i), or(other)
//   waitFor({ state: 'visible' | 'hidden' | 'attached' | 'detached', timeout })
//   click({ timeout }), dblclick(), hover(), fill(text), press(key), check(), focus()
//   isVisible(), isChecked(), count(), textContent(), allTextContents(), getAttribute(name), boundingBox(),
//   evaluate(fn, arg)
//
// In Chromium every operation is Playwright's own. In Firefox the locators are resolved in the page by
// SELECTOR_ENGINE below (roles and accessible names as Playwright computes them, for the elements a checkout
// uses), clicks are real pointer events at the element's centre after the same checks Playwright makes
// (visible, enabled, stable, not covered), and text is typed key by key.
//
// openPage(engine, options) → { context, page, errors, problems }: a context with one page.
// ENGINES: both, or the ones named in BROWSERS (e.g. BROWSERS=firefox npm run test:browser).
// screenshotPath(engine, locale, name): docs/screenshots/<engine>-<locale>-<name>.png.
'use strict';

const fs = require('fs');
const path = require('path');
const { launch: launchChromium, ROOT } = require('./harness');

const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const ALL_ENGINES = ['chromium', 'firefox'];
const ENGINES = (process.env.BROWSERS || ALL_ENGINES.join(','))
  .split(',').map((s) => s.trim()).filter((s) => ALL_ENGINES.includes(s));
const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const DEFAULT_TIMEOUT = 30_000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// docs/screenshots/<engine>-<locale>-<name>.png (the directory is ignored by Git).
function screenshotPath(engine, locale, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  return path.join(SHOTS, `${engine}-${locale}-${name}.png`);
}

// Records CSP violations on window.__violations (read by tests) and hands them to the driver.
const VIOLATIONS_SCRIPT = `(() => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(e.violatedDirective + ' ' + e.blockedURI);
    if (typeof window.__driverViolation === 'function') {
      window.__driverViolation(e.violatedDirective + ' ' + e.blockedURI + ' (' + e.sourceFile + ':' + e.lineNumber + ')');
    }
  });
})();`;

async function openEngine(name) {
  if (name === 'chromium') return openChromium();
  if (name === 'firefox') return openFirefox();
  throw new Error(`unknown browser engine ${name}`);
}

// ---- Chromium: Playwright ---------------------------------------------------------------------------------

async function openChromium() {
  const browser = await launchChromium();
  return {
    name: 'chromium',
    async newContext({ viewport, locale = 'en-US', timezoneId = 'Africa/Kigali', mobile = false, reducedMotion,
      userAgent } = {}) {
      const context = await browser.newContext({
        locale, timezoneId, viewport, reducedMotion, ...(mobile ? { hasTouch: true, isMobile: true } : {}),
        ...(userAgent ? { userAgent } : {}),
      });
      const problems = [];
      await context.exposeFunction('__driverViolation', (text) => problems.push(`CSP violation: ${text}`));
      await context.addInitScript({ content: VIOLATIONS_SCRIPT });
      return {
        problems,
        async newPage() {
          // A window each, not a tab: a background tab is a hidden document (visibilityState 'hidden',
          // throttled timers), where each Chromium page stays visible.
          const page = await context.newPage({ type: 'window' });
          const errors = [];
          page.on('console', (msg) => {
            if (msg.type() === 'error') {
              errors.push(msg.text());
              problems.push(`console: ${msg.text()}`);
            }
          });
          page.on('pageerror', (err) => {
            errors.push(String(err));
            problems.push(`page error: ${err}`);
          });
          return new ChromiumPage(page, context, errors);
        },
        addInitScript: (source) => context.addInitScript({ content: source }),
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}

class ChromiumPage {
  constructor(page, context, errors) {
    this.engine = 'chromium';
    this.raw = page;
    this.context = context;
    this.errors = errors;
    this.keyboard = { press: (key) => page.keyboard.press(key), type: (text) => page.keyboard.type(text) };
  }

  async goto(url) {
    const response = await this.raw.goto(url);
    return { status: response.status(), headers: response.headers() };
  }

  async reload() { await this.raw.reload(); }

  url() { return this.raw.url(); }

  async waitForURL(re, options) { await this.raw.waitForURL(re, options); }

  async setViewport(size) { await this.raw.setViewportSize(size); }

  evaluate(fn, arg) { return this.raw.evaluate(fn, arg); }

  async waitForFunction(fn, arg, options) { await this.raw.waitForFunction(fn, arg, options); }

  waitForTimeout(ms) { return sleep(ms); }

  async screenshot(options) { await this.raw.screenshot(options); }

  recordRequests(predicate = () => true) {
    const list = [];
    this.raw.on('request', (r) => {
      const record = { url: r.url(), method: r.method(), headers: r.headers(), body: r.postData() };
      if (predicate(record)) list.push(record);
    });
    return list;
  }

  recordResponses(predicate = () => true) {
    const list = [];
    this.raw.on('response', (r) => {
      const record = { url: r.url(), status: r.status(), headers: r.headers() };
      if (predicate(record)) list.push(record);
    });
    return list;
  }

  installClock() { return this.raw.clock.install(); }

  fastForward(ms) { return this.raw.clock.fastForward(ms); }

  setOffline(offline) { return this.context.setOffline(offline); }

  // Chromium's own accessibility tree: nodes with aria-live polite, with the text they expose.
  async liveRegions() {
    this.cdp ??= await this.context.newCDPSession(this.raw);
    const { nodes } = await this.cdp.send('Accessibility.getFullAXTree');
    const byId = new Map(nodes.map((n) => [n.nodeId, n]));
    const text = (n) => (n.role.value === 'StaticText' ? n.name.value
      : (n.childIds || []).map((id) => byId.get(id)).filter(Boolean).map(text).join(''));
    return nodes.filter((n) => !n.ignored && (n.properties || []).some((p) => p.name === 'live' && p.value.value === 'polite'))
      .map((n) => `${n.role.value}: ${text(n)}`);
  }

  locator(css, options) { return new ChromiumLocator(this.raw.locator(css, unwrapOptions(options))); }

  getByRole(role, options) { return new ChromiumLocator(this.raw.getByRole(role, options)); }

  getByLabel(text, options) { return new ChromiumLocator(this.raw.getByLabel(text, options)); }

  getByText(text, options) { return new ChromiumLocator(this.raw.getByText(text, options)); }
}

function unwrapOptions(options) {
  if (!options) return options;
  const out = { ...options };
  if (out.has) out.has = out.has.raw;
  return out;
}

class ChromiumLocator {
  constructor(raw) { this.raw = raw; }

  locator(css, options) { return new ChromiumLocator(this.raw.locator(css, unwrapOptions(options))); }

  getByRole(role, options) { return new ChromiumLocator(this.raw.getByRole(role, options)); }

  getByLabel(text, options) { return new ChromiumLocator(this.raw.getByLabel(text, options)); }

  getByText(text, options) { return new ChromiumLocator(this.raw.getByText(text, options)); }

  filter(options) { return new ChromiumLocator(this.raw.filter(unwrapOptions(options))); }

  first() { return new ChromiumLocator(this.raw.first()); }

  last() { return new ChromiumLocator(this.raw.last()); }

  nth(i) { return new ChromiumLocator(this.raw.nth(i)); }

  or(other) { return new ChromiumLocator(this.raw.or(other.raw)); }

  waitFor(options) { return this.raw.waitFor(options); }

  click(options) { return this.raw.click(options); }

  dblclick(options) { return this.raw.dblclick(options); }

  hover(options) { return this.raw.hover(options); }

  fill(text) { return this.raw.fill(text); }

  press(key) { return this.raw.press(key); }

  check() { return this.raw.check(); }

  focus() { return this.raw.focus(); }

  isVisible() { return this.raw.isVisible(); }

  isChecked() { return this.raw.isChecked(); }

  count() { return this.raw.count(); }

  textContent() { return this.raw.textContent(); }

  allTextContents() { return this.raw.allTextContents(); }

  getAttribute(name) { return this.raw.getAttribute(name); }

  boundingBox() { return this.raw.boundingBox(); }

  evaluate(fn, arg) { return this.raw.evaluate(fn, arg); }
}

// ---- Firefox: puppeteer-core over WebDriver BiDi ----------------------------------------------------------

// Firefox preferences. Reduced motion and the kind of pointer are browser-wide preferences (no per-page
// emulation over BiDi), so a context that asks for 'reduce', or for a phone, gets a browser of its own started
// with them: a phone's pointer is coarse, like Chromium's isMobile. The colour scheme is pinned to light and
// scrollbars to overlay ones, as in headless Chromium.
function firefoxPrefs({ reducedMotion, mobile }) {
  return {
    'ui.prefersReducedMotion': reducedMotion === 'reduce' ? 1 : 0,
    // Scrollbars over the content, as on a phone (and as in headless Chromium): none takes layout width.
    'ui.useOverlayScrollbars': 1,
    'layout.css.prefers-color-scheme.content-override': 1,
    'ui.systemUsesDarkTheme': 0,
    ...(mobile ? { 'ui.primaryPointerCapabilities': 1, 'ui.allPointerCapabilities': 1 } : {}),  // coarse, no hover
  };
}

async function launchFirefox(settings) {
  const { default: puppeteer } = await import('puppeteer-core');
  return puppeteer.launch({
    browser: 'firefox', executablePath: FIREFOX, headless: true,
    extraPrefsFirefox: firefoxPrefs(settings), protocolTimeout: 60_000,
  });
}

async function openFirefox() {
  const browsers = new Map();  // 'reducedMotion mobile' → a browser (a Promise), started when first needed
  const browserFor = (reducedMotion, mobile) => {
    const key = `${reducedMotion} ${mobile}`;
    if (!browsers.has(key)) browsers.set(key, launchFirefox({ reducedMotion, mobile }));
    return browsers.get(key);
  };
  if (!fs.existsSync(FIREFOX)) {
    throw new Error(`${FIREFOX} not found: npm run setup installs Debian's firefox-esr (or set FIREFOX_PATH)`);
  }
  return {
    name: 'firefox',
    async newContext({ viewport = { width: 1280, height: 720 }, locale = 'en-US', timezoneId = 'Africa/Kigali',
      mobile = false, reducedMotion = 'no-preference', userAgent } = {}) {
      const browser = await browserFor(reducedMotion === 'reduce' ? 'reduce' : 'no-preference', Boolean(mobile));
      const context = await browser.createBrowserContext();
      const focus = focusOf(browser);
      const problems = [];
      const initScripts = [VIOLATIONS_SCRIPT];
      // What the page's scripts read (the widget asks navigator.userAgent whether it runs on iOS).
      if (userAgent) {
        initScripts.push(`Object.defineProperty(Navigator.prototype, 'userAgent', { get: () => ${JSON.stringify(userAgent)}, configurable: true });`);
      }
      const pages = [];
      return {
        problems,
        async newPage() {
          // A window each, not a tab: a background tab is a hidden document (visibilityState 'hidden',
          // throttled timers), where each Chromium page stays visible.
          const page = await context.newPage({ type: 'window' });
          const errors = [];
          page.on('console', (msg) => {
            if (msg.type() === 'error') {
              errors.push(msg.text());
              problems.push(`console: ${msg.text()}`);
            }
          });
          page.on('pageerror', (err) => {
            errors.push(String(err.message || err));
            problems.push(`page error: ${err.message || err}`);
          });
          await page.exposeFunction('__driverViolation', (text) => { problems.push(`CSP violation: ${text}`); });
          await page.setViewport({ ...viewport, ...(mobile ? { hasTouch: true } : {}) });
          await page.emulateLocale(locale);
          await page.emulateTimezone(timezoneId);
          for (const source of initScripts) await page.evaluateOnNewDocument(source);
          const wrapped = new FirefoxPage(page, errors, focus, Boolean(mobile));
          focus.active = wrapped;
          pages.push(wrapped);
          return wrapped;
        },
        async addInitScript(source) {
          initScripts.push(source);
          for (const p of pages) await p.raw.evaluateOnNewDocument(source);
        },
        close: () => context.close(),
      };
    },
    async close() {
      await Promise.all([...browsers.values()].map(async (b) => (await b).close()));
    },
  };
}

// A fake clock for Firefox, like Playwright's clock.install() for what the widget uses: setTimeout and Date
// run at their natural pace, and fastForward(ms) jumps forward, firing the timeouts that fall due (each at
// most once). setInterval and performance.now() are left alone.
const CLOCK_SCRIPT = `(() => {
  const realSet = window.setTimeout.bind(window);
  const realClear = window.clearTimeout.bind(window);
  const RealDate = window.Date;
  const realNow = RealDate.now.bind(RealDate);
  let offset = 0;
  let nextId = 1;
  const timers = new Map();
  const run = (id) => {
    const t = timers.get(id);
    if (!t) return;
    timers.delete(id);
    if (typeof t.fn === 'function') t.fn(...t.args);
  };
  window.setTimeout = function (fn, ms, ...args) {
    const delay = Math.max(0, Number(ms) || 0);
    const id = nextId++;
    timers.set(id, { fn, args, due: realNow() + offset + delay, real: realSet(() => run(id), delay) });
    return id;
  };
  window.clearTimeout = function (id) {
    const t = timers.get(id);
    if (t) {
      realClear(t.real);
      timers.delete(id);
    }
  };
  function FakeDate(...args) {
    if (!new.target) return new RealDate(realNow() + offset).toString();
    return args.length ? new RealDate(...args) : new RealDate(realNow() + offset);
  }
  FakeDate.prototype = RealDate.prototype;
  FakeDate.now = () => realNow() + offset;
  FakeDate.parse = RealDate.parse;
  FakeDate.UTC = RealDate.UTC;
  window.Date = FakeDate;
  window.__driverFastForward = (ms) => {
    offset += ms;
    const now = realNow() + offset;
    for (const [id, t] of timers) {
      realClear(t.real);
      t.real = realSet(() => run(id), Math.max(0, t.due - now));
    }
  };
})();`;

// The page that has the system focus, per browser: keys and clicks go to a page after it is brought to the
// front (a newer window takes the focus; each Playwright page in Chromium behaves as focused).
const FOCUS = new WeakMap();
function focusOf(browser) {
  if (!FOCUS.has(browser)) FOCUS.set(browser, { active: null });
  return FOCUS.get(browser);
}

class FirefoxPage {
  constructor(page, errors, focus, mobile) {
    this.engine = 'firefox';
    this.raw = page;
    this.errors = errors;
    this.focus = focus;
    this.mobile = mobile;
    this.keyboard = {
      press: async (combo) => {
        await this.activate();
        const parts = combo.split('+');
        const key = parts.pop();
        for (const m of parts) await page.keyboard.down(m);
        await page.keyboard.press(key);
        for (const m of parts.reverse()) await page.keyboard.up(m);
      },
      type: async (text) => {
        await this.activate();
        await page.keyboard.type(text);
      },
    };
  }

  async activate() {
    if (this.focus.active === this) return;
    await this.raw.bringToFront();
    this.focus.active = this;
  }

  async goto(url) {
    const response = await this.raw.goto(url, { waitUntil: 'load' });
    return { status: response.status(), headers: response.headers() };
  }

  async reload() { await this.raw.reload({ waitUntil: 'load' }); }

  url() { return this.raw.url(); }

  async waitForURL(re, { timeout = DEFAULT_TIMEOUT } = {}) {
    await poll(`the URL to match ${re}`, timeout, async () => re.test(this.raw.url())
      && (await this.raw.evaluate(() => document.readyState)) === 'complete');
  }

  // The touch setting kept: puppeteer reloads the page when it changes.
  async setViewport(size) { await this.raw.setViewport({ ...size, ...(this.mobile ? { hasTouch: true } : {}) }); }

  evaluate(fn, arg) { return arg === undefined ? this.raw.evaluate(fn) : this.raw.evaluate(fn, arg); }

  // Polled from here: a predicate made inside the page would need eval, which the page's CSP refuses.
  async waitForFunction(fn, arg, { timeout = DEFAULT_TIMEOUT } = {}) {
    await poll(`a function to return true: ${fn}`, timeout, async () => {
      const handle = arg === undefined ? await this.raw.evaluateHandle(fn) : await this.raw.evaluateHandle(fn, arg);
      try {
        return await handle.evaluate((value) => Boolean(value));  // truthy, even when not serialisable
      } finally {
        await handle.dispose();
      }
    });
  }

  waitForTimeout(ms) { return sleep(ms); }

  async screenshot(options) { await this.raw.screenshot(options); }

  recordRequests(predicate = () => true) {
    const list = [];
    this.raw.on('request', (r) => {
      const record = { url: r.url(), method: r.method(), headers: r.headers(), body: undefined };
      if (!predicate(record)) return;
      if (!r.hasPostData()) {
        list.push(record);
        return;
      }
      r.fetchPostData().then((body) => { record.body = body; }, () => {}).finally(() => list.push(record));
    });
    return list;
  }

  recordResponses(predicate = () => true) {
    const list = [];
    this.raw.on('response', (r) => {
      const record = { url: r.url(), status: r.status(), headers: r.headers() };
      if (predicate(record)) list.push(record);
    });
    return list;
  }

  installClock() { return this.raw.evaluateOnNewDocument(CLOCK_SCRIPT); }

  fastForward(ms) { return this.raw.evaluate((n) => window.__driverFastForward(n), ms); }

  setOffline(offline) { return this.raw.setOfflineMode(offline); }

  // Firefox gives no accessibility tree over BiDi: the same question answered from the DOM. A polite live
  // region (role status, or aria-live="polite") is exposed when nothing hides it (display: none, aria-hidden)
  // and, while a modal dialog is open, when it is inside that dialog (the rest of the page is inert).
  liveRegions() {
    return this.raw.evaluate(() => {
      const all = [];
      const walk = (root) => {
        for (const e of root.querySelectorAll('*')) {
          all.push(e);
          if (e.shadowRoot) walk(e.shadowRoot);
        }
      };
      walk(document);
      const parentOf = (n) => n.parentNode instanceof ShadowRoot ? n.parentNode.host : n.parentElement;
      const modal = all.find((e) => e.matches('dialog:modal'));
      const inside = (e, container) => {
        for (let n = e; n; n = parentOf(n)) if (n === container) return true;
        return false;
      };
      const hidden = (e) => {
        for (let n = e; n; n = parentOf(n)) {
          if (n.getAttribute('aria-hidden') === 'true') return true;
          if (getComputedStyle(n).display === 'none') return true;
        }
        return false;
      };
      const live = (e) => e.getAttribute('aria-live') === 'polite'
        || (e.getAttribute('role') === 'status' && !e.hasAttribute('aria-live')) || e.tagName === 'OUTPUT';
      return all.filter((e) => live(e) && !hidden(e) && (!modal || inside(e, modal)))
        .map((e) => `${e.getAttribute('role') || 'status'}: ${e.textContent}`);
    });
  }

  locator(css, options) { return new FirefoxLocator(this, []).locator(css, options); }

  getByRole(role, options) { return new FirefoxLocator(this, []).getByRole(role, options); }

  getByLabel(text, options) { return new FirefoxLocator(this, []).getByLabel(text, options); }

  getByText(text, options) { return new FirefoxLocator(this, []).getByText(text, options); }
}

async function poll(what, timeout, fn, stepMs = 50) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      last = err;  // a navigation in progress: its document is not there yet
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
    }
    await sleep(stepMs);
  }
}

// Text matchers as JSON: a string (case-insensitive substring, or exact) or a RegExp.
function matcher(value, exact = false) {
  if (value instanceof RegExp) return { re: value.source, flags: value.flags };
  return { s: String(value), exact: Boolean(exact) };
}

function withOptions(step, options = {}) {
  const out = { ...step };
  if (options.hasText !== undefined) out.hasText = matcher(options.hasText);
  if (options.has) out.has = options.has.steps;
  return out;
}

class FirefoxLocator {
  constructor(page, steps) {
    this.page = page;
    this.steps = steps;
  }

  chain(step) { return new FirefoxLocator(this.page, [...this.steps, step]); }

  locator(css, options) { return this.chain(withOptions({ kind: 'css', css }, options)); }

  getByRole(role, { name, exact, level, checked, includeHidden } = {}) {
    return this.chain({ kind: 'role', role, name: name === undefined ? undefined : matcher(name, exact), level, checked, includeHidden });
  }

  getByLabel(text, { exact } = {}) { return this.chain({ kind: 'label', text: matcher(text, exact) }); }

  getByText(text, { exact } = {}) { return this.chain({ kind: 'text', text: matcher(text, exact) }); }

  filter(options) { return this.chain(withOptions({ kind: 'filter' }, options)); }

  first() { return this.chain({ kind: 'nth', index: 0 }); }

  last() { return this.chain({ kind: 'nth', index: -1 }); }

  nth(index) { return this.chain({ kind: 'nth', index }); }

  or(other) { return new FirefoxLocator(this.page, [{ kind: 'or', alternatives: [this.steps, other.steps] }]); }

  toString() { return `locator ${JSON.stringify(this.steps)}`; }

  // Runs op on what the steps match, in the page: { count, ... } (see SELECTOR_ENGINE).
  run(op, arg) { return this.page.raw.evaluate(SELECTOR_ENGINE, this.steps, op, arg === undefined ? null : arg); }

  // Waits until exactly one element matches (and `until` holds for it); more than one is an error.
  async one(op, arg, { timeout = DEFAULT_TIMEOUT, until = (r) => r.count === 1 } = {}) {
    const deadline = Date.now() + timeout;
    let last = null;
    let lastError = null;
    for (;;) {
      try {
        last = await this.run(op, arg);
        lastError = null;
        if (last.count > 1) throw new Error(`strict mode violation: ${this} resolved to ${last.count} elements: ${last.found.join(', ')}`);
        if (until(last)) return last;
      } catch (err) {
        if (/strict mode violation/.test(err.message)) throw err;
        lastError = err;
      }
      if (Date.now() > deadline) {
        const why = lastError ? lastError.message : last && last.count === 1 ? last.why || JSON.stringify(last) : 'no element matches';
        throw new Error(`timed out after ${timeout} ms: ${op} on ${this}: ${why}`);
      }
      await sleep(50);
    }
  }

  async waitFor({ state = 'visible', timeout = DEFAULT_TIMEOUT } = {}) {
    const want = {
      visible: (r) => r.count === 1 && r.visible,
      attached: (r) => r.count === 1,
      hidden: (r) => r.count === 0 || (r.count === 1 && !r.visible),
      detached: (r) => r.count === 0,
    }[state];
    await this.one('state', null, { timeout, until: want });
  }

  // Scrolls the element into view and checks what Playwright checks before a pointer action: visible,
  // enabled, not moving, and the topmost element at its centre (or inside it). Returns the point.
  // After a failed try it scrolls with another alignment each time, as Playwright does (a sticky bar may
  // cover the element where the first scroll put it).
  async actionPoint({ timeout = DEFAULT_TIMEOUT, enabled = true } = {}) {
    const arg = { enabled, attempt: 0 };
    const r = await this.one('point', arg, {
      timeout,
      until: (x) => {
        arg.attempt++;
        return x.count === 1 && x.ready;
      },
    });
    return { x: r.x, y: r.y };
  }

  // The page is brought to the front before the point is measured: a tab that was behind another may lay out
  // and repaint on the way, and a point measured before that can miss.
  async click({ timeout } = {}) {
    await this.page.activate();
    const { x, y } = await this.actionPoint({ timeout });
    await this.page.raw.mouse.click(x, y);
  }

  async dblclick({ timeout } = {}) {
    await this.page.activate();
    const { x, y } = await this.actionPoint({ timeout });
    await this.page.raw.mouse.click(x, y, { count: 2 });
  }

  async hover({ timeout } = {}) {
    await this.page.activate();
    const { x, y } = await this.actionPoint({ timeout, enabled: false });
    await this.page.raw.mouse.move(x, y);
  }

  async focus() { await this.one('focus'); }

  // Focus, select what is there, type the new text key by key (input events as a person makes them).
  async fill(text) {
    await this.one('editable', null, { until: (r) => r.count === 1 && r.ready });
    await this.one('focus');
    const current = await this.one('value');
    if (current.value) {
      await this.page.keyboard.press('Control+a');
      await this.page.keyboard.press('Backspace');
    }
    if (text) await this.page.keyboard.type(text);
    const after = await this.one('value');
    if (after.value !== text) throw new Error(`fill: ${this} holds ${JSON.stringify(after.value)} instead of ${JSON.stringify(text)}`);
  }

  async press(key) {
    await this.focus();
    await this.page.keyboard.press(key);
  }

  async check() {
    if ((await this.one('checked')).checked) return;
    await this.click();
    const r = await this.one('checked');
    if (!r.checked) throw new Error(`check: ${this} is still not checked after a click`);
  }

  async isVisible() {
    const r = await this.run('state');
    if (r.count > 1) throw new Error(`strict mode violation: ${this} resolved to ${r.count} elements: ${r.found.join(', ')}`);
    return r.count === 1 && r.visible;
  }

  async isChecked() { return (await this.one('checked')).checked; }

  async count() { return (await this.run('count')).count; }

  async textContent() { return (await this.one('text')).text; }

  async allTextContents() { return (await this.run('allText')).texts; }

  async getAttribute(name) { return (await this.one('attribute', name)).value; }

  async boundingBox() { return (await this.one('box')).box; }

  async evaluate(fn, arg) {
    await this.one('count');
    const handle = await this.page.raw.evaluateHandle(SELECTOR_ENGINE, this.steps, 'element', null);
    try {
      return arg === undefined ? await handle.evaluate(fn) : await handle.evaluate(fn, arg);
    } finally {
      await handle.dispose();
    }
  }
}

// Resolves `steps` in the page (open shadow roots pierced) and performs `op` on the result. Runs in the page,
// sent with every call: it must be self-contained.
async function SELECTOR_ENGINE(steps, op, arg) {
  const parentOf = (n) => (n.parentNode && n.parentNode.nodeType === 11 ? n.parentNode.host : n.parentElement);
  const norm = (s) => String(s).replace(/[\u200b\u00ad]/g, '').replace(/\s+/g, ' ').trim();
  const matches = (m, text) => {
    if (!m) return true;
    const t = norm(text);
    if (m.re !== undefined) return new RegExp(m.re, m.flags).test(t);
    return m.exact ? t === norm(m.s) : t.toLowerCase().includes(norm(m.s).toLowerCase());
  };

  // Every element in the composed tree below `scope` (light DOM first, then each shadow root's), in order.
  const descendants = (scope) => {
    const out = [];
    const walk = (root) => {
      for (const e of root.querySelectorAll('*')) {
        out.push(e);
      }
      for (const e of root.querySelectorAll('*')) if (e.shadowRoot) walk(e.shadowRoot);
    };
    if (scope.shadowRoot) walk(scope.shadowRoot);
    walk(scope);
    return out;
  };
  const rootsBelow = (scope) => {
    const roots = [scope];
    for (const e of [scope, ...descendants(scope)]) if (e.shadowRoot) roots.push(e.shadowRoot);
    return roots;
  };
  const contains = (outer, inner) => {
    for (let n = inner; n; n = parentOf(n)) if (n === outer) return true;
    return false;
  };

  // CSS: a descendant combinator may cross shadow boundaries, as in Playwright ('ltgs-checkout dialog').
  const splitCss = (css) => {
    const tokens = [];
    let cur = '';
    let depth = 0;
    let quote = null;
    for (const ch of css) {
      if (quote) {
        cur += ch;
        if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'") {
        quote = ch;
        cur += ch;
      } else if (ch === '[' || ch === '(') {
        depth++;
        cur += ch;
      } else if (ch === ']' || ch === ')') {
        depth--;
        cur += ch;
      } else if (/\s/.test(ch) && depth === 0) {
        if (cur) tokens.push(cur);
        cur = '';
      } else cur += ch;
    }
    if (cur) tokens.push(cur);
    const parts = [];
    for (let i = 0; i < tokens.length; i++) {
      if (['>', '+', '~'].includes(tokens[i]) && parts.length) {
        parts[parts.length - 1] += ` ${tokens[i]} ${tokens[++i]}`;
      } else parts.push(tokens[i]);
    }
    return parts;
  };
  const queryCss = (scopes, css) => {
    let current = scopes;
    for (const part of splitCss(css)) {
      const next = new Set();
      for (const s of current) {
        for (const root of rootsBelow(s)) for (const e of root.querySelectorAll(part)) if (e !== s) next.add(e);
      }
      current = [...next];
    }
    return current;
  };

  const style = (e) => getComputedStyle(e);
  const isVisible = (e) => {
    if (e.checkVisibility && !e.checkVisibility()) return false;
    if (style(e).visibility !== 'visible') return false;
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const hiddenForAria = (e) => {
    for (let n = e; n; n = parentOf(n)) {
      if (n.getAttribute && n.getAttribute('aria-hidden') === 'true') return true;
    }
    if (e.checkVisibility && !e.checkVisibility()) return true;
    const v = style(e).visibility;
    return v === 'hidden' || v === 'collapse';
  };

  // Roles: the explicit one, else the implicit one of the elements a checkout page uses.
  const implicitRole = (e) => {
    const tag = e.localName;
    const type = (e.getAttribute('type') || '').toLowerCase();
    if (tag === 'button') return 'button';
    if (tag === 'input') {
      if (['button', 'submit', 'reset', 'image'].includes(type)) return 'button';
      if (type === 'radio') return 'radio';
      if (type === 'checkbox') return 'checkbox';
      if (type === 'range') return 'slider';
      if (type === 'number') return 'spinbutton';
      if (type === 'search') return 'searchbox';
      if (type === 'hidden') return null;
      return 'textbox';
    }
    if (tag === 'textarea') return 'textbox';
    if (tag === 'select') return 'combobox';
    if ((tag === 'a' || tag === 'area') && e.hasAttribute('href')) return 'link';
    if (/^h[1-6]$/.test(tag)) return 'heading';
    if (tag === 'dialog') return 'dialog';
    if (tag === 'img') return e.getAttribute('alt') === '' ? 'presentation' : 'img';
    if (tag === 'progress') return 'progressbar';
    if (tag === 'output') return 'status';
    if (tag === 'ul' || tag === 'ol') return 'list';
    if (tag === 'li') return 'listitem';
    if (tag === 'table') return 'table';
    if (tag === 'tr') return 'row';
    if (tag === 'td') return 'cell';
    if (tag === 'th') return 'columnheader';
    if (tag === 'form') return 'form';
    if (tag === 'main') return 'main';
    if (tag === 'nav') return 'navigation';
    if (tag === 'fieldset') return 'group';
    if (tag === 'figure') return 'figure';
    if (tag === 'p') return 'paragraph';
    if (tag === 'code') return 'code';
    return null;
  };
  const roleOf = (e) => {
    const explicit = (e.getAttribute('role') || '').trim().split(/\s+/)[0];
    return explicit || implicitRole(e);
  };
  const NAME_FROM_CONTENT = new Set(['button', 'cell', 'checkbox', 'columnheader', 'gridcell', 'heading', 'link',
    'menuitem', 'option', 'radio', 'row', 'rowheader', 'switch', 'tab', 'tooltip', 'treeitem']);
  const byId = (e, id) => {
    const root = e.getRootNode();
    return root.getElementById ? root.getElementById(id) : document.getElementById(id);
  };
  // The text a subtree contributes to a name: hidden parts left out, aria-label and alt used, blocks spaced.
  const textOf = (node, visiting = new Set()) => {
    if (node.nodeType === 3) return node.data;
    if (node.nodeType !== 1 || visiting.has(node)) return '';
    if (node.getAttribute('aria-hidden') === 'true') return '';
    if (node.checkVisibility && !node.checkVisibility() && node.localName !== 'option') return '';
    if (['script', 'style', 'template', 'title'].includes(node.localName) && node.namespaceURI !== 'http://www.w3.org/2000/svg') return '';
    const label = node.getAttribute('aria-label');
    if (label && label.trim()) return ` ${label} `;
    if (node.localName === 'img') return ` ${node.getAttribute('alt') || ''} `;
    if (node.localName === 'input' && ['radio', 'checkbox'].includes(node.type)) return '';
    if (node.localName === 'input' || node.localName === 'textarea') return ` ${node.value} `;
    visiting.add(node);
    const children = node.shadowRoot ? [...node.shadowRoot.childNodes] : [...node.childNodes];
    const inner = children.map((c) => textOf(c, visiting)).join('');
    const display = style(node).display;
    return display.startsWith('inline') ? inner : ` ${inner} `;
  };
  const accName = (e, role) => {
    const ids = (e.getAttribute('aria-labelledby') || '').trim();
    if (ids) {
      const text = ids.split(/\s+/).map((id) => byId(e, id)).filter(Boolean).map((n) => textOf(n)).join(' ');
      if (norm(text)) return norm(text);
    }
    const label = e.getAttribute('aria-label');
    if (label && norm(label)) return norm(label);
    const tag = e.localName;
    if ((tag === 'input' && !['button', 'submit', 'reset', 'image'].includes(e.type)) || tag === 'textarea' || tag === 'select') {
      const fromLabels = [...(e.labels || [])].map((l) => textOf(l)).join(' ');
      if (norm(fromLabels)) return norm(fromLabels);
      return norm(e.getAttribute('title') || e.getAttribute('placeholder') || '');
    }
    if (tag === 'input') return norm(e.value || e.getAttribute('alt') || '');
    if (tag === 'img') return norm(e.getAttribute('alt') || e.getAttribute('title') || '');
    if (tag === 'svg') {
      const title = [...e.children].find((c) => c.localName === 'title');
      return norm(title ? title.textContent : '');
    }
    if (NAME_FROM_CONTENT.has(role)) {
      const text = norm([...(e.shadowRoot ? e.shadowRoot.childNodes : e.childNodes)].map((c) => textOf(c)).join(''));
      if (text) return text;
    }
    return norm(e.getAttribute('title') || '');
  };
  const headingLevel = (e) => {
    const level = Number(e.getAttribute('aria-level'));
    if (level) return level;
    const m = /^h([1-6])$/.exec(e.localName);
    return m ? Number(m[1]) : 0;
  };
  const labelTexts = (e) => {
    const out = [];
    const label = e.getAttribute('aria-label');
    if (label) out.push(label);
    const ids = (e.getAttribute('aria-labelledby') || '').trim();
    if (ids) out.push(ids.split(/\s+/).map((id) => byId(e, id)).filter(Boolean).map((n) => textOf(n)).join(' '));
    for (const l of e.labels || []) out.push(textOf(l));
    return out;
  };
  // Playwright's text engine: the elements whose text matches and none of whose child elements' does.
  const SKIP_TEXT = new Set(['head', 'script', 'style', 'noscript', 'template', 'title']);
  const fullText = (e) => (e.shadowRoot ? [...e.shadowRoot.childNodes] : [...e.childNodes])
    .map((c) => (c.nodeType === 3 ? c.data : c.nodeType === 1 && !SKIP_TEXT.has(c.localName) ? fullText(c) : '')).join('');
  const childElements = (e) => [...(e.shadowRoot ? e.shadowRoot.children : []), ...e.children];

  const resolve = (list, scopes) => {
    let current = scopes;
    for (const step of list) {
      const below = () => {
        const set = new Set();
        for (const s of current) for (const e of descendants(s)) set.add(e);
        return [...set];
      };
      let next;
      if (step.kind === 'css') next = queryCss(current, step.css);
      else if (step.kind === 'role') {
        next = below().filter((e) => roleOf(e) === step.role
          && (step.includeHidden || !hiddenForAria(e))
          && (step.level === undefined || headingLevel(e) === step.level)
          && (step.checked === undefined || Boolean(e.checked) === step.checked)
          && (step.name === undefined || matches(step.name, accName(e, step.role))));
      } else if (step.kind === 'label') {
        next = below().filter((e) => labelTexts(e).some((t) => matches(step.text, t)));
      } else if (step.kind === 'text') {
        // The scope itself counts, as in Playwright: dialog.locator('code').getByText('*182#') finds the <code>.
        const scoped = new Set([...current.filter((e) => e !== document), ...below()]);
        next = [...scoped].filter((e) => !SKIP_TEXT.has(e.localName) && matches(step.text, fullText(e))
          && !childElements(e).some((c) => !SKIP_TEXT.has(c.localName) && matches(step.text, fullText(c))));
      } else if (step.kind === 'filter') next = current;
      else if (step.kind === 'nth') {
        const i = step.index < 0 ? current.length + step.index : step.index;
        next = current[i] ? [current[i]] : [];
      } else if (step.kind === 'or') {
        const set = new Set(step.alternatives.flatMap((alt) => resolve(alt, [document])));
        next = descendants(document).filter((e) => set.has(e));
      } else throw new Error(`unknown step ${step.kind}`);
      if (step.hasText) next = next.filter((e) => matches(step.hasText, fullText(e)));
      if (step.has) next = next.filter((e) => resolve(step.has, [document]).some((h) => h !== e && contains(e, h)));
      current = next;
    }
    return current;
  };

  const found = resolve(steps, [document]);
  const describe = (e) => `<${e.localName}${e.id ? `#${e.id}` : ''}${e.className && typeof e.className === 'string' ? `.${e.className.split(' ').join('.')}` : ''}> "${norm(e.textContent).slice(0, 40)}"`;
  const result = { count: found.length, found: found.slice(0, 5).map(describe) };
  if (op === 'element') return found[0];
  if (op === 'count') return result;
  if (op === 'allText') return { ...result, texts: found.map((e) => e.textContent) };
  if (found.length !== 1) return result;
  const e = found[0];
  switch (op) {
    case 'state':
      return { ...result, visible: isVisible(e) };
    case 'text':
      return { ...result, text: e.textContent };
    case 'attribute':
      return { ...result, value: e.getAttribute(arg) };
    case 'checked':
      return { ...result, checked: Boolean(e.checked) || e.getAttribute('aria-checked') === 'true' };
    case 'value':
      return { ...result, value: e.value };
    case 'focus':
      e.focus();
      return result;
    case 'box': {
      if (!e.getClientRects().length) return { ...result, box: null };
      const r = e.getBoundingClientRect();
      return { ...result, box: { x: r.x, y: r.y, width: r.width, height: r.height } };
    }
    case 'editable':
      return { ...result, ready: isVisible(e) && !e.matches(':disabled') && !e.readOnly };
    case 'point': {
      if (!isVisible(e)) return { ...result, ready: false, why: 'not visible' };
      if (arg.enabled && e.matches(':disabled')) return { ...result, ready: false, why: 'disabled' };
      const box = e.getBoundingClientRect();
      if (arg.attempt > 0) {
        const block = ['end', 'center', 'start', 'nearest'][(arg.attempt - 1) % 4];
        e.scrollIntoView({ block, inline: block, behavior: 'instant' });
      } else if (box.top < 0 || box.left < 0 || box.bottom > innerHeight || box.right > innerWidth) {
        e.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });  // only when needed
      }
      const frame = () => new Promise((res) => requestAnimationFrame(() => res()));
      const before = e.getBoundingClientRect();
      await frame();
      await frame();
      const now = e.getBoundingClientRect();
      if (now.x !== before.x || now.y !== before.y || now.width !== before.width || now.height !== before.height) {
        return { ...result, ready: false, why: 'not stable' };
      }
      // The centre of the first box with an area, as Playwright does: a link wrapped over two lines is
      // clicked on its first line, not between them.
      const r = [...e.getClientRects()].find((q) => q.width * q.height > 0.99) || now;
      const x = r.x + r.width / 2;
      const y = r.y + r.height / 2;
      let hit = document.elementFromPoint(x, y);
      while (hit && hit.shadowRoot) {
        const inner = hit.shadowRoot.elementFromPoint(x, y);
        if (!inner || inner === hit) break;
        hit = inner;
      }
      // The element, something inside it, or (for a form control) its own label.
      const ok = hit && (contains(e, hit) || [...(e.labels || [])].some((l) => contains(l, hit)));
      if (!ok) return { ...result, ready: false, why: `${hit ? describe(hit) : 'nothing'} intercepts pointer events` };
      return { ...result, ready: true, x, y };
    }
    default:
      throw new Error(`unknown op ${op}`);
  }
}

// A context with one page: { context, page, errors (the page's), problems (the context's) }.
async function openPage(engine, options) {
  const context = await engine.newContext(options);
  const page = await context.newPage();
  return { context, page, errors: page.errors, problems: context.problems };
}

module.exports = { ENGINES, openEngine, openPage, screenshotPath, SHOTS };
