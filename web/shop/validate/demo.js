// Demo page: live validation of an LTGS payment request through the WebAssembly core.
// Loaded after /dist/checkout.js (both deferred), which defines the global createCheckoutModule.
// All text coming from the core or the form is written with textContent, never innerHTML.
(function () {
  'use strict';

  const FIELDS = ['Sale_Reference_ID', 'Customer_KYC_ID', 'Phone_Number', 'Email_Address',
                  'Services_Name', 'Total_Amount_to_Pay', 'Callback_URL'];
  const AMOUNT = 'Total_Amount_to_Pay';
  const francs = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

  const form = document.getElementById('payment-form');
  const status = document.getElementById('core-status');
  const submit = document.getElementById('submit');
  const summary = document.getElementById('result-summary');
  const errorList = document.getElementById('result-errors');
  const jsonOut = document.getElementById('result-json');

  const inputOf = (field) => form.elements.namedItem(field);
  const messageOf = (field) => document.getElementById(`m-${field}`);
  const touched = new Set();  // fields left at least once: their errors show while typing

  // The demo runs in sandbox mode, so that a callback on this machine is accepted.
  const settings = () => ({ sandbox: true, currentYear: new Date().getFullYear() });

  function showMessage(field, kind, text) {
    const input = inputOf(field);
    const message = messageOf(field);
    message.textContent = text;
    message.className = `message ${kind}`;
    if (kind === 'error') input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  // The normalised value, as a hint under a valid field.
  function hint(core, field, value) {
    if (field === 'Phone_Number') {
      const parsed = core.parsePhone(inputOf(field).value);
      if (parsed.ok) {
        const phone = parsed.value;
        const wallet = phone.hasWallet ? '' : ' (no mobile-money wallet on this network)';
        return `${phone.local} · ${phone.e164} · ${phone.operator}${wallet}`;
      }
    }
    if (field === AMOUNT) return `RWF ${francs.format(value)} (whole francs)`;  // as the widget and the shop write it
    if (field === 'Email_Address' && value === '') return 'Not given (optional)';
    return `Sent as: ${value}`;
  }

  function checkField(core, field, { showErrors }) {
    const result = core.validateField(field, inputOf(field).value, settings());
    if (result.ok) {
      showMessage(field, 'ok', hint(core, field, result.value));
    } else if (showErrors) {
      showMessage(field, 'error', result.errors[0].message);
    } else {
      showMessage(field, 'pending', '');
    }
    return result;
  }

  function clearResult() {
    errorList.replaceChildren();
    errorList.hidden = true;
    jsonOut.textContent = '';
    jsonOut.hidden = true;
  }

  function showErrors(errors) {
    for (const error of errors) {
      const item = document.createElement('li');
      const code = document.createElement('code');
      code.textContent = error.code;
      item.append(`${error.field}: ${error.message} `, code);
      errorList.append(item);
      if (FIELDS.includes(error.field)) showMessage(error.field, 'error', error.message);
    }
    errorList.hidden = false;
  }

  function submitRequest(core) {
    clearResult();
    const payload = {};
    let amountError = null;
    for (const field of FIELDS) {
      const value = inputOf(field).value;
      if (field === AMOUNT) {
        // On the wire the amount is a JSON number: read what the person typed ("RWF 15,000") first.
        const amount = core.validateField(AMOUNT, value, settings());
        if (amount.ok) payload[AMOUNT] = amount.value;
        else [amountError] = amount.errors;
      } else if (!(field === 'Email_Address' && value.trim() === '')) {
        payload[field] = value;
      }
    }
    const result = core.validateRequestJson(JSON.stringify(payload), settings());
    for (const field of FIELDS) touched.add(field);
    if (result.ok) {
      for (const field of FIELDS) checkField(core, field, { showErrors: true });
      const { request, phone } = result.value;
      summary.textContent = `Valid. Payload for LTGS (phone ${phone.e164}, ${phone.operator}):`;
      jsonOut.textContent = JSON.stringify(request, null, 2);
      jsonOut.hidden = false;
      return;
    }
    // The amount's own parse error replaces the core's complaint about the missing number.
    let errors = result.errors;
    if (amountError) {
      errors = errors.filter((e) => e.field !== AMOUNT);
      const at = errors.findIndex((e) => FIELDS.indexOf(e.field) > FIELDS.indexOf(AMOUNT));
      errors.splice(at < 0 ? errors.length : at, 0, amountError);
    }
    const n = errors.length;
    summary.textContent = `Not valid: ${n} problem${n === 1 ? '' : 's'}.`;
    showErrors(errors);
  }

  function start(core) {
    for (const field of FIELDS) {
      const input = inputOf(field);
      input.addEventListener('input', () => checkField(core, field, { showErrors: touched.has(field) }));
      input.addEventListener('blur', () => {
        touched.add(field);
        checkField(core, field, { showErrors: true });
      });
      checkField(core, field, { showErrors: input.value !== '' });
    }
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitRequest(core);
    });
    submit.disabled = false;
    status.textContent = 'WebAssembly core loaded: fields are checked as you type.';
    status.className = 'status ready';
  }

  function fail(err) {
    status.textContent = `Could not load the WebAssembly core: ${err && err.message ? err.message : err}`;
    status.className = 'status failed';
  }

  if (typeof createCheckoutModule !== 'function') {
    fail(new Error('/dist/checkout.js did not load (run npm run build:wasm)'));
    return;
  }
  // The .wasm sits beside checkout.js under /dist/.
  createCheckoutModule({ locateFile: (file) => `/dist/${file}` }).then(start, fail);
})();
