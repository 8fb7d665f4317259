// The pay button of a script tag while the rest of the widget is still on its way (the script-tag loader):
// drawn in the element's shadow root with the widget's own styles, so that the real one, which replaces it
// when the element is set up, takes its place without a shift. A click is remembered: the checkout opens as
// soon as it can. Text goes in by textContent only.

import { adoptStyles, BASE_CSS } from './styles.js';
import { COULD_NOT_LOAD, checkoutLocale, payLabel } from './locale.js';

// element: the <ltgs-checkout> not defined yet; options: checked ones (api); onOpen: the customer clicked.
export function showPlaceholder(element, options, onOpen) {
  const doc = element.ownerDocument;
  element.setAttribute('mode', 'button');
  element.setAttribute('theme', options.theme === 'dark' ? 'dark' : 'light');
  const root = element.shadowRoot || element.attachShadow({ mode: 'open' });
  root.replaceChildren();
  adoptStyles(root, options.nonce, BASE_CSS);
  const top = doc.createElement('div');
  top.className = 'root';
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'pay';
  button.setAttribute('part', 'pay-button');
  button.textContent = payLabel(options.payment.Total_Amount_to_Pay, checkoutLocale(options, doc));
  button.addEventListener('click', () => {
    button.setAttribute('aria-busy', 'true');  // the dialog follows when the checkout has arrived
    onOpen();
  });
  top.append(button);
  root.append(top);
}

// The rest of the widget could not be fetched: said in its place (under the button, which can no longer help).
export function placeholderFailed(element, options) {
  const doc = element.ownerDocument;
  let root = element.shadowRoot;
  if (!root) {
    root = element.attachShadow({ mode: 'open' });
    adoptStyles(root, options.nonce, BASE_CSS);
  }
  const button = root.querySelector('button.pay');
  if (button) {
    button.disabled = true;
    button.removeAttribute('aria-busy');
  }
  const message = doc.createElement('p');
  message.className = 'error';
  message.setAttribute('role', 'alert');
  message.textContent = COULD_NOT_LOAD[checkoutLocale(options, doc)];
  (root.querySelector('.root') || root).append(message);
}
