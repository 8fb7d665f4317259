// The bill page's own words in English, Kinyarwanda and French (?lang=en|rw|fr, the widget's language too).
// The back-office pages (/orders, /sandbox) stay in English. Values are plain text: shop.js escapes them.
// Kinyarwanda is a careful translation that still needs a native speaker's review (as the widget's).
'use strict';

const NBSP = '\u00a0';

const MONTHS = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  rw: ['Mutarama', 'Gashyantare', 'Werurwe', 'Mata', 'Gicurasi', 'Kamena', 'Nyakanga', 'Kanama', 'Nzeri', 'Ukwakira',
       'Ugushyingo', 'Ukuboza'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
};

// French elides "de" before a vowel: "de juin", "d’avril".
const frDe = (text) => (/^[aeiouyàâéèêëîïôûü]/i.test(text) ? `d’${text}` : `de ${text}`);

// A duration as the test-number table says it ("10 min", "90 s").
function duration(ms, locale) {
  const minutes = ms % 60_000 === 0 ? ms / 60_000 : null;
  const seconds = Math.round(ms / 100) / 10;
  if (locale === 'rw') return minutes !== null ? `iminota ${minutes}` : `amasegonda ${seconds}`;
  return minutes !== null ? `${minutes}${NBSP}min` : `${seconds}${NBSP}s`;
}

const WORDS = {
  en: {
    title: 'Kigali Water — pay your bill',
    nav: { '/': 'Pay a bill', '/orders': 'Orders', '/sandbox': 'Sandbox: simulated scan' },
    footer: 'A demonstration shop for ltgs-checkout: payments go to a local LTGS sandbox, no money moves.',
    h1: 'Pay your water bill',
    lead: (name, period) => `Hello ${name}, your bill for ${period} is ready.`,
    billFor: (period) => `Bill for ${period}`,
    customer: 'Customer', account: 'Account', meter: 'Meter', orderReference: 'Order reference',
    amountDue: 'Amount due', charges: 'Charges', charge: 'Charge', amount: 'Amount',
    lines: ['Water consumption, 14 m³', 'Sewerage and sanitation', 'Fixed monthly charge'],
    language: 'Checkout language:',
    tryTitle: 'Trying it out',
    tryLead: 'Payments go to the local LTGS sandbox. Test numbers:',
    tryScan: ['QR and USSD payments wait for the ', 'simulated scan', '; see every order on ', 'Orders',
              '. Another demo customer: ', 'account'],
    phoneNumber: 'Phone number', outcome: 'Outcome',
    outcomes: {
      paidMtn: 'MTN MoMo: paid after about 3 s',
      paidAirtel: 'Airtel Money: paid after about 3 s',
      insufficient: 'fails (insufficient funds) after about 3 s',
      never: (expiry) => `never approved: EXPIRED after ${expiry}`,
      other: 'any other valid number: paid after about 5 s',
    },
    paid: 'Paid', thanks: ' — thank you.',
    paidRef: 'LTGS payment reference ', paidOn: ', paid on ', order: 'order',
    paidTwice: (n, refund) => `This bill was paid ${n} times. We will refund ${refund}.`,
    review: 'A payment of another amount was received for this bill. We are looking into it and will contact you; please do not pay again.',
    pending: 'A payment request for this bill is open. If you approved it, the page will say so.',
  },
  rw: {
    title: 'Kigali Water — ishyura fagitire yawe',
    nav: { '/': 'Ishyura fagitire', '/orders': 'Amafagitire', '/sandbox': 'Sandbox: gusikana by’igerageza' },
    footer: 'Iduka ry’igerageza rya ltgs-checkout: ubwishyu bujya muri sandbox ya LTGS iri kuri iyi mashini, nta mafaranga yimuka.',
    h1: 'Ishyura fagitire y’amazi',
    lead: (name, period) => `Muraho ${name}, fagitire yawe ya ${period} iriteguye.`,
    billFor: (period) => `Fagitire ya ${period}`,
    customer: 'Umukiriya', account: 'Konti', meter: 'Mubazi', orderReference: 'Nomero ya fagitire',
    amountDue: 'Amafaranga yo kwishyura', charges: 'Ibyishyurwa', charge: 'Icyishyurwa', amount: 'Amafaranga',
    lines: ['Amazi yakoreshejwe, m³ 14', 'Imiyoboro y’amazi yanduye n’isuku', 'Amafaranga ya buri kwezi adahinduka'],
    language: 'Ururimi rwo kwishyura:',
    tryTitle: 'Kugerageza',
    tryLead: 'Ubwishyu bujya muri sandbox ya LTGS iri kuri iyi mashini. Nomero z’igerageza:',
    tryScan: ['Ubwishyu bwa QR na USSD butegereza ', 'gusikana by’igerageza', '; amafagitire yose ari kuri ', 'Amafagitire',
              '. Undi mukiriya w’igerageza: ', 'konti'],
    phoneNumber: 'Nomero ya telefone', outcome: 'Igisubizo',
    outcomes: {
      paidMtn: 'MTN MoMo: byishyurwa nyuma y’amasegonda 3',
      paidAirtel: 'Airtel Money: byishyurwa nyuma y’amasegonda 3',
      insufficient: 'ntibikunda (amafaranga ntahagije) nyuma y’amasegonda 3',
      never: (expiry) => `ntibyemezwa: EXPIRED nyuma y’${expiry}`,
      other: 'indi nomero yemewe yose: byishyurwa nyuma y’amasegonda 5',
    },
    paid: 'Byishyuwe', thanks: ' — murakoze.',
    paidRef: 'Nomero y’ubwishyu ya LTGS ', paidOn: ', yishyuwe ku wa ', order: 'fagitire',
    paidTwice: (n, refund) => `Iyi fagitire yishyuwe inshuro ${n}. Tuzagusubiza ${refund}.`,
    review: 'Hari ubwishyu bw’andi mafaranga bwakiriwe kuri iyi fagitire. Turi kubikurikirana kandi tuzakuvugisha; nyamuneka ntukongere kwishyura.',
    pending: 'Hari icyifuzo cyo kwishyura iyi fagitire kitararangira. Niba waracyemeje, iyi paji izabikubwira.',
  },
  fr: {
    title: 'Kigali Water — payez votre facture',
    nav: { '/': 'Payer une facture', '/orders': 'Commandes', '/sandbox': `Sandbox${NBSP}: scan simulé` },
    footer: `Une boutique de démonstration pour ltgs-checkout${NBSP}: les paiements vont vers un bac à sable LTGS local, aucun argent ne circule.`,
    h1: 'Payez votre facture d’eau',
    lead: (name, period) => `Bonjour ${name}, votre facture ${frDe(period)} est prête.`,
    billFor: (period) => `Facture ${frDe(period)}`,
    customer: 'Client', account: 'Compte', meter: 'Compteur', orderReference: 'Référence de la commande',
    amountDue: 'Montant dû', charges: 'Détail', charge: 'Poste', amount: 'Montant',
    lines: ['Consommation d’eau, 14 m³', 'Assainissement', 'Redevance mensuelle fixe'],
    language: `Langue du paiement${NBSP}:`,
    tryTitle: 'Pour essayer',
    tryLead: `Les paiements vont vers le bac à sable LTGS local. Numéros de test${NBSP}:`,
    tryScan: ['Les paiements QR et USSD attendent le ', 'scan simulé', `${NBSP}; toutes les commandes sont sur `, 'Commandes',
              `. Un autre client de démonstration${NBSP}: `, 'compte'],
    phoneNumber: 'Numéro de téléphone', outcome: 'Résultat',
    outcomes: {
      paidMtn: `MTN MoMo${NBSP}: payé après environ 3${NBSP}s`,
      paidAirtel: `Airtel Money${NBSP}: payé après environ 3${NBSP}s`,
      insufficient: `échoue (solde insuffisant) après environ 3${NBSP}s`,
      never: (expiry) => `jamais approuvé${NBSP}: EXPIRED après ${expiry}`,
      other: `tout autre numéro valide${NBSP}: payé après environ 5${NBSP}s`,
    },
    paid: 'Payée', thanks: ' — merci.',
    paidRef: 'Référence de paiement LTGS ', paidOn: ', payée le ', order: 'commande',
    paidTwice: (n, refund) => `Cette facture a été payée ${n} fois. Nous rembourserons ${refund}.`,
    review: `Un paiement d’un autre montant a été reçu pour cette facture. Nous vérifions et vous contacterons${NBSP}; merci de ne pas payer à nouveau.`,
    pending: 'Une demande de paiement pour cette facture est ouverte. Si vous l’avez approuvée, la page l’indiquera.',
  },
};

const words = (locale) => WORDS[Object.hasOwn(WORDS, locale) ? locale : 'en'];

// "June 2026", "Kamena 2026", "juin 2026".
const monthName = (locale, monthIndex) => MONTHS[Object.hasOwn(MONTHS, locale) ? locale : 'en'][monthIndex];

module.exports = { words, monthName, duration, WORDS, MONTHS };
