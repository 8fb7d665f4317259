// The dialog's focus (button and modal modes): Tab kept inside while it is open, and focus given back, when
// it closes, to what had it when it opened.

// What has focus, looking into shadow roots: after a click on our own pay button the document's
// activeElement is the <ltgs-checkout> host, which cannot take focus back; the button inside can.
function deepActiveElement(doc) {
  let active = doc.activeElement;
  while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

// The dialog's controls that Tab stops at, in order: enabled, rendered, and for a radio group the
// checked one.
function tabStops(dialog) {
  return [...dialog.querySelectorAll('button, input, select, textarea, a[href], [tabindex]')].filter((n) =>
    !n.disabled && n.tabIndex >= 0 && n.getClientRects().length > 0 &&
    !(n.type === 'radio' && !n.checked && dialog.querySelector(`input[type="radio"][name="${n.name}"]:checked`)));
}

// A modal dialog makes the page inert, but Tab past its last control still leaves it (for the browser's
// own toolbar, or the document): Tab and Shift+Tab wrap around inside instead. root: the shadow root.
function keepFocusInside(dialog, root, e) {
  if (e.key !== 'Tab' || e.altKey || e.ctrlKey || e.metaKey) return;
  const stops = tabStops(dialog);
  if (!stops.length) return;
  const active = root.activeElement;
  const [first, last] = [stops[0], stops[stops.length - 1]];
  const leaving = e.shiftKey ? active === first || active === dialog || !active : active === last;
  if (!leaving) return;
  e.preventDefault();
  (e.shiftKey ? last : first).focus();
}

// Keeps Tab inside the dialog and gives focus back when it closes. remember(): before it opens; restore():
// when it closes (also done on its close event).
export function trapFocus(dialog, root) {
  let returnFocus = null;
  const restore = () => {
    const target = returnFocus;
    returnFocus = null;
    if (target && typeof target.focus === 'function' && target.isConnected) target.focus();
  };
  dialog.addEventListener('close', restore);
  dialog.addEventListener('keydown', (e) => keepFocusInside(dialog, root, e));
  return {
    remember() {
      returnFocus = deepActiveElement(dialog.ownerDocument);
    },
    restore,
  };
}
