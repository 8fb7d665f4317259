// The widget's words in English, Kinyarwanda and French, side by side: the interface's and those of the core's
// codes, and the units of a wait. Pure data: every string is meant for textContent, and parameters are inserted as
// plain text. i18n.js has the functions that use them, over the languages a build carries: the full builds take
// all three (i18n-all.js), the script tag's ltgs-checkout.app.js English only (i18n-en.js), and
// ltgs-checkout.rw.js and .fr.js one language each (i18n-rw.js, i18n-fr.js): scripts/build-web.mjs writes those
// bundles' language as data, so that no other language comes with it.
//
// Kinyarwanda follows the vocabulary of IremboGov help pages and other public sources (docs/domain.md#kinyarwanda-and-french-wording:
// Ishyura, nomero ya telefone, Amafaranga, Komeza, Subira inyuma, Ongera ugerageze, Murakoze, PIN, Kanda);
// the rest is a careful translation that still needs review by a native speaker. French uses "vous".

import { PAY_BUTTON, COULD_NOT_LOAD } from './locale.js';

const NBSP = '\u00a0';  // French puts a no-break space before ? ! : ;

// ---------------------------------------------------------------------------------------------------------
// Interface text. Placeholders: {amount} (formatAmount), {phone}, {ref}, {service}, {time} (formatDuration for
// a countdown, formatTime for a clock time).
const UI = {
  'dialog.title': { en: 'Checkout', rw: 'Kwishyura', fr: 'Paiement' },
  'pay.button': PAY_BUTTON,
  'header.amount': { en: 'Amount', rw: 'Amafaranga', fr: 'Montant' },
  'header.reference': { en: 'Reference {ref}', rw: 'Nomero ya fagitire {ref}', fr: 'Référence {ref}' },

  'field.phone.label': { en: 'Mobile money number', rw: 'Nomero ya telefone ya Mobile Money', fr: 'Numéro Mobile Money' },
  'field.phone.hint': { en: 'For example 0788 123 456', rw: 'Urugero: 0788 123 456', fr: 'Par exemple 0788 123 456' },
  'field.kyc.label': { en: 'National ID number', rw: "Nomero y'indangamuntu", fr: "Numéro d'identité nationale" },
  'field.kyc.hint': {
    en: '16 digits, as on your ID card',
    rw: "Imibare 16, nk'uko iri ku ndangamuntu yawe",
    fr: "16 chiffres, comme sur votre carte d'identité",
  },
  'field.email.label': { en: 'Email', rw: 'Imeyili', fr: 'E-mail' },
  'field.email.optional': { en: 'Email (optional)', rw: 'Imeyili (si ngombwa)', fr: 'E-mail (facultatif)' },
  'field.email.hint': { en: 'For your receipt', rw: 'Kugira ngo wakire inyemezabwishyu', fr: 'Pour recevoir votre reçu' },

  'method.legend': { en: 'How do you want to pay?', rw: 'Urashaka kwishyura ute?', fr: `Comment souhaitez-vous payer${NBSP}?` },
  'method.recommended': { en: 'Recommended', rw: 'Icyo tugusaba', fr: 'Recommandé' },
  'method.MTN_MOMO': { en: 'MTN MoMo', rw: 'MTN MoMo', fr: 'MTN MoMo' },
  'method.MTN_MOMO.hint': {
    en: 'A payment prompt is sent to {phone}',
    rw: 'Ubutumwa bwo kwemeza kwishyura bwoherezwa kuri {phone}',
    fr: 'Une demande de paiement est envoyée au {phone}',
  },
  'method.AIRTEL_MONEY': { en: 'Airtel Money', rw: 'Airtel Money', fr: 'Airtel Money' },
  'method.AIRTEL_MONEY.hint': {
    en: 'A payment prompt is sent to {phone}',
    rw: 'Ubutumwa bwo kwemeza kwishyura bwoherezwa kuri {phone}',
    fr: 'Une demande de paiement est envoyée au {phone}',
  },
  'method.QR': { en: 'Scan a QR code', rw: 'Sikana kode ya QR', fr: 'Scanner un code QR' },
  'method.QR.hint': {
    en: 'With any mobile-money or banking app',
    rw: 'Ukoresheje porogaramu iyo ari yo yose ya Mobile Money cyangwa ya banki',
    fr: 'Avec toute application Mobile Money ou bancaire',
  },
  // On a phone (touch screen): the code appears on this very screen, which its own camera cannot scan.
  'method.QR.hintPhone': {
    en: 'The code shows on this screen: scan it with another phone',
    rw: 'Kode igaragara kuri iyi ecran: uyisikane ukoresheje indi telefone',
    fr: `Le code s'affiche sur cet écran${NBSP}: scannez-le avec un autre téléphone`,
  },
  'method.USSD': { en: 'Dial a USSD code', rw: 'Kanda kode ya USSD', fr: 'Composer un code USSD' },
  'method.USSD.hint': {
    en: 'Dial a short code from the phone that pays',
    rw: 'Kanda kode ngufi kuri telefone yishyura',
    fr: 'Composez un code court depuis le téléphone qui paie',
  },

  'action.pay': { en: 'Pay {amount}', rw: 'Ishyura {amount}', fr: 'Payer {amount}' },
  'action.cancel': { en: 'Cancel payment', rw: 'Hagarika kwishyura', fr: 'Annuler le paiement' },
  'action.close': { en: 'Close', rw: 'Funga', fr: 'Fermer' },
  'action.retry': { en: 'Try again', rw: 'Ongera ugerageze', fr: 'Réessayer' },
  'action.checkAgain': { en: 'Check again', rw: 'Ongera urebe', fr: 'Vérifier à nouveau' },
  'action.copy': { en: 'Copy code', rw: 'Koporora kode', fr: 'Copier le code' },
  'action.copied': { en: 'Copied', rw: 'Byakoporowe', fr: 'Copié' },
  'action.dial': { en: 'Dial now', rw: 'Kanda nonaha', fr: 'Composer maintenant' },
  'action.done': { en: 'Done', rw: 'Byarangiye', fr: 'Terminé' },
  'action.back': { en: 'Back', rw: 'Subira inyuma', fr: 'Retour' },
  'action.keepWaiting': { en: 'Keep waiting', rw: 'Komeza utegereze', fr: "Continuer d'attendre" },
  'action.payAnotherWay': { en: 'Pay another way', rw: 'Ishyura mu bundi buryo', fr: 'Payer autrement' },
  'action.waitEarlier': {
    en: 'Keep waiting for the earlier request',
    rw: 'Komeza utegereze icyifuzo cya mbere',
    fr: "Continuer d'attendre la demande précédente",
  },

  'form.fixErrors': {
    en: 'Please correct the highlighted fields.',
    rw: 'Nyamuneka kosora ibyagaragajwe.',
    fr: 'Veuillez corriger les champs signalés.',
  },
  'form.loading': { en: 'Loading…', rw: 'Birakinjira…', fr: 'Chargement…' },

  'waiting.starting': { en: 'Starting the payment…', rw: 'Turatangiza kwishyura…', fr: 'Lancement du paiement…' },
  'waiting.push.title': {
    en: 'Approve the payment on your phone',
    rw: 'Emeza kwishyura kuri telefone yawe',
    fr: 'Approuvez le paiement sur votre téléphone',
  },
  'waiting.push.body': {
    en: 'We sent a prompt to {phone}. Enter your PIN to approve {amount}.',
    rw: 'Twohereje ubutumwa kuri {phone}. Shyiramo PIN yawe kugira ngo wemeze kwishyura {amount}.',
    fr: 'Nous avons envoyé une demande au {phone}. Saisissez votre code PIN pour approuver le paiement de {amount}.',
  },
  'waiting.push.bodyNoPhone': {
    en: 'Check your phone and enter your PIN to approve {amount}.',
    rw: 'Reba kuri telefone yawe maze ushyiremo PIN yawe kugira ngo wemeze kwishyura {amount}.',
    fr: 'Consultez votre téléphone et saisissez votre code PIN pour approuver le paiement de {amount}.',
  },
  'waiting.qr.title': { en: 'Scan to pay {amount}', rw: 'Sikana kugira ngo wishyure {amount}', fr: 'Scannez pour payer {amount}' },
  'waiting.qr.body': {
    en: 'Open your mobile-money or banking app and scan this code.',
    rw: 'Fungura porogaramu yawe ya Mobile Money cyangwa ya banki maze usikane iyi kode.',
    fr: 'Ouvrez votre application Mobile Money ou bancaire et scannez ce code.',
  },
  'waiting.qr.bodyPhone': {
    en: 'Scan this code with the mobile-money or banking app of another phone: a phone cannot scan its own screen.',
    rw: "Sikana iyi kode ukoresheje porogaramu ya Mobile Money cyangwa ya banki iri ku yindi telefone: telefone ntishobora gusikana ibiri kuri ecran yayo.",
    fr: `Scannez ce code avec l'application Mobile Money ou bancaire d'un autre téléphone${NBSP}: un téléphone ne peut pas scanner son propre écran.`,
  },
  'waiting.qr.alt': { en: 'QR code to pay {amount}', rw: 'Kode ya QR yo kwishyura {amount}', fr: 'Code QR pour payer {amount}' },
  // A static QR code (no amount in it): the payer's app asks for the amount.
  'waiting.qr.enterAmount': {
    en: 'This code does not carry the amount: enter {amount} in your app when it asks.',
    rw: 'Iyi kode ntigaragaza amafaranga: shyiramo {amount} muri porogaramu yawe nibigusaba.',
    fr: `Ce code ne contient pas le montant${NBSP}: saisissez {amount} dans votre application lorsqu'elle vous le demande.`,
  },
  'waiting.ussd.title': {
    en: 'Dial to pay {amount}',
    rw: 'Kanda kode kugira ngo wishyure {amount}',
    fr: 'Composez le code pour payer {amount}',
  },
  'waiting.ussd.body': {
    en: 'Dial this code on the phone that pays and follow the menu.',
    rw: 'Kanda iyi kode kuri telefone yishyura maze ukurikize amabwiriza.',
    fr: 'Composez ce code sur le téléphone qui paie et suivez le menu.',
  },
  'waiting.ussd.iosNote': {
    en: 'On an iPhone, copy the code and dial it yourself.',
    rw: 'Kuri iPhone, koporora kode maze uyikande ubwawe.',
    fr: 'Sur un iPhone, copiez le code et composez-le vous-même.',
  },
  // LTGS's QR code or USSD code that the core will not show for this payment (the body is the code's message).
  'display.qr.title': {
    en: 'This QR code cannot be used',
    rw: 'Iyi kode ya QR ntishobora gukoreshwa',
    fr: 'Ce code QR ne peut pas être utilisé',
  },
  'display.ussd.title': {
    en: 'This USSD code cannot be used',
    rw: 'Iyi kode ya USSD ntishobora gukoreshwa',
    fr: 'Ce code USSD ne peut pas être utilisé',
  },
  'display.code': { en: 'Error code: {code}', rw: "Kode y'ikosa: {code}", fr: `Code d'erreur${NBSP}: {code}` },
  'waiting.checking': { en: 'Waiting for confirmation…', rw: 'Dutegereje ko byemezwa…', fr: 'En attente de confirmation…' },
  'waiting.countdown': { en: 'Time left: {time}', rw: 'Igihe gisigaye: {time}', fr: `Temps restant${NBSP}: {time}` },
  // LTGS's own deadline ({time} m:ss, {clock} the time of day it ends).
  'waiting.countdownUntil': {
    en: 'Time left: {time} (until {clock})',
    rw: 'Igihe gisigaye: {time} (kugeza saa {clock})',
    fr: `Temps restant${NBSP}: {time} (jusqu'à {clock})`,
  },
  // No deadline from LTGS: the widget's own lifetime, said as roughly as it is known ({wait}: formatWait).
  'waiting.about': {
    en: 'About {wait} left to approve.',
    rw: "Hasigaye nk'{wait} ngo wemeze.",
    fr: 'Il reste environ {wait} pour approuver.',
  },
  'waiting.lastCheck': {
    en: 'Time is up: checking one last time…',
    rw: 'Igihe kirarangiye: turareba bwa nyuma…',
    fr: `Le délai est écoulé${NBSP}: dernière vérification…`,
  },

  // The connection: lost while waiting (offline, or requests failing), slow (requests timing out), or lost when
  // the customer pressed Pay (nothing is sent until it is back).
  'connection.offline': {
    en: 'No connection. We check again as soon as you are back online; if you approve the payment meanwhile, it still goes through.',
    rw: 'Nta murandasi. Turongera kureba umaze kubona murandasi; niwemeza kwishyura muri icyo gihe, bizakunda.',
    fr: `Pas de connexion. Nous vérifions à nouveau dès votre retour en ligne${NBSP}; si vous approuvez le paiement entre-temps, il aboutira.`,
  },
  'connection.slow': {
    en: 'The connection is slow. We keep checking…',
    rw: 'Murandasi iragenda buhoro. Turakomeza kureba…',
    fr: 'La connexion est lente. Nous continuons de vérifier…',
  },
  'connection.queued': {
    en: 'No connection: nothing has been sent. Your payment is sent as soon as you are back online.',
    rw: 'Nta murandasi: nta kintu cyoherejwe. Ubwishyu bwawe buzoherezwa umaze kongera kubona murandasi.',
    fr: `Pas de connexion${NBSP}: rien n'a été envoyé. Votre paiement sera envoyé dès votre retour en ligne.`,
  },

  // "Didn't get the prompt?" while a push payment waits. LTGS treats a second request with the same reference as
  // the same payment, and the partner's backend refuses a new one while this one is open: no "resend" here,
  // only a check of the status, and another way to pay once the request has ended.
  'prompt.toggle': {
    en: "Didn't get the prompt?",
    rw: 'Ntiwabonye ubutumwa bwo kwemeza?',
    fr: `Vous n'avez pas reçu la demande${NBSP}?`,
  },
  'prompt.sentTo': {
    en: 'We sent it to {phone}. Check that this is the phone you have with you.',
    rw: 'Twabwohereje kuri {phone}. Reba niba ari yo telefone ufite.',
    fr: "Nous l'avons envoyée au {phone}. Vérifiez que c'est bien le téléphone que vous avez avec vous.",
  },
  'prompt.tips': {
    en: 'The phone must be on and have signal, and the prompt can take a minute to arrive. Close any other menu open on its screen.',
    rw: 'Telefone igomba kuba ifunguye kandi ifite rezo, kandi ubutumwa bushobora gutinda nk’umunota. Funga andi mahitamo afunguye kuri ecran yayo.',
    fr: 'Le téléphone doit être allumé et capter le réseau, et la demande peut mettre une minute à arriver. Fermez tout autre menu ouvert sur son écran.',
  },
  'prompt.sameRequest': {
    en: 'A new prompt cannot be sent while this request is open (until {time}): it would be the same payment request. You can check whether it was approved.',
    rw: 'Ubundi butumwa ntibushobora koherezwa iki cyifuzo kitararangira (kugeza saa {time}): cyaba ari icyifuzo kimwe. Ushobora kureba niba cyemejwe.',
    fr: `Une nouvelle demande ne peut pas être envoyée tant que celle-ci est ouverte (jusqu'à {time})${NBSP}: ce serait la même demande de paiement. Vous pouvez vérifier si elle a été approuvée.`,
  },
  'prompt.sameRequestNoTime': {
    en: 'A new prompt cannot be sent while this request is open: it would be the same payment request. You can check whether it was approved.',
    rw: 'Ubundi butumwa ntibushobora koherezwa iki cyifuzo kitararangira: cyaba ari icyifuzo kimwe. Ushobora kureba niba cyemejwe.',
    fr: `Une nouvelle demande ne peut pas être envoyée tant que celle-ci est ouverte${NBSP}: ce serait la même demande de paiement. Vous pouvez vérifier si elle a été approuvée.`,
  },
  'prompt.otherWay': {
    en: 'You can pay another way (with a QR code or a USSD code) once this request has ended, after {time}.',
    rw: 'Ushobora kwishyura mu bundi buryo (ukoresheje kode ya QR cyangwa kode ya USSD) iki cyifuzo kimaze kurangira, nyuma ya saa {time}.',
    fr: 'Vous pourrez payer autrement (avec un code QR ou un code USSD) une fois cette demande terminée, après {time}.',
  },
  'prompt.otherWayNoTime': {
    en: 'You can pay another way (with a QR code or a USSD code) once this request has ended.',
    rw: 'Ushobora kwishyura mu bundi buryo (ukoresheje kode ya QR cyangwa kode ya USSD) iki cyifuzo kimaze kurangira.',
    fr: 'Vous pourrez payer autrement (avec un code QR ou un code USSD) une fois cette demande terminée.',
  },
  'prompt.checking': { en: 'Checking…', rw: 'Turareba…', fr: 'Vérification…' },
  'prompt.notYet': {
    en: 'Not approved yet (checked at {time}).',
    rw: 'Ntibiremezwa (twarebye saa {time}).',
    fr: 'Pas encore approuvée (vérifié à {time}).',
  },
  'waiting.progress': { en: 'Payment progress', rw: 'Aho kwishyura bigeze', fr: 'Progression du paiement' },

  // The customer stopped waiting: LTGS has no cancel request, so the request stays open and may still be
  // approved. Nothing here may say that the bill is not paid: only LTGS's final answer can.
  'stopped.title': { en: 'You stopped waiting', rw: 'Wahagaritse gutegereza', fr: "Vous avez cessé d'attendre" },
  'stopped.body': {
    en: 'The payment request may still be approved until {time}.',
    rw: 'Icyifuzo cyo kwishyura gishobora kwemezwa kugeza {time}.',
    fr: "La demande de paiement peut encore être approuvée jusqu'à {time}.",
  },
  'stopped.bodyNoTime': {
    en: 'The payment request may still be approved for a while.',
    rw: 'Icyifuzo cyo kwishyura gishobora kwemezwa mu gihe runaka.',
    fr: 'La demande de paiement peut encore être approuvée pendant un moment.',
  },
  'stopped.note': {
    en: 'If it is approved, your bill is paid and we will tell you here.',
    rw: 'Nikiramuka cyemejwe, fagitire yawe izaba yishyuwe kandi tuzabikumenyesha hano.',
    fr: 'Si elle est approuvée, votre facture est payée et nous vous le dirons ici.',
  },
  // QR and USSD payments: no prompt was sent to a phone; the payer scans or dials.
  'stopped.noteQr': {
    en: 'If the QR code is scanned and the payment approved, your bill is paid and we will tell you here.',
    rw: 'Kode ya QR niramuka isikanywe kandi kwishyura kukemezwa, fagitire yawe izaba yishyuwe kandi tuzabikumenyesha hano.',
    fr: 'Si le code QR est scanné et le paiement approuvé, votre facture est payée et nous vous le dirons ici.',
  },
  'stopped.noteUssd': {
    en: 'If the USSD code is dialled and the payment approved, your bill is paid and we will tell you here.',
    rw: 'Kode ya USSD niramuka ikanzwe kandi kwishyura kukemezwa, fagitire yawe izaba yishyuwe kandi tuzabikumenyesha hano.',
    fr: 'Si le code USSD est composé et le paiement approuvé, votre facture est payée et nous vous le dirons ici.',
  },

  // The partner's backend would not start the payment (its refusal codes, order.*): the title here, the
  // body from the code's message below. order.attempt_open names the time from which another way is possible.
  'refused.paid.title': { en: 'Already paid', rw: 'Byamaze kwishyurwa', fr: 'Déjà payée' },
  'refused.review.title': {
    en: 'Payment needs checking',
    rw: 'Kwishyura bikeneye kugenzurwa',
    fr: 'Paiement à vérifier',
  },
  'refused.open.title': {
    en: 'A payment request is still open',
    rw: 'Hari icyifuzo cyo kwishyura kitararangira',
    fr: 'Une demande de paiement est encore ouverte',
  },
  'refused.open.body': {
    en: 'An earlier payment request for this bill is still open. Approve it on your phone, or try another way after {time}.',
    rw: 'Hari icyifuzo cyo kwishyura iyi fagitire cyoherejwe mbere kitararangira. Cyemeze kuri telefone yawe, cyangwa ugerageze ubundi buryo nyuma ya {time}.',
    fr: 'Une demande de paiement précédente pour cette facture est encore ouverte. Approuvez-la sur votre téléphone, ou essayez un autre moyen après {time}.',
  },
  'refused.tooMany.title': { en: 'Too many attempts', rw: 'Wagerageje inshuro nyinshi cyane', fr: 'Trop de tentatives' },
  'refused.ended.title': {
    en: 'This payment request cannot be used',
    rw: 'Iki cyifuzo cyo kwishyura ntigishobora gukoreshwa',
    fr: 'Cette demande de paiement ne peut pas être utilisée',
  },
  'refused.merchant.title': {
    en: 'Please contact the merchant',
    rw: "Nyamuneka vugana n'umucuruzi",
    fr: 'Veuillez contacter le marchand',
  },
  // Too many payment requests for one phone number or one order (rate.phone, rate.order): {wait} in words
  // (formatWait), {time} the clock time (formatTime) from which another request may be made.
  'refused.rate.title': {
    en: 'Too many payment requests',
    rw: 'Ibyifuzo byo kwishyura byabaye byinshi cyane',
    fr: 'Trop de demandes de paiement',
  },
  'refused.ratePhone.wait': {
    en: 'Too many payment requests were sent to this number. You can try again in {wait} (at {time}).',
    rw: "Ibyifuzo byo kwishyura byoherejwe kuri iyi nomero byabaye byinshi cyane. Ushobora kongera kugerageza nyuma y'{wait} (saa {time}).",
    fr: 'Trop de demandes de paiement ont été envoyées à ce numéro. Vous pourrez réessayer dans {wait} (à {time}).',
  },
  'refused.ratePhone.now': {
    en: 'Too many payment requests were sent to this number. You can try again now.',
    rw: 'Ibyifuzo byo kwishyura byoherejwe kuri iyi nomero byabaye byinshi cyane. Ubu ushobora kongera kugerageza.',
    fr: 'Trop de demandes de paiement ont été envoyées à ce numéro. Vous pouvez réessayer maintenant.',
  },
  'refused.rateOrder.wait': {
    en: 'Too many payment requests were made for this bill. You can try again in {wait} (at {time}).',
    rw: "Ibyifuzo byo kwishyura iyi fagitire byabaye byinshi cyane. Ushobora kongera kugerageza nyuma y'{wait} (saa {time}).",
    fr: 'Trop de demandes de paiement ont été faites pour cette facture. Vous pourrez réessayer dans {wait} (à {time}).',
  },
  'refused.rateOrder.now': {
    en: 'Too many payment requests were made for this bill. You can try again now.',
    rw: 'Ibyifuzo byo kwishyura iyi fagitire byabaye byinshi cyane. Ubu ushobora kongera kugerageza.',
    fr: 'Trop de demandes de paiement ont été faites pour cette facture. Vous pouvez réessayer maintenant.',
  },
  // The page's checkout token is missing, wrong or expired: only a reload of the page helps.
  'refused.reload.title': {
    en: 'Please reload the page',
    rw: 'Nyamuneka ongera ufungure iyi paji',
    fr: 'Veuillez recharger la page',
  },
  'refused.invalid.title': {
    en: 'The payment could not be started',
    rw: 'Kwishyura ntibyashoboye gutangira',
    fr: "Le paiement n'a pas pu être lancé",
  },

  'result.paid.title': { en: 'Payment received', rw: 'Amafaranga yakiriwe', fr: 'Paiement reçu' },
  'result.paid.body': {
    en: '{amount} paid for {service}.',
    rw: 'Wishyuye {amount} kuri {service}. Murakoze!',
    fr: 'Paiement de {amount} effectué pour {service}.',
  },
  'result.paymentRef': {
    en: 'LTGS payment reference: {ref}',
    rw: "Nomero y'ubwishyu ya LTGS: {ref}",
    fr: `Référence de paiement LTGS${NBSP}: {ref}`,
  },
  'result.saleRef': { en: 'Your reference: {ref}', rw: 'Nomero ya fagitire yawe: {ref}', fr: `Votre référence${NBSP}: {ref}` },
  'result.failed.title': { en: 'Payment not completed', rw: 'Kwishyura ntibyakunze', fr: 'Paiement non effectué' },
  'result.failed.body': {
    en: 'The payment did not go through. You can try again.',
    rw: 'Amafaranga ntiyishyuwe. Ushobora kongera kugerageza.',
    fr: "Le paiement n'a pas abouti. Vous pouvez réessayer.",
  },
  'result.mismatch.title': {
    en: 'Payment needs checking',
    rw: 'Kwishyura bikeneye kugenzurwa',
    fr: 'Paiement à vérifier',
  },
  'result.mismatch.body': {
    en: 'The amount received differs from the amount due. The merchant has been told; please do not pay again until they contact you.',
    rw: "Amafaranga yakiriwe atandukanye n'ayo wagombaga kwishyura. Umucuruzi yabimenyeshejwe; nyamuneka ntukongere kwishyura mbere y'uko akuvugisha.",
    fr: `Le montant reçu diffère du montant dû. Le marchand a été prévenu${NBSP}; veuillez ne pas payer à nouveau avant qu'il vous contacte.`,
  },
  'result.expired.title': { en: 'Payment timed out', rw: 'Igihe cyo kwishyura cyarangiye', fr: 'Délai de paiement dépassé' },
  'result.expired.body': {
    en: 'The payment was not approved in time. You can try again.',
    rw: 'Kwishyura ntibyemejwe ku gihe. Ushobora kongera kugerageza.',
    fr: "Le paiement n'a pas été approuvé à temps. Vous pouvez réessayer.",
  },
  'result.cancelled.title': { en: 'Payment cancelled', rw: 'Kwishyura byahagaritswe', fr: 'Paiement annulé' },
  // LTGS's own final word (a customer's cancel only stops the waiting: see stopped.*).
  'result.cancelled.body': {
    en: 'The payment was cancelled and not completed. You can try again.',
    rw: 'Kwishyura byahagaritswe kandi ntibyarangiye. Ushobora kongera kugerageza.',
    fr: "Le paiement a été annulé et n'a pas abouti. Vous pouvez réessayer.",
  },
  'result.error.title': {
    en: 'We could not confirm the payment',
    rw: 'Ntitwashoboye kwemeza ko wishyuye',
    fr: "Nous n'avons pas pu confirmer le paiement",
  },
  'result.error.body': {
    en: 'Your payment may still go through. Check again in a moment.',
    rw: 'Ubwishyu bwawe bushobora kuba bukiri gukorwa. Ongera urebe mu kanya.',
    fr: `Votre paiement peut encore aboutir. Vérifiez à nouveau dans un instant.`,
  },

  // Payment states (PaymentState names from ltgs/lifecycle.hpp), for announcements.
  'status.DRAFT': { en: 'Not started', rw: 'Ntibiratangira', fr: 'Non commencé' },
  'status.VALIDATED': { en: 'Ready to pay', rw: 'Witeguye kwishyura', fr: 'Prêt pour le paiement' },
  'status.INITIATING': { en: 'Starting the payment', rw: 'Turatangiza kwishyura', fr: 'Lancement du paiement' },
  'status.PENDING': { en: 'Waiting for your approval', rw: 'Dutegereje ko wemeza', fr: 'En attente de votre approbation' },
  'status.PAID': { en: 'Payment received', rw: 'Amafaranga yakiriwe', fr: 'Paiement reçu' },
  'status.FAILED': { en: 'Payment failed', rw: 'Kwishyura ntibyakunze', fr: 'Échec du paiement' },
  'status.EXPIRED': { en: 'Payment timed out', rw: 'Igihe cyo kwishyura cyarangiye', fr: 'Délai de paiement dépassé' },
  'status.CANCELLED': { en: 'Payment cancelled', rw: 'Kwishyura byahagaritswe', fr: 'Paiement annulé' },
  'status.AMOUNT_MISMATCH': { en: 'Payment needs checking', rw: 'Kwishyura bikeneye kugenzurwa', fr: 'Paiement à vérifier' },

  'error.generic': {
    en: 'Something went wrong. Please try again.',
    rw: 'Habaye ikosa. Ongera ugerageze.',
    fr: "Une erreur s'est produite. Veuillez réessayer.",
  },
  'error.network': {
    en: 'No connection. Check your internet and try again.',
    rw: 'Nta murandasi. Reba ko ufite murandasi maze wongere ugerageze.',
    fr: 'Pas de connexion. Vérifiez votre connexion Internet et réessayez.',
  },
  // The partner's payment details (reference, amount, service name, methods) are refused by the core.
  'error.merchant': {
    en: 'This payment is not set up correctly. Please contact the merchant.',
    rw: "Ubu bwishyu ntibwateguwe neza. Nyamuneka vugana n'umucuruzi.",
    fr: "Ce paiement n'est pas configuré correctement. Veuillez contacter le marchand.",
  },
  'error.initiate': {
    en: 'The payment could not be started. Please try again.',
    rw: 'Kwishyura ntibyashoboye gutangira. Ongera ugerageze.',
    fr: "Le paiement n'a pas pu être lancé. Veuillez réessayer.",
  },
  'error.coreLoad': COULD_NOT_LOAD,
};

// ---------------------------------------------------------------------------------------------------------
// The core's error and reason codes (core/include/ltgs/*.hpp, core/src/*.cpp; json.invalid_utf8 from the
// command line), for the payer: short, plain, what to do. Problems the payer cannot fix (the partner's setup,
// LTGS's answers) say whom to contact. tests/js/i18n.test.mjs fails when the core gains a code missing here.

// Shared wording, one object per meaning.
const MERCHANT_SETUP = {
  en: 'This payment is not set up correctly. Please contact the merchant.',
  rw: "Ubu bwishyu ntibwateguwe neza. Nyamuneka vugana n'umucuruzi.",
  fr: "Ce paiement n'est pas configuré correctement. Veuillez contacter le marchand.",
};
const BAD_REFERENCE = {
  en: "This payment's reference is not valid. Please contact the merchant.",
  rw: "Nomero ya fagitire y'ubu bwishyu ntiyemewe. Nyamuneka vugana n'umucuruzi.",
  fr: "La référence de ce paiement n'est pas valide. Veuillez contacter le marchand.",
};
const BAD_SERVICE = {
  en: "This payment's description is not valid. Please contact the merchant.",
  rw: "Ibisobanuro by'ubu bwishyu ntibyemewe. Nyamuneka vugana n'umucuruzi.",
  fr: "La description de ce paiement n'est pas valide. Veuillez contacter le marchand.",
};
const BAD_AMOUNT_SETUP = {
  en: 'The amount of this payment is not valid. Please contact the merchant.',
  rw: "Amafaranga y'ubu bwishyu ntiyemewe. Nyamuneka vugana n'umucuruzi.",
  fr: "Le montant de ce paiement n'est pas valide. Veuillez contacter le marchand.",
};
const DETAILS_UNREADABLE = {
  en: 'The payment details could not be read. Please contact the merchant.',
  rw: "Amakuru y'ubu bwishyu ntiyashoboye gusomwa. Nyamuneka vugana n'umucuruzi.",
  fr: 'Les informations de ce paiement sont illisibles. Veuillez contacter le marchand.',
};
const STATUS_UNREADABLE = {
  en: 'We could not read the payment status. Check again in a moment.',
  rw: 'Ntitwashoboye gusoma uko kwishyura guhagaze. Ongera urebe mu kanya.',
  fr: `Nous n'avons pas pu lire l'état du paiement. Vérifiez à nouveau dans un instant.`,
};
const QR_INVALID = {
  en: 'The QR code for this payment is not valid. Choose another way to pay.',
  rw: "Kode ya QR y'ubu bwishyu ntiyemewe. Hitamo ubundi buryo bwo kwishyura.",
  fr: "Le code QR de ce paiement n'est pas valide. Choisissez un autre moyen de paiement.",
};
// A warning, not a refusal: wallets pay such payloads, but the payer should see whom they pay.
const QR_INCOMPLETE = {
  en: "This QR code leaves out some of the merchant's details. Check the payee in your app before you approve.",
  rw: "Iyi kode ya QR ntigaragaza amakuru yose y'umucuruzi. Reba uwo wishyura muri porogaramu yawe mbere yo kwemeza.",
  fr: "Ce code QR omet certaines informations du marchand. Vérifiez le bénéficiaire dans votre application avant d'approuver.",
};
const QR_NOT_MADE = {
  en: 'The QR code could not be made. Choose another way to pay.',
  rw: 'Kode ya QR ntiyashoboye gukorwa. Hitamo ubundi buryo bwo kwishyura.',
  fr: "Le code QR n'a pas pu être créé. Choisissez un autre moyen de paiement.",
};
const USSD_NOT_MADE = {
  en: 'The USSD code for this payment could not be made. Choose another way to pay.',
  rw: "Kode ya USSD y'ubu bwishyu ntiyashoboye gukorwa. Hitamo ubundi buryo bwo kwishyura.",
  fr: "Le code USSD de ce paiement n'a pas pu être créé. Choisissez un autre moyen de paiement.",
};
const QR_WRONG_CURRENCY = {
  en: 'The QR code for this payment is not in Rwandan francs. Do not pay with it: choose another way to pay.',
  rw: "Kode ya QR y'ubu bwishyu ntiri mu mafaranga y'u Rwanda. Ntuyishyuze: hitamo ubundi buryo bwo kwishyura.",
  fr: `Le code QR de ce paiement n'est pas en francs rwandais. Ne payez pas avec${NBSP}: choisissez un autre moyen de paiement.`,
};
const USSD_WRONG = {
  en: 'The USSD code for this payment is not one we recognise. Do not dial it: choose another way to pay.',
  rw: "Kode ya USSD y'ubu bwishyu ntituyizi. Ntuyikande: hitamo ubundi buryo bwo kwishyura.",
  fr: `Le code USSD de ce paiement n'est pas reconnu. Ne le composez pas${NBSP}: choisissez un autre moyen de paiement.`,
};
const PAGE_RELOAD = {
  en: 'This payment page could not be verified. Reload the page, then pay: no payment was started.',
  rw: "Iyi paji yo kwishyura ntiyashoboye kugenzurwa. Ongera ufungure iyi paji, hanyuma wishyure: nta bwishyu bwatangiye.",
  fr: `Cette page de paiement n'a pas pu être vérifiée. Rechargez la page, puis payez${NBSP}: aucun paiement n'a été lancé.`,
};
const INTERNAL = {
  en: 'Something went wrong in the checkout. Please reload the page.',
  rw: 'Habaye ikosa mu buryo bwo kwishyura. Nyamuneka ongera ufungure iyi paji.',
  fr: "Une erreur s'est produite dans le module de paiement. Veuillez recharger la page.",
};
const CANNOT_CHECK = {
  en: "We cannot check this payment's status. Please contact the merchant before paying again.",
  rw: 'Ntidushobora kureba uko ubu bwishyu buhagaze. Nyamuneka vugana n\'umucuruzi mbere yo kongera kwishyura.',
  fr: "Nous ne pouvons pas vérifier l'état de ce paiement. Veuillez contacter le marchand avant de payer à nouveau.",
};
const PHONE_ENTER = {
  en: 'Enter your mobile money number, like 0788 123 456.',
  rw: 'Shyiramo nomero ya telefone ya Mobile Money, urugero 0788 123 456.',
  fr: 'Saisissez votre numéro Mobile Money, par exemple 0788 123 456.',
};
const ID_ENTER = {
  en: 'Enter your national ID number: 16 digits.',
  rw: "Shyiramo nomero y'indangamuntu yawe: imibare 16.",
  fr: `Saisissez votre numéro d'identité nationale${NBSP}: 16 chiffres.`,
};
const EMAIL_ENTER = {
  en: 'Enter a valid email address, like name@example.com.',
  rw: 'Shyiramo aderesi ya imeyili yemewe, urugero name@example.com.',
  fr: 'Saisissez une adresse e-mail valide, par exemple name@example.com.',
};
const EMAIL_BAD_DOMAIN = {
  en: 'The part after @ is not valid (like example.com). Check for typing mistakes.',
  rw: 'Igice kiri nyuma ya @ ntikemewe (urugero example.com). Reba niba nta kosa ryo kwandika.',
  fr: "La partie après le @ n'est pas valide (par exemple example.com). Vérifiez qu'il n'y a pas de faute de frappe.",
};
const AMOUNT_INVALID = {
  en: 'Enter the amount in digits, like 15000 or 15,000.',
  rw: 'Andika amafaranga mu mibare, urugero 15000 cyangwa 15,000.',
  fr: 'Saisissez le montant en chiffres, par exemple 15000 ou 15 000.',
};
const AMOUNT_TOO_LARGE = { en: 'The amount is too large.', rw: 'Amafaranga ni menshi cyane.', fr: 'Le montant est trop élevé.' };
const NOT_APPROVED_IN_TIME = UI['result.expired.body'];
const CANCELLED = {  // not "no payment was made": a prompt already on the phone can still be approved
  en: 'The payment was cancelled.',
  rw: 'Kwishyura byahagaritswe.',
  fr: 'Le paiement a été annulé.',
};
const ATTEMPT_UNUSABLE = {
  en: 'This payment request can no longer be used. Please reload the page, or contact the merchant.',
  rw: "Iki cyifuzo cyo kwishyura ntikigishoboka gukoreshwa. Nyamuneka ongera ufungure iyi paji, cyangwa uvugane n'umucuruzi.",
  fr: 'Cette demande de paiement ne peut plus être utilisée. Veuillez recharger la page ou contacter le marchand.',
};
const STATUS_NOT_CHANGED = {
  en: 'This update does not change the payment.',
  rw: 'Aya makuru ntahindura uko kwishyura guhagaze.',
  fr: 'Cette mise à jour ne change rien au paiement.',
};

const ERRORS = {
  // The request document as a whole (field "$") and the command line's input.
  'json.too_large': DETAILS_UNREADABLE,
  'json.malformed': DETAILS_UNREADABLE,
  'json.not_object': DETAILS_UNREADABLE,
  'json.duplicate_key': DETAILS_UNREADABLE,
  'json.too_deep': DETAILS_UNREADABLE,
  'json.invalid_utf8': DETAILS_UNREADABLE,  // added by bin/ltgs-checkout.js, not the core
  'field.unknown': MERCHANT_SETUP,

  // Sale_Reference_ID and Services_Name come from the partner.
  'reference.required': BAD_REFERENCE,
  'reference.wrong_type': BAD_REFERENCE,
  'reference.too_long': BAD_REFERENCE,
  'reference.invalid_characters': BAD_REFERENCE,
  'services_name.required': BAD_SERVICE,
  'services_name.wrong_type': BAD_SERVICE,
  'services_name.too_long': BAD_SERVICE,
  'services_name.control_character': BAD_SERVICE,
  'services_name.invalid_utf8': BAD_SERVICE,

  // Customer_KYC_ID
  'national_id.required': {
    en: 'Enter your national ID number.',
    rw: "Shyiramo nomero y'indangamuntu yawe.",
    fr: "Saisissez votre numéro d'identité nationale.",
  },
  'national_id.wrong_type': ID_ENTER,
  'national_id.invalid_characters': {
    en: 'Use digits only: the ID number has 16 digits.',
    rw: "Koresha imibare gusa: nomero y'indangamuntu igira imibare 16.",
    fr: `Utilisez uniquement des chiffres${NBSP}: le numéro d'identité compte 16 chiffres.`,
  },
  'national_id.wrong_length': {
    en: 'The ID number has exactly 16 digits. Check it against your ID card.',
    rw: "Nomero y'indangamuntu igira imibare 16 gusa. Yigenzure ku ndangamuntu yawe.",
    fr: "Le numéro d'identité compte exactement 16 chiffres. Vérifiez-le sur votre carte d'identité.",
  },
  'national_id.bad_category': {
    en: 'An ID number starts with 1, 2 or 3. Check it against your ID card.',
    rw: "Nomero y'indangamuntu itangirwa na 1, 2 cyangwa 3. Yigenzure ku ndangamuntu yawe.",
    fr: "Un numéro d'identité commence par 1, 2 ou 3. Vérifiez-le sur votre carte d'identité.",
  },
  'national_id.implausible_birth_year': {
    en: 'Digits 2 to 5 of the ID number are a year of birth, and this one is not possible. Check it against your ID card.',
    rw: "Imibare ya 2 kugeza ku ya 5 y'indangamuntu ni umwaka w'amavuko, kandi uyu ntushoboka. Yigenzure ku ndangamuntu yawe.",
    fr: "Les chiffres 2 à 5 du numéro d'identité sont l'année de naissance, et celle-ci n'est pas possible. Vérifiez-le sur votre carte d'identité.",
  },

  // Phone_Number
  'phone.required': {
    en: 'Enter your mobile money number.',
    rw: 'Shyiramo nomero ya telefone ya Mobile Money.',
    fr: 'Saisissez votre numéro Mobile Money.',
  },
  'phone.wrong_type': PHONE_ENTER,
  'phone.invalid_characters': {
    en: 'Use digits only, like 0788 123 456.',
    rw: 'Koresha imibare gusa, urugero 0788 123 456.',
    fr: 'Utilisez uniquement des chiffres, par exemple 0788 123 456.',
  },
  'phone.foreign_number': {
    en: 'Only Rwandan mobile numbers (+250) can pay here.',
    rw: 'Hano hishyura nomero za telefone zo mu Rwanda (+250) gusa.',
    fr: 'Seuls les numéros mobiles rwandais (+250) peuvent payer ici.',
  },
  'phone.too_short': {
    en: 'This number is too short. Enter 10 digits, like 0788 123 456.',
    rw: 'Iyi nomero ni ngufi cyane. Shyiramo imibare 10, urugero 0788 123 456.',
    fr: 'Ce numéro est trop court. Saisissez 10 chiffres, par exemple 0788 123 456.',
  },
  'phone.too_long': {
    en: 'This number is too long. Enter 10 digits, like 0788 123 456.',
    rw: 'Iyi nomero ni ndende cyane. Shyiramo imibare 10, urugero 0788 123 456.',
    fr: 'Ce numéro est trop long. Saisissez 10 chiffres, par exemple 0788 123 456.',
  },
  'phone.landline': {
    en: 'This is a landline number. Enter a mobile money number (07…).',
    rw: 'Iyi ni nomero ya telefone itagendanwa. Shyiramo nomero ya Mobile Money (07…).',
    fr: 'Ceci est un numéro de téléphone fixe. Saisissez un numéro Mobile Money (07…).',
  },
  'phone.not_mobile': {
    en: 'This is a service number, not a mobile number. Enter a mobile money number (07…).',
    rw: 'Iyi ni nomero ya serivisi, si iya telefone igendanwa. Shyiramo nomero ya Mobile Money (07…).',
    fr: "Ceci est un numéro de service, pas un numéro mobile. Saisissez un numéro Mobile Money (07…).",
  },
  'phone.unknown_operator': {
    en: 'No mobile network uses this number. Rwandan mobile numbers start with 072, 073, 077, 078 or 079.',
    rw: "Nta murongo wa telefone igendanwa ukoresha iyi nomero. Nomero zo mu Rwanda zitangirwa na 072, 073, 077, 078 cyangwa 079.",
    fr: "Aucun réseau mobile n'utilise ce numéro. Les numéros mobiles rwandais commencent par 072, 073, 077, 078 ou 079.",
  },

  // Email_Address
  'email.required': {
    en: 'Enter your email address.',
    rw: 'Shyiramo aderesi yawe ya imeyili.',
    fr: 'Saisissez votre adresse e-mail.',
  },
  'email.wrong_type': EMAIL_ENTER,
  'email.contains_space': {
    en: 'An email address cannot contain spaces.',
    rw: 'Aderesi ya imeyili ntigomba kugiramo umwanya.',
    fr: "Une adresse e-mail ne peut pas contenir d'espaces.",
  },
  'email.missing_at': {
    en: 'An email address needs an @, like name@example.com.',
    rw: 'Aderesi ya imeyili igomba kugira @, urugero name@example.com.',
    fr: 'Une adresse e-mail doit contenir un @, par exemple name@example.com.',
  },
  'email.too_long': {
    en: 'This email address is too long.',
    rw: 'Iyi aderesi ya imeyili ni ndende cyane.',
    fr: 'Cette adresse e-mail est trop longue.',
  },
  'email.local_part_too_long': {
    en: 'The part before @ is too long.',
    rw: 'Igice kiri mbere ya @ ni kirekire cyane.',
    fr: 'La partie avant le @ est trop longue.',
  },
  'email.invalid_local_part': {
    en: 'The part before @ is not valid. Check for typing mistakes.',
    rw: 'Igice kiri mbere ya @ ntikemewe. Reba niba nta kosa ryo kwandika.',
    fr: "La partie avant le @ n'est pas valide. Vérifiez qu'il n'y a pas de faute de frappe.",
  },
  'email.invalid_domain': EMAIL_BAD_DOMAIN,
  'email.domain_not_dotted': {
    en: 'The part after @ needs a dot, like example.com.',
    rw: 'Igice kiri nyuma ya @ kigomba kugira akadomo, urugero example.com.',
    fr: 'La partie après le @ doit contenir un point, par exemple example.com.',
  },

  // Total_Amount_to_Pay (the partner's number, or what a person typed).
  'amount.required': { en: 'Enter the amount to pay.', rw: 'Shyiramo amafaranga yo kwishyura.', fr: 'Saisissez le montant à payer.' },
  'amount.wrong_type': BAD_AMOUNT_SETUP,
  'amount.negative': {
    en: 'The amount must be more than zero.',
    rw: 'Amafaranga agomba kurenga zeru.',
    fr: 'Le montant doit être supérieur à zéro.',
  },
  'amount.not_whole_francs': {
    en: 'Enter whole francs, without cents.',
    rw: 'Shyiramo amafaranga yuzuye, nta santimu.',
    fr: 'Saisissez un montant en francs entiers, sans centimes.',
  },
  'amount.exponent_not_allowed': {
    en: 'Write the amount in full, like 15000.',
    rw: 'Andika amafaranga yose uko ari, urugero 15000.',
    fr: 'Écrivez le montant en entier, par exemple 15000.',
  },
  'amount.invalid_format': AMOUNT_INVALID,
  'amount.too_large': AMOUNT_TOO_LARGE,
  // errorMessage uses the ".limit" wording when the core's error gives the limit (params.min, params.max),
  // filled by formatAmount; otherwise these plain ones.
  'amount.below_minimum': {
    en: 'The amount is too small for this payment.',
    rw: 'Amafaranga ni make cyane kuri ubu bwishyu.',
    fr: 'Le montant est trop faible pour ce paiement.',
  },
  'amount.below_minimum.limit': {
    en: 'The amount is too small: the minimum is {min}.',
    rw: 'Amafaranga ni make cyane: make ashoboka ni {min}.',
    fr: `Le montant est trop faible${NBSP}: le minimum est de {min}.`,
  },
  'amount.above_maximum': {
    en: 'The amount is too large for this payment.',
    rw: 'Amafaranga ni menshi cyane kuri ubu bwishyu.',
    fr: 'Le montant est trop élevé pour ce paiement.',
  },
  'amount.above_maximum.limit': {
    en: 'The amount is too large: the maximum is {max}.',
    rw: 'Amafaranga ni menshi cyane: menshi ashoboka ni {max}.',
    fr: `Le montant est trop élevé${NBSP}: le maximum est de {max}.`,
  },

  // Callback_URL, settings and merchant configuration: the partner's setup.
  'callback_url.required': MERCHANT_SETUP,
  'callback_url.wrong_type': MERCHANT_SETUP,
  'callback_url.too_long': MERCHANT_SETUP,
  'callback_url.invalid': MERCHANT_SETUP,
  'callback_url.not_https': MERCHANT_SETUP,
  'callback_url.missing_host': MERCHANT_SETUP,
  'callback_url.has_credentials': MERCHANT_SETUP,
  'callback_url.invalid_host': MERCHANT_SETUP,
  'callback_url.invalid_port': MERCHANT_SETUP,
  'settings.invalid': MERCHANT_SETUP,
  'settings.unknown': MERCHANT_SETUP,
  // The partner's methods list names one this configuration can never offer (USSD without a merchant code):
  // said to the partner (console, ltgs:status); the customer sees the other methods.
  'options.method_unavailable': MERCHANT_SETUP,

  // Why LTGS ended the payment FAILED, when it says (Failure_Reason, read by the core: ltgs/failure_reason.hpp).
  // Shown under "The payment did not go through": what to do about it.
  'failure.insufficient_funds': {
    en: 'Your mobile money balance is too low for this payment. Top up your account, then try again.',
    rw: 'Amafaranga ari kuri konti yawe ya Mobile Money ntahagije kuri ubu bwishyu. Ongera amafaranga kuri konti yawe, hanyuma wongere ugerageze.',
    fr: 'Le solde de votre compte Mobile Money est insuffisant pour ce paiement. Rechargez votre compte, puis réessayez.',
  },
  'failure.declined_by_payer': {
    en: 'The payment was declined on the phone. If that was a mistake, you can try again.',
    rw: 'Kwishyura byanzwe kuri telefone. Niba ari ukwibeshya, ushobora kongera kugerageza.',
    fr: "Le paiement a été refusé sur le téléphone. S'il s'agit d'une erreur, vous pouvez réessayer.",
  },
  'failure.expired': {
    en: 'The payment request was not approved in time. You can try again.',
    rw: 'Icyifuzo cyo kwishyura nticyemejwe ku gihe. Ushobora kongera kugerageza.',
    fr: "La demande de paiement n'a pas été approuvée à temps. Vous pouvez réessayer.",
  },
  // A reason the core does not know: the generic words.
  'failure.unknown': UI['result.failed.body'],

  'options.none_available': {
    en: 'No way to pay is available for this number. Try another mobile money number, or contact the merchant.',
    rw: "Nta buryo bwo kwishyura buboneka kuri iyi nomero. Gerageza indi nomero ya Mobile Money, cyangwa uvugane n'umucuruzi.",
    fr: 'Aucun moyen de paiement n\'est disponible pour ce numéro. Essayez un autre numéro Mobile Money ou contactez le marchand.',
  },

  // QR codes and EMVCo payloads: reading LTGS's payload, then building one from the partner's settings.
  'emv.empty': QR_INVALID,
  'emv.too_long': QR_INVALID,
  'emv.invalid_utf8': QR_INVALID,
  'emv.bad_tag': QR_INVALID,
  'emv.bad_length': QR_INVALID,
  'emv.truncated': QR_INVALID,
  'emv.bad_format_indicator': QR_INVALID,
  'emv.missing_crc': QR_INVALID,
  'emv.bad_crc': QR_INVALID,
  'emv.duplicate_tag': QR_INVALID,
  'emv.unknown_tag': QR_INVALID,
  'emv.invalid_value': QR_INVALID,
  'emv.missing_merchant_account': QR_INCOMPLETE,
  'emv.missing_mcc': QR_INCOMPLETE,
  'emv.missing_currency': QR_INCOMPLETE,
  'emv.missing_country': QR_INCOMPLETE,
  'emv.missing_merchant_name': QR_INCOMPLETE,
  'emv.missing_merchant_city': QR_INCOMPLETE,
  'emv.missing_value': QR_NOT_MADE,
  'emv.value_too_long': QR_NOT_MADE,
  'qr.empty': QR_NOT_MADE,
  'qr.too_long': QR_NOT_MADE,
  'qr.invalid_ecc': QR_NOT_MADE,
  'qr.invalid_colour': QR_NOT_MADE,
  'qr.invalid_quiet_zone': QR_NOT_MADE,
  'ussd.invalid_template': USSD_NOT_MADE,
  'ussd.invalid_merchant_code': USSD_NOT_MADE,
  'ussd.invalid_amount': USSD_NOT_MADE,

  // LTGS's QR_Payload and USSD_Code checked against the payment (ltgs/payment_display.hpp): not shown.
  'qr.not_emv': QR_INVALID,
  'qr.invalid_amount': BAD_AMOUNT_SETUP,
  'qr.missing_currency': QR_WRONG_CURRENCY,
  'qr.currency_mismatch': QR_WRONG_CURRENCY,
  'qr.amount_mismatch': {
    en: 'The QR code for this payment is for another amount. Do not pay with it: choose another way to pay.',
    rw: "Kode ya QR y'ubu bwishyu ni iy'andi mafaranga. Ntuyishyuze: hitamo ubundi buryo bwo kwishyura.",
    fr: `Le code QR de ce paiement est pour un autre montant. Ne payez pas avec${NBSP}: choisissez un autre moyen de paiement.`,
  },
  'qr.tip_or_fee': {
    en: 'The QR code for this payment would add a tip or a fee to the amount. Do not pay with it: choose another way to pay.',
    rw: "Kode ya QR y'ubu bwishyu yakongera ku mafaranga agahimbazamusyi cyangwa ikiguzi. Ntuyishyuze: hitamo ubundi buryo bwo kwishyura.",
    fr: `Le code QR de ce paiement ajouterait un pourboire ou des frais au montant. Ne payez pas avec${NBSP}: choisissez un autre moyen de paiement.`,
  },
  'ussd.unrecognised': USSD_WRONG,
  'ussd.amount_mismatch': {
    en: 'The USSD code for this payment is for another amount. Do not dial it: choose another way to pay.',
    rw: "Kode ya USSD y'ubu bwishyu ni iy'andi mafaranga. Ntuyikande: hitamo ubundi buryo bwo kwishyura.",
    fr: `Le code USSD de ce paiement est pour un autre montant. Ne le composez pas${NBSP}: choisissez un autre moyen de paiement.`,
  },
  'ussd.merchant_mismatch': {
    en: 'The USSD code for this payment pays another merchant. Do not dial it: choose another way to pay.',
    rw: "Kode ya USSD y'ubu bwishyu yishyura undi mucuruzi. Ntuyikande: hitamo ubundi buryo bwo kwishyura.",
    fr: `Le code USSD de ce paiement paie un autre marchand. Ne le composez pas${NBSP}: choisissez un autre moyen de paiement.`,
  },
  'ussd.no_amount': {
    en: 'The USSD code for this payment does not carry the amount. Choose another way to pay.',
    rw: "Kode ya USSD y'ubu bwishyu ntigaragaza amafaranga. Hitamo ubundi buryo bwo kwishyura.",
    fr: 'Le code USSD de ce paiement ne contient pas le montant. Choisissez un autre moyen de paiement.',
  },

  // A status response (LTGS's callback shape) that cannot be used.
  'status.required': STATUS_UNREADABLE,
  'status.wrong_type': STATUS_UNREADABLE,
  'status.invalid': STATUS_UNREADABLE,
  'status.reference_mismatch': STATUS_UNREADABLE,
  'status.amount_missing': STATUS_UNREADABLE,
  'channel.wrong_type': STATUS_UNREADABLE,
  'channel.invalid': STATUS_UNREADABLE,
  'payment_ref.wrong_type': STATUS_UNREADABLE,
  'payment_ref.invalid': STATUS_UNREADABLE,
  'amount_paid.required': STATUS_UNREADABLE,
  'amount_paid.wrong_type': STATUS_UNREADABLE,
  'amount_paid.not_whole_francs': STATUS_UNREADABLE,
  'amount_paid.negative': STATUS_UNREADABLE,
  'amount_paid.too_large': STATUS_UNREADABLE,
  'paid_on.required': STATUS_UNREADABLE,
  'paid_on.wrong_type': STATUS_UNREADABLE,
  'paid_on.invalid_format': STATUS_UNREADABLE,
  'paid_on.invalid_date': STATUS_UNREADABLE,

  // Lifecycle reasons (ltgs/lifecycle.hpp). Most are progress, not errors; each still reads well if shown.
  'lifecycle.validated': { en: 'Your details are complete.', rw: 'Amakuru yawe yuzuye.', fr: 'Vos informations sont complètes.' },
  'lifecycle.invalid_payment': MERCHANT_SETUP,
  'lifecycle.cancelled': CANCELLED,
  'lifecycle.expired': NOT_APPROVED_IN_TIME,
  'lifecycle.not_expired': INTERNAL,
  'lifecycle.out_of_order': INTERNAL,
  'lifecycle.ignored_after_terminal': {
    en: 'This payment is already finished.',
    rw: 'Ubu bwishyu bwamaze kurangira.',
    fr: 'Ce paiement est déjà terminé.',
  },
  'lifecycle.invalid_event': INTERNAL,
  'payment.invalid': INTERNAL,
  'event.invalid': INTERNAL,
  'initiate.sent': UI['waiting.starting'],
  'initiate.already_in_flight': {
    en: 'The payment is already being started. Please wait.',
    rw: 'Kwishyura biri gutangizwa. Nyamuneka tegereza.',
    fr: 'Le paiement est déjà en cours de lancement. Veuillez patienter.',
  },
  'initiate.deadline_passed': {
    en: 'The time to approve this payment has run out.',
    rw: 'Igihe cyo kwemeza ubu bwishyu cyarangiye.',
    fr: 'Le délai pour approuver ce paiement est dépassé.',
  },
  'initiate.accepted': {
    en: 'The payment has started. Waiting for your approval.',
    rw: 'Kwishyura byatangiye. Dutegereje ko ubyemeza.',
    fr: 'Le paiement a démarré. En attente de votre approbation.',
  },
  'initiate.retry': {
    en: 'The payment service could not be reached. Trying again…',
    rw: 'Ntitwashoboye kugera kuri serivisi yo kwishyura. Turongera kugerageza…',
    fr: 'Le service de paiement est injoignable. Nouvelle tentative…',
  },
  'initiate.rejected': UI['error.initiate'],
  'status.pending': { en: 'Waiting for your approval.', rw: 'Dutegereje ko wemeza.', fr: 'En attente de votre approbation.' },
  'status.unknown': UI['waiting.checking'],
  'status.paid': { en: 'Payment received.', rw: 'Amafaranga yakiriwe.', fr: 'Paiement reçu.' },
  'status.amount_mismatch': {
    en: 'The amount received differs from the amount due. Please do not pay again until the merchant contacts you.',
    rw: "Amafaranga yakiriwe atandukanye n'ayo wagombaga kwishyura. Nyamuneka ntukongere kwishyura mbere y'uko umucuruzi akuvugisha.",
    fr: "Le montant reçu diffère du montant dû. Veuillez ne pas payer à nouveau avant que le marchand vous contacte.",
  },
  'status.failed': UI['result.failed.body'],
  'status.expired': NOT_APPROVED_IN_TIME,
  'status.cancelled': CANCELLED,
  'status.missing': INTERNAL,

  // Requests (ltgs/poll_policy.hpp fetchErrorCode) and polling decisions.
  'fetch.network_error': UI['error.network'],
  'fetch.timeout': {
    en: 'The payment service is taking too long to answer. Please try again.',
    rw: 'Serivisi yo kwishyura iratinda gusubiza. Ongera ugerageze.',
    fr: 'Le service de paiement met trop de temps à répondre. Veuillez réessayer.',
  },
  'fetch.http_status': {
    en: 'The payment service is not answering correctly. Please try again in a moment.',
    rw: 'Serivisi yo kwishyura ntiri gusubiza neza. Ongera ugerageze mu kanya.',
    fr: 'Le service de paiement ne répond pas correctement. Veuillez réessayer dans un instant.',
  },
  'fetch.malformed_json': {
    en: 'The payment service sent an answer we could not read. Please try again in a moment.',
    rw: 'Serivisi yo kwishyura yohereje igisubizo tutashoboye gusoma. Ongera ugerageze mu kanya.',
    fr: 'Le service de paiement a envoyé une réponse illisible. Veuillez réessayer dans un instant.',
  },
  'poll.next': {
    en: 'Checking the payment status…',
    rw: 'Turareba uko kwishyura guhagaze…',
    fr: "Vérification de l'état du paiement…",
  },
  'poll.retry': {
    en: 'Connection problem. Checking again…',
    rw: "Habaye ikibazo cy'itumanaho. Turongera kureba…",
    fr: 'Problème de connexion. Nouvelle vérification…',
  },
  'poll.final_check': {
    en: 'Checking the payment one last time…',
    rw: 'Turareba bwa nyuma uko kwishyura guhagaze…',
    fr: 'Dernière vérification du paiement…',
  },
  'poll.expired': NOT_APPROVED_IN_TIME,
  'poll.not_started': {
    en: 'The payment has not started yet.',
    rw: 'Kwishyura ntibiratangira.',
    fr: "Le paiement n'a pas encore commencé.",
  },
  'poll.done': { en: 'The payment is finished.', rw: 'Kwishyura byarangiye.', fr: 'Le paiement est terminé.' },
  'poll.unauthorized': CANNOT_CHECK,
  'poll.forbidden': CANNOT_CHECK,
  'poll.client_error': CANNOT_CHECK,
  'poll.unexpected_status': CANNOT_CHECK,
  'poll.not_found': {
    en: 'This payment could not be found. Please contact the merchant before paying again.',
    rw: "Ubu bwishyu ntibwabonetse. Nyamuneka vugana n'umucuruzi mbere yo kongera kwishyura.",
    fr: 'Ce paiement est introuvable. Veuillez contacter le marchand avant de payer à nouveau.',
  },

  // The customer stopped waiting (ltgs/lifecycle.hpp): the request stays open at LTGS.
  // Not "on your phone": a QR or USSD payment is approved in an app or a menu, maybe on another phone.
  'lifecycle.stopped_waiting': {
    en: 'You stopped waiting. The payment request may still be approved.',
    rw: 'Wahagaritse gutegereza. Icyifuzo cyo kwishyura gishobora kwemezwa.',
    fr: "Vous avez cessé d'attendre. La demande de paiement peut encore être approuvée.",
  },
  'lifecycle.waiting_again': {
    en: 'Waiting for your approval again.',
    rw: 'Twongeye gutegereza ko wemeza.',
    fr: 'Nouvelle attente de votre approbation.',
  },
  'initiate.stopped_waiting': {
    en: 'You stopped waiting for this payment, so it is not sent again.',
    rw: 'Wahagaritse gutegereza ubu bwishyu, bityo ntibwongera koherezwa.',
    fr: `Vous avez cessé d'attendre ce paiement${NBSP}: il n'est donc pas renvoyé.`,
  },

  // Payment_Method (ltgs/order.hpp).
  'method.required': {
    en: 'Choose how you want to pay.',
    rw: 'Hitamo uburyo ushaka kwishyuramo.',
    fr: 'Choisissez comment vous souhaitez payer.',
  },
  'method.wrong_type': MERCHANT_SETUP,
  'method.invalid': MERCHANT_SETUP,

  // The order and its attempts (ltgs/order.hpp): the partner's backend refuses an initiation with these
  // codes, and with order.unknown and order.amount_mismatch of its own.
  'order.reference_too_long': BAD_REFERENCE,
  'order.reference_reserved_suffix': BAD_REFERENCE,
  'order.invalid': INTERNAL,
  'order.new_attempt': UI['waiting.starting'],
  'order.resend': UI['waiting.starting'],
  'order.paid': {
    en: 'This bill is already paid. There is nothing more to pay.',
    rw: 'Iyi fagitire yamaze kwishyurwa. Nta kindi gisigaye cyo kwishyura.',
    fr: "Cette facture est déjà payée. Il n'y a plus rien à payer.",
  },
  'order.payment_under_review': {
    en: 'A payment of another amount was made for this bill. The merchant must settle it: please do not pay again until they contact you.',
    rw: "Hari ubwishyu bw'andi mafaranga bwakozwe kuri iyi fagitire. Umucuruzi agomba kubikemura: nyamuneka ntukongere kwishyura mbere y'uko akuvugisha.",
    fr: `Un paiement d'un autre montant a été fait pour cette facture. Le marchand doit le régler${NBSP}: veuillez ne pas payer à nouveau avant qu'il vous contacte.`,
  },
  'order.attempt_open': {
    en: 'An earlier payment request for this bill is still open. Approve it on your phone, or try another way once it has ended.',
    rw: 'Hari icyifuzo cyo kwishyura iyi fagitire cyoherejwe mbere kitararangira. Cyemeze kuri telefone yawe, cyangwa ugerageze ubundi buryo nikimara kurangira.',
    fr: "Une demande de paiement précédente pour cette facture est encore ouverte. Approuvez-la sur votre téléphone, ou essayez un autre moyen une fois qu'elle sera terminée.",
  },
  'order.attempt_ended': ATTEMPT_UNUSABLE,
  'order.attempt_out_of_sequence': ATTEMPT_UNUSABLE,
  'order.too_many_attempts': {
    en: 'This bill has had too many payment attempts. Please contact the merchant.',
    rw: "Iyi fagitire yagerageje kwishyurwa inshuro nyinshi cyane. Nyamuneka vugana n'umucuruzi.",
    fr: 'Cette facture a fait l\'objet de trop de tentatives de paiement. Veuillez contacter le marchand.',
  },
  'order.unknown': {
    en: 'This bill could not be found. Please contact the merchant.',
    rw: "Iyi fagitire ntiyabonetse. Nyamuneka vugana n'umucuruzi.",
    fr: 'Cette facture est introuvable. Veuillez contacter le marchand.',
  },
  'order.amount_mismatch': {
    en: 'The amount shown here is not the amount of this bill. Please contact the merchant.',
    rw: "Amafaranga agaragara hano si yo ya fagitire. Nyamuneka vugana n'umucuruzi.",
    fr: "Le montant affiché ici n'est pas celui de cette facture. Veuillez contacter le marchand.",
  },

  // The partner's backend's own refusals of an initiation: too many requests (429, with the time from which
  // another may be made), the page's checkout token (403: only a reload helps), a host name it does not
  // answer to (421). None of them started a payment.
  'rate.phone': {
    en: 'Too many payment requests were sent to this number. Wait a few minutes, then try again.',
    rw: 'Ibyifuzo byo kwishyura byoherejwe kuri iyi nomero byabaye byinshi cyane. Tegereza iminota mike, hanyuma wongere ugerageze.',
    fr: 'Trop de demandes de paiement ont été envoyées à ce numéro. Attendez quelques minutes, puis réessayez.',
  },
  'rate.order': {
    en: 'Too many payment requests were made for this bill. Wait a few minutes, then try again.',
    rw: 'Ibyifuzo byo kwishyura iyi fagitire byabaye byinshi cyane. Tegereza iminota mike, hanyuma wongere ugerageze.',
    fr: 'Trop de demandes de paiement ont été faites pour cette facture. Attendez quelques minutes, puis réessayez.',
  },
  'checkout.token_expired': {
    en: 'This payment page has been open too long. Reload the page, then pay: no payment was started.',
    rw: 'Iyi paji yo kwishyura imaze igihe kirekire ifunguye. Ongera ufungure iyi paji, hanyuma wishyure: nta bwishyu bwatangiye.',
    fr: `Cette page de paiement est ouverte depuis trop longtemps. Rechargez la page, puis payez${NBSP}: aucun paiement n'a été lancé.`,
  },
  'checkout.token_invalid': PAGE_RELOAD,
  'checkout.token_missing': PAGE_RELOAD,
  'request.host': {
    en: 'The payment service does not answer at this address. Please contact the merchant: no payment was started.',
    rw: "Serivisi yo kwishyura ntisubiza kuri iyi aderesi. Nyamuneka vugana n'umucuruzi: nta bwishyu bwatangiye.",
    fr: `Le service de paiement ne répond pas à cette adresse. Veuillez contacter le marchand${NBSP}: aucun paiement n'a été lancé.`,
  },

  // An attempt's status as the partner's backend records it.
  'attempt.invalid': INTERNAL,
  'attempt.pending': { en: 'Waiting for your approval.', rw: 'Dutegereje ko wemeza.', fr: 'En attente de votre approbation.' },
  'attempt.paid': { en: 'Payment received.', rw: 'Amafaranga yakiriwe.', fr: 'Paiement reçu.' },
  'attempt.late_payment': {
    en: 'The payment was approved late: it counts as paid.',
    rw: 'Kwishyura byemejwe bitinze: bifatwa nk\'ibyishyuwe.',
    fr: `Le paiement a été approuvé en retard${NBSP}: il compte comme payé.`,
  },
  'attempt.amount_mismatch': {
    en: 'The amount received differs from the amount due. Please do not pay again until the merchant contacts you.',
    rw: "Amafaranga yakiriwe atandukanye n'ayo wagombaga kwishyura. Nyamuneka ntukongere kwishyura mbere y'uko umucuruzi akuvugisha.",
    fr: "Le montant reçu diffère du montant dû. Veuillez ne pas payer à nouveau avant que le marchand vous contacte.",
  },
  'attempt.failed': UI['result.failed.body'],
  'attempt.expired': NOT_APPROVED_IN_TIME,
  'attempt.cancelled': CANCELLED,
  'attempt.duplicate': STATUS_NOT_CHANGED,
  'attempt.ignored': STATUS_NOT_CHANGED,
  'attempt.unknown_status': STATUS_UNREADABLE,
};

// The units of formatWait (i18n.js): "45 seconds", "1 hour and 5 minutes"; Kinyarwanda writes the noun first.
const WAIT_UNITS = {
  en: { second: ['second', 'seconds'], minute: ['minute', 'minutes'], hour: ['hour', 'hours'], and: ' and ', nounFirst: false },
  rw: { second: ['isegonda', 'amasegonda'], minute: ['umunota', 'iminota'], hour: ['isaha', 'amasaha'], and: " n'", nounFirst: true },
  fr: { second: ['seconde', 'secondes'], minute: ['minute', 'minutes'], hour: ['heure', 'heures'], and: ' et ', nounFirst: false },
};

// One language's words, as i18n.js's addWords takes them: { locale, words: { key: text }, wait }. Interface
// keys and the core's codes are in one flat map.
export function wordsOf(locale) {
  const words = {};
  for (const table of [UI, ERRORS]) {
    for (const [key, row] of Object.entries(table)) words[key] = row[locale];
  }
  return { locale, words, wait: WAIT_UNITS[locale] };
}
