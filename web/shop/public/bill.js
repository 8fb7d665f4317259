// The bill page: tells the customer what happened once the checkout ends. The widget's events bubble out
// of its shadow root (composed), so the document hears them. Text goes in by textContent only.
'use strict';

(function () {
  var result = document.getElementById('pay-result');
  if (!result) return;

  function show(text, kind, withLink) {
    result.textContent = '';
    result.className = 'pay-result ' + kind;
    result.appendChild(document.createTextNode(text + ' '));
    if (!withLink) return;
    var link = document.createElement('a');
    link.href = '/orders';
    link.textContent = 'See your orders';
    result.appendChild(link);
  }

  document.addEventListener('ltgs:success', function (event) {
    var ref = event.detail && (event.detail.paymentRefId || (event.detail.outcome && event.detail.outcome.paymentRefId));
    show('Thank you: your bill is paid' + (ref ? ' (payment reference ' + ref + ').' : '.'), 'ok', true);
  });
  document.addEventListener('ltgs:status', function (event) {
    // The customer stopped waiting: LTGS may still complete the payment, so nothing is said to be unpaid.
    if (event.detail && event.detail.stoppedWaiting) {
      show('You stopped waiting. If you approve the request after all, your bill is paid and this page will say so.', 'pending', false);
    }
  });
  document.addEventListener('ltgs:failure', function (event) {
    var error = event.detail && event.detail.error;
    var code = error && error.code;
    if (code === 'order.paid') {
      show('This bill is already paid.', 'ok', true);
      return;
    }
    if (code === 'order.attempt_open') {
      show('An earlier payment request for this bill is still open: approve it on your phone, or wait until it ends.', 'pending', true);
      return;
    }
    if (error && error.httpStatus) {  // our backend would not start it: nothing was paid by this request
      show('The payment could not be started. Your bill is not paid yet.', 'failed', true);
      return;
    }
    show('The payment did not go through. Your bill is not paid yet: you can pay again from this page.', 'failed', true);
  });
})();
