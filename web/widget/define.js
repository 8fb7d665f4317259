// Registers <ltgs-checkout> once per page: a second copy of the script finds it already defined.
import { LtgsCheckoutElement } from './checkout-element.js';

export function defineCheckoutElement(registry = globalThis.customElements) {
  if (!registry) return undefined;
  const existing = registry.get('ltgs-checkout');
  if (existing) return existing;
  registry.define('ltgs-checkout', LtgsCheckoutElement);
  return LtgsCheckoutElement;
}
