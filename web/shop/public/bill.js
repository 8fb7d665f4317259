// The bill page: tells the customer what happened once the checkout ends. The widget's events bubble out
// of its shadow root (composed), so the document hears them. Text goes in by textContent only.
'use strict';

(function () {
  var result = document.getElementById('pay-result');
  if (!result) return;

  function show(text, kind) {
    result.textContent = '';
    result.className = 'pay-result ' + kind;
    result.appendChild(document.createTextNode(text + ' '));
    var link = document.createElement('a');
    link.href = '/orders';
    link.textContent = 'See your orders';
    result.appendChild(link);
  }

  document.addEventListener('ltgs:success', function (event) {
    var ref = event.detail && (event.detail.paymentRefId || (event.detail.outcome && event.detail.outcome.paymentRefId));
    show('Thank you: your bill is paid' + (ref ? ' (payment reference ' + ref + ').' : '.'), 'ok');
  });
  document.addEventListener('ltgs:failure', function () {
    show('The payment did not go through. Reload the page to try again with a new order.', 'failed');
  });
})();
