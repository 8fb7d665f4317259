// Saved state, in sessionStorage under "ltgs-checkout:<order reference>": the order's attempt number and a
// payment worth resuming after a reload, never customer details.

const STORAGE_PREFIX = 'ltgs-checkout:';
const STORAGE_VERSION = 2;

function storage(win) {
  try {
    return win && win.sessionStorage ? win.sessionStorage : null;
  } catch {
    return null;  // storage disabled (privacy settings, sandboxed frame)
  }
}

export class SavedState {
  #core;
  #window;
  #options;
  #rules;

  // checkout: the element's parts (checkout-element.js); this uses its core, window, options and rules.
  constructor(checkout) {
    this.#core = checkout.core;
    this.#window = checkout.window;
    this.#options = checkout.options;
    this.#rules = checkout.rules;
  }

  #orderReference() {
    return this.#options.payment.Sale_Reference_ID;
  }

  #storageKey() {
    return STORAGE_PREFIX + this.#orderReference();
  }

  // { v, attempt (the highest attempt number that may exist at LTGS), method, payment, qrPayload, ussdCode }.
  // Only a payment LTGS has accepted (PENDING) is worth resuming: it is then polled, never initiated again
  // (the customer's phone and ID are not kept, so nothing could be re-sent). An initiation cut short by a
  // reload starts from the form again, with the same Sale_Reference_ID, which LTGS de-duplicates. The attempt
  // number stays after a payment ended, so that the next attempt after a reload takes the next number.
  // records: the attempt on screen and those watched (attempts.js); usedAttempt: the highest attempt number.
  save(records, usedAttempt) {
    const store = storage(this.#window);
    if (!store) return;
    const pending = records.find((r) => r && r.flow && r.flow.payment.state === 'PENDING');
    if (!pending && !usedAttempt) return;
    const initiation = (pending && pending.initiation) || {};
    const saved = {
      v: STORAGE_VERSION, attempt: usedAttempt, method: pending ? pending.method : null,
      payment: pending ? pending.flow.payment : null, qrPayload: initiation.qrPayload, ussdCode: initiation.ussdCode,
    };
    try {
      store.setItem(this.#storageKey(), JSON.stringify(saved));
    } catch {
      // Storage full or refused: the payment goes on, it just cannot be resumed after a reload.
    }
  }

  // { attempt, resume: { number, method, payment, qrPayload, ussdCode } | null }, or null when nothing usable
  // is saved. A payment is resumed only when it is PENDING, is one of this order's attempts (by the core's
  // reading of its reference) and is for the amount shown.
  read() {
    const store = storage(this.#window);
    if (!store) return null;
    let saved;
    try {
      saved = JSON.parse(store.getItem(this.#storageKey()) || 'null');
    } catch {
      return null;
    }
    if (!saved || typeof saved !== 'object' || (saved.v !== 1 && saved.v !== STORAGE_VERSION)) return null;
    const max = this.#rules.maxAttempts;
    let attempt = Number.isSafeInteger(saved.attempt) && saved.attempt >= 0 && saved.attempt <= max ? saved.attempt : 0;
    const resume = this.#resumable(saved);
    if (resume) attempt = Math.max(attempt, resume.number);
    return { attempt, resume };
  }

  #resumable(saved) {
    const p = saved.payment;
    if (!p || typeof p !== 'object' || p.state !== 'PENDING' || typeof p.saleReferenceId !== 'string') return null;
    if (p.amountRwf !== this.#options.payment.Total_Amount_to_Pay) return null;
    const parsed = this.#core.parseAttemptReference(p.saleReferenceId);
    const ref = parsed.ok ? parsed.value : null;
    if (!ref || ref.orderReference !== this.#orderReference()) return null;
    const method = this.#core.parsePaymentMethod(saved.method);
    if (!method.ok) return null;
    const text = (v) => (typeof v === 'string' ? v : undefined);
    return { number: ref.number, method: method.value, payment: p, qrPayload: text(saved.qrPayload), ussdCode: text(saved.ussdCode) };
  }
}
