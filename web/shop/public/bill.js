// The bill page: tells the customer what happened once the checkout ends, in the page's language (its
// <html lang>, the widget's too). The widget's events bubble out of its shadow root (composed), so the
// document hears them. Text goes in by textContent only.
'use strict';

(function () {
  var result = document.getElementById('pay-result');
  if (!result) return;

  var NBSP = '\u00a0';
  var WORDS = {
    en: {
      paid: 'Thank you: your bill is paid',
      paidRef: function (ref) { return ' (payment reference ' + ref + ').'; },
      orders: 'See your orders',
      stopped: 'You stopped waiting. If you approve the request after all, your bill is paid and this page will say so.',
      alreadyPaid: 'This bill is already paid.',
      open: 'An earlier payment request for this bill is still open: approve it on your phone, or wait until it ends.',
      notStarted: 'The payment could not be started. Your bill is not paid yet.',
      failed: 'The payment did not go through. Your bill is not paid yet: you can pay again from this page.',
      unconfirmed: 'We could not confirm the payment yet. If you approved it, it may still go through: check again in a moment.',
    },
    rw: {
      paid: 'Murakoze: fagitire yawe yishyuwe',
      paidRef: function (ref) { return ' (nomero y’ubwishyu ' + ref + ').'; },
      orders: 'Reba amafagitire yawe',
      stopped: 'Wahagaritse gutegereza. Nuramuka wemeje icyifuzo, fagitire yawe izaba yishyuwe kandi iyi paji izabikubwira.',
      alreadyPaid: 'Iyi fagitire yamaze kwishyurwa.',
      open: 'Hari icyifuzo cyo kwishyura iyi fagitire cyoherejwe mbere kitararangira: cyemeze, cyangwa utegereze kirangire.',
      notStarted: 'Kwishyura ntibyashoboye gutangira. Fagitire yawe ntirarishyurwa.',
      failed: 'Kwishyura ntibyakunze. Fagitire yawe ntirarishyurwa: ushobora kongera kwishyura kuri iyi paji.',
      unconfirmed: 'Ntitwashoboye kwemeza ko wishyuye. Niba warabyemeje, bishobora kuba bikiri gukorwa: ongera urebe mu kanya.',
    },
    fr: {
      paid: 'Merci' + NBSP + ': votre facture est payée',
      paidRef: function (ref) { return ' (référence de paiement ' + ref + ').'; },
      orders: 'Voir vos commandes',
      stopped: 'Vous avez cessé d’attendre. Si vous approuvez quand même la demande, votre facture est payée et cette page l’indiquera.',
      alreadyPaid: 'Cette facture est déjà payée.',
      open: 'Une demande de paiement précédente pour cette facture est encore ouverte' + NBSP +
        ': approuvez-la, ou attendez qu’elle se termine.',
      notStarted: 'Le paiement n’a pas pu être lancé. Votre facture n’est pas encore payée.',
      failed: 'Le paiement n’a pas abouti. Votre facture n’est pas encore payée' + NBSP +
        ': vous pouvez payer à nouveau depuis cette page.',
      unconfirmed: 'Nous n’avons pas encore pu confirmer le paiement. Si vous l’avez approuvé, il peut encore aboutir' + NBSP +
        ': vérifiez à nouveau dans un instant.',
    },
  };
  var lang = (document.documentElement.getAttribute('lang') || 'en').toLowerCase();
  var w = Object.prototype.hasOwnProperty.call(WORDS, lang) ? WORDS[lang] : WORDS.en;

  function show(text, kind, withLink) {
    result.textContent = '';
    result.className = 'pay-result ' + kind;
    result.appendChild(document.createTextNode(text + ' '));
    if (!withLink) return;
    var link = document.createElement('a');
    link.href = '/orders';
    link.textContent = w.orders;
    result.appendChild(link);
  }

  document.addEventListener('ltgs:success', function (event) {
    var ref = event.detail && (event.detail.paymentRefId || (event.detail.outcome && event.detail.outcome.paymentRefId));
    show(w.paid + (ref ? w.paidRef(ref) : '.'), 'ok', true);
  });
  document.addEventListener('ltgs:status', function (event) {
    // The customer stopped waiting: LTGS may still complete the payment, so nothing is said to be unpaid.
    if (event.detail && event.detail.stoppedWaiting) show(w.stopped, 'pending', false);
  });
  document.addEventListener('ltgs:failure', function (event) {
    var error = event.detail && event.detail.error;
    var code = error && error.code;
    if (code === 'order.paid') {
      show(w.alreadyPaid, 'ok', true);
      return;
    }
    if (code === 'order.attempt_open') {
      show(w.open, 'pending', true);
      return;
    }
    if (event.detail.status === 'PENDING') {  // the status could not be read: the payment may still complete
      show(w.unconfirmed, 'pending', true);
      return;
    }
    if (error && error.httpStatus) {  // our backend would not start it: nothing was paid by this request
      show(w.notStarted, 'failed', true);
      return;
    }
    show(w.failed, 'failed', true);
  });
})();
