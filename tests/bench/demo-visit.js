// A customer's first visit to `npm start`'s bill page over slow 3G (400 ms, 50,000 B/s each way), through the
// demo server itself as a developer would copy it: the page, then the widget compressed under its build-named
// URL. Measured from the navigation's start: the pay button shown and enabled, and a usable form (the button
// pressed as soon as it shows; the dialog's form with its Pay button rendered by the loaded core). Median of
// a few cold visits, each in a new browser context (empty cache).
'use strict';

const { launch } = require('../browser/harness');
const { start } = require('../../web/shop/server.js');
const { SLOW_3G, median } = require('./browser.js');

const TARGETS = { buttonMs: 1500, formMs: 3500 };

// In the page: resolves { button, form } in ms since the navigation started (performance.now()).
const MEASURE = () => new Promise((resolve) => {
  const out = {};
  const find = (selector) => {
    const host = document.querySelector('ltgs-checkout');
    return host && host.shadowRoot ? host.shadowRoot.querySelector(selector) : null;
  };
  const tick = () => {
    if (out.button === undefined) {
      const b = find('button.pay');
      if (b && !b.disabled && b.isConnected) {
        out.button = performance.now();
        b.click();
      }
    } else if (out.form === undefined) {
      const submit = find('dialog form button[type="submit"]');
      if (submit && submit.getClientRects().length > 0) out.form = performance.now();
    }
    if (out.form !== undefined) resolve(out);
    else requestAnimationFrame(tick);
  };
  tick();
});

async function runDemoVisit({ reps = 3 } = {}) {
  const app = await start({ port: 0, sandboxPort: 0 });
  const browser = await launch();
  const runs = [];
  try {
    for (let i = 0; i < reps; i += 1) {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
      try {
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
        await page.goto(`${app.url}?account=9000000${String(i).padStart(2, '0')}`, { waitUntil: 'commit' });
        const r = await page.evaluate(MEASURE);
        const transfer = await page.evaluate(() => performance.getEntriesByType('resource')
          .concat(performance.getEntriesByType('navigation')).reduce((n, e) => n + (e.transferSize || 0), 0));
        runs.push({ ...r, transfer });
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await app.close();
  }
  const button = median(runs.map((r) => r.button));
  const form = median(runs.map((r) => r.form));
  return { network: SLOW_3G, reps, button, form, transferBytes: median(runs.map((r) => r.transfer)), samples: runs,
    targets: TARGETS, buttonOk: button <= TARGETS.buttonMs, formOk: form <= TARGETS.formMs };
}

function describeVisit(v) {
  const ms = (x) => `${Math.round(x).toLocaleString('en-US')} ms`;
  return [
    `  ${v.buttonOk ? 'PASS' : 'MISS'}  pay button through the demo server, slow 3G first visit: ${ms(v.button)} (target ≤ ${ms(v.targets.buttonMs)})`,
    `  ${v.formOk ? 'PASS' : 'MISS'}  usable form through the demo server, slow 3G first visit: ${ms(v.form)} (target ≤ ${ms(v.targets.formMs)})`,
    `        median of ${v.reps} cold visits, ${v.transferBytes.toLocaleString('en-US')} bytes transferred`,
  ].join('\n');
}

module.exports = { runDemoVisit, describeVisit };

if (require.main === module) {
  runDemoVisit().then((v) => console.log(describeVisit(v)), (err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
