// The rules the widget shares with the partner's backend, read from the core once per core: the payment
// methods, the final statuses, which endings allow another attempt, how many attempts an order has, and
// the Sale_Reference_ID of each attempt.

import { loadedCore } from './core.js';

const RULES = new WeakMap();

// The rules the widget shares with the partner's backend (the payment methods, the final statuses, which
// endings allow another attempt, how many attempts an order has), from the core: the widget keeps no copy.
export function checkoutRules(core = loadedCore()) {
  if (!core) throw new Error('ltgs-checkout: the wasm core is not loaded yet');
  let rules = RULES.get(core);
  if (!rules) {
    const answer = core.checkoutRules();
    if (!answer.ok) throw new Error(`internal: ${answer.errors[0].code}: ${answer.errors[0].message}`);
    const r = answer.value;
    rules = Object.freeze({
      methods: Object.freeze([...r.methods]),
      finalStatuses: Object.freeze([...r.finalStatuses]),
      retryAfter: Object.freeze([...r.retryAfter]),
      maxAttempts: r.maxAttempts,
      maxOrderReferenceLength: r.maxOrderReferenceLength,
    });
    RULES.set(core, rules);
  }
  return rules;
}

// Attempt `number`'s Sale_Reference_ID in the core's grammar (the order reference itself for 1,
// "<order>-R<n>" for 2 … 20), or null where the core refuses it (no attempt left, or an order reference that
// cannot carry attempts).
export function attemptReference(orderReference, number, core = loadedCore()) {
  if (!core) throw new Error('ltgs-checkout: the wasm core is not loaded yet');
  const r = core.attemptReference(orderReference, number);
  return r.ok ? r.value : null;
}
