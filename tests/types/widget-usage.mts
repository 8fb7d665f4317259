// The widget's declarations as an integrator's TypeScript uses them: type-checked by `npm run test:types`.
import LTGSCheckout, { open, loadCore, type CheckoutOptions } from '../../dist/ltgs-checkout.mjs';

const options: CheckoutOptions = {
  payment: { Sale_Reference_ID: 'LTGSINV_230624_001', Total_Amount_to_Pay: 15000, Services_Name: 'Water Bill - May 2025' },
  initiateUrl: '/checkout/initiate',
  statusUrl: '/checkout/status',
  locale: 'rw',
  methods: ['MTN_MOMO', 'QR'],
  checkoutToken: 'ct1.0.token',
  onSuccess: (outcome) => console.log(outcome.status, outcome.paymentRefId),
};
const controller = open(options);
const outcome = await controller.result;
console.log(outcome.status === 'PAID' ? outcome.reference : outcome.error?.code);
controller.close();
console.log(LTGSCheckout.version);

const core = await loadCore();
const decision = core.decideInitiation({ reference: 'X', amountRwf: 15000, attempts: [] }, 1, Date.now());
if (decision.ok) console.log(decision.value.decision, decision.value.code, decision.value.retryAtMs);
else console.log(decision.errors[0].code, decision.errors[0].params);
const reference = core.attemptReference('X', 2);
if (reference.ok) console.log(reference.value.toUpperCase());

document.addEventListener('ltgs:success', (e) => console.log(e.detail.paymentRefId));
