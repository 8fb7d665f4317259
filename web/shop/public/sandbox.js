// The simulated-scan page reloads itself when the sandbox's payments change (a new QR / USSD payment to
// approve, a status, a callback delivered), but never while the user is on a button or a link (a click must
// not be lost to a reload) or while the tab is hidden.
'use strict';

(function () {
  var PERIOD_MS = 2000;
  var section = document.getElementById('waiting');
  if (!section) return;
  var shown = section.getAttribute('data-state');

  function busy() {
    var active = document.activeElement;
    return Boolean(active && (active.tagName === 'BUTTON' || active.tagName === 'A'));
  }

  function check() {
    if (document.visibilityState !== 'visible') return;
    fetch('/sandbox/state', { cache: 'no-store', headers: { Accept: 'application/json' } })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (body) {
        // Drop the one-time notice (?done=…) from the address on reload.
        if (body && body.state !== null && body.state !== shown && !busy()) window.location.replace('/sandbox');
      })
      .catch(function () { /* the server is restarting: try again next time */ });
  }

  setInterval(check, PERIOD_MS);
})();
