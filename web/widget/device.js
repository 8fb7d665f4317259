// What the widget needs to know about the customer's device, read from the page's window: a touch screen
// (coarse pointer: a phone or tablet), iOS (which dials no USSD code from a link), and whether the browser
// says it is offline. Pure functions of the window passed in; nothing is stored.

// A phone or tablet: the primary pointer is a finger.
export function isTouchDevice(win) {
  return Boolean(win && typeof win.matchMedia === 'function' && win.matchMedia('(pointer: coarse)').matches);
}

// iPhone, iPad, iPod. iPadOS presents itself as a Mac, with touch.
export function isIos(win) {
  const nav = win && win.navigator;
  if (!nav) return false;
  const ua = String(nav.userAgent || '');
  if (/\b(iPhone|iPad|iPod)\b/.test(ua)) return true;
  return /\bMacintosh\b/.test(ua) && Number(nav.maxTouchPoints) > 1;
}

// The browser knows it has no network (navigator.onLine false). True online is never certain: a request that
// fails says the rest.
export function isOffline(win) {
  return Boolean(win && win.navigator && win.navigator.onLine === false);
}
