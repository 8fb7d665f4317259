// Type declarations for ltgs-checkout: the ES module (dist/ltgs-checkout.mjs, `import … from 'ltgs-checkout'`)
// and the global LTGSCheckout that the script-tag builds define (dist/ltgs-checkout.js, .single.js).
// Hand-written (Emscripten 3.1.6 has no --emit-tsd); scripts/build-web.mjs checks that it parses and that it
// declares everything the module exports. Script-tag users: `/// <reference types="ltgs-checkout" />`.

// ---- Vocabulary ----------------------------------------------------------------------------------------

/** A way to pay, as LTGS names it in `Payment_Method`. */
export type PaymentMethod = 'MTN_MOMO' | 'AIRTEL_MONEY' | 'QR' | 'USSD';

/** English, Kinyarwanda, French. Anything else falls back to the page's `lang`, then English. */
export type Locale = 'en' | 'rw' | 'fr';

export type Theme = 'light' | 'dark';

/** A payment's state in the core's lifecycle; it only moves forward. */
export type PaymentState =
  | 'DRAFT' | 'VALIDATED' | 'INITIATING' | 'PENDING'
  | 'PAID' | 'FAILED' | 'EXPIRED' | 'CANCELLED' | 'AMOUNT_MISMATCH';

/**
 * Why LTGS ended a payment FAILED, when its status document says (`Failure_Reason`): the core's reading of the
 * word. `failure.unknown` is a word the core does not know (the payer is shown the generic text).
 */
export type FailureCode = 'failure.insufficient_funds' | 'failure.declined_by_payer' | 'failure.expired' | 'failure.unknown';

/**
 * A problem found by the core: `code` is stable (translated by the widget), `message` plain English from the
 * Node core (`ltgs-checkout/core`), the code itself from the widget's `loadCore()` (its wasm carries no English
 * text: wasm/README.md).
 */
export interface CoreError {
  /** The LTGS wire name (`"Phone_Number"`), `"$"` for the whole document, or a setting's name. */
  field?: string;
  code: string;
  message: string;
  /**
   * What a translation needs, by name (`min`, `max`, `member`, …; dist/codes.json lists each code's): the core's
   * own errors always carry it (`{}` when there is nothing to say); errors from elsewhere may not.
   */
  params?: Record<string, string | number>;
}

// ---- Options ---------------------------------------------------------------------------------------------

/**
 * The payment, with LTGS's field names. `Callback_URL` is not here: the partner's backend adds it.
 * Customer fields left out are asked for in the checkout.
 */
export interface PaymentDetails {
  /** 1–64 ASCII letters, digits, `_`, `-`, `.`; also the idempotency key of the initiation. */
  Sale_Reference_ID: string;
  /** Whole Rwandan francs (RWF has no minor unit in use): a positive safe integer. */
  Total_Amount_to_Pay: number;
  /** Shown in the checkout's header; 1–100 characters. */
  Services_Name: string;
  /** A Rwandan mobile number in any common form (`0788123456`, `+250 788 123 456`, …). */
  Phone_Number?: string;
  /** A 16-digit Rwandan national ID. */
  Customer_KYC_ID?: string;
  Email_Address?: string;
}

/** Which payment options the core may offer (all optional; `methods` overrides the four flags). */
export interface MerchantConfig {
  mtnMomo?: boolean;
  airtelMoney?: boolean;
  qr?: boolean;
  ussd?: boolean;
  /**
   * Enables USSD (MoMo Pay) for MTN numbers. Script tag: `data-mtn-merchant-code="012345"`. Without it (or
   * `airtelUssdTemplate`) USSD is never offered: a `methods` list naming USSD is then reported (console.warn and
   * an `ltgs:status` with reason `options.method_unavailable`), not silently shortened.
   */
  mtnMerchantCode?: string;
  airtelMerchantCode?: string;
  /** Airtel publishes no merchant-pay string: Airtel USSD needs a configured template. */
  airtelUssdTemplate?: string;
}

/** The status poller's schedule, milliseconds: firstDelayMs × backoffFactor^attempt, at most maxDelayMs, ± jitter. */
export interface PollSettings {
  firstDelayMs?: number;
  backoffFactor?: number;
  maxDelayMs?: number;
  /** Fraction, 0–1. */
  jitter?: number;
  hiddenDelayMs?: number;
  notFoundGraceMs?: number;
  maxRetryAfterMs?: number;
  lifetimeMs?: number;
}

export interface CheckoutOptions {
  payment: PaymentDetails;
  /** Your backend's endpoint; receives a POST of the LTGS payload plus `Payment_Method`, header `Idempotency-Key`. */
  initiateUrl: string;
  /**
   * Polled as `{statusUrl}/{Sale_Reference_ID}` (or with `{ref}` replaced, when the URL contains it); answers a
   * StatusAnswer.
   */
  statusUrl: string;
  /** Also a language tag or name (`en-GB`, `kin`, `fr-RW`); unknown ones fall back to the page's, then English. */
  locale?: Locale | (string & {});
  theme?: Theme;
  /**
   * A subset of the payment methods, in any order; the core recommends one of them (script tag:
   * `data-methods="MTN_MOMO,QR"`). A method this configuration can never offer (USSD without
   * `merchant.mtnMerchantCode`) is reported: console.warn and `ltgs:status` with reason `options.method_unavailable`.
   */
  methods?: PaymentMethod[];
  /** The page's CSP nonce, for browsers without constructable stylesheets (a `<style nonce>` fallback). */
  nonce?: string;
  /** Extra request headers sent to initiateUrl and statusUrl (e.g. a CSRF token). */
  headers?: Record<string, string>;
  /** The checkout token your backend gave this page for its order (`data-checkout-token`); sent as
   *  `X-Checkout-Token` with every request to initiateUrl and statusUrl. */
  checkoutToken?: string;
  /**
   * How long a payment may stay pending before it expires, milliseconds (default 10 minutes). The countdown
   * shows LTGS's own deadline when its status document carries `Expires_At` (and keeps checking until then);
   * without one the customer is told this lifetime roughly ("about 9 minutes left").
   */
  lifetimeMs?: number;
  pollSettings?: PollSettings;
  /** The merchant's payment settings; script tag: `data-mtn-merchant-code` sets `mtnMerchantCode`. */
  merchant?: MerchantConfig;
  emailRequired?: boolean;
  /** Amount limits, whole francs (defaults 1 and 2,000,000). */
  minAmountRwf?: number;
  maxAmountRwf?: number;
  /**
   * The payment is PAID: once per attempt reference. Also for an attempt the customer stopped waiting for, when
   * LTGS reports it paid later (the paid screen then shows at once, or at the next opening of the dialog).
   */
  onSuccess?: (outcome: Outcome) => void;
  /**
   * FAILED, EXPIRED, CANCELLED (LTGS's word: a customer's cancel only stops the waiting, and is no failure),
   * AMOUNT_MISMATCH, FAILED with `error` when the partner's backend refused to start the payment (its code,
   * e.g. `order.attempt_open`, `order.paid`), or PENDING with `error` when the status endpoint refuses us.
   */
  onFailure?: (outcome: Outcome) => void;
  /** The checkout closed (by the customer or `close()`). */
  onClose?: (outcome: Outcome) => void;
  /** Every change of the payment's state. */
  onStatusChange?: (status: StatusDetail) => void;
}

// ---- Results and events ----------------------------------------------------------------------------------

export type OutcomeStatus =
  | 'PAID' | 'FAILED' | 'EXPIRED' | 'CANCELLED' | 'AMOUNT_MISMATCH' | 'CLOSED'
  /** Only with `error`: the status endpoint refused us; the payment may still complete. */
  | 'PENDING';

/** How a checkout ended (the detail of ltgs:success, ltgs:failure and ltgs:close). */
export interface Outcome {
  status: OutcomeStatus;
  /** The Sale_Reference_ID of the attempt: a retry after a failure is `<reference>-R2`, `-R3`, … */
  reference: string;
  /** LTGS's Payment_Ref_ID, once paid. */
  paymentRefId: string | null;
  /** Total_Amount_to_Pay, whole francs. */
  amount: number;
  method: PaymentMethod | null;
  /** AMOUNT_MISMATCH: the Total_Amount_Paid LTGS reported. */
  amountPaid?: number | null;
  /**
   * FAILED, when LTGS said why: its `Failure_Reason` as sent (`INSUFFICIENT_FUNDS`, `DECLINED_BY_PAYER`, …). The
   * core's reading of it is `error.code` (`failure.insufficient_funds`, …, `failure.unknown`).
   */
  failureReason?: string;
  error?: OutcomeError;
  /**
   * CLOSED only: the customer had stopped waiting for this attempt. It is still checked, quietly, until LTGS
   * ends it or its deadline passes; ltgs:success follows if it is paid.
   */
  stoppedWaiting?: boolean;
}

export interface OutcomeError {
  /**
   * The core's code (`poll.unauthorized`, … with the status endpoint's `httpStatus`), for a FAILED payment whose
   * status carried `Failure_Reason` the core's reading of it (`failure.insufficient_funds`,
   * `failure.declined_by_payer`, `failure.expired`, `failure.unknown`), or the partner's backend's refusal of the initiation
   * (`order.paid`, `order.payment_under_review`, `order.attempt_open`, `order.attempt_ended`,
   * `order.attempt_out_of_sequence`, `order.too_many_attempts`, `order.unknown`, `order.amount_mismatch`,
   * `rate.phone`, `rate.order` (429), `checkout.token_missing`, `checkout.token_invalid`,
   * `checkout.token_expired` (403: the page must be reloaded), `request.host` (421), `phone.*`, …;
   * `initiate.rejected` when it gave none).
   */
  code: string;
  /** Plain English. */
  message: string;
  /** The HTTP status of the partner's backend's refusal, or of the status endpoint's (`poll.*`). */
  httpStatus?: number;
  /**
   * order.attempt_open: when the open request ends at the latest; rate.*: when another request may be made
   * (its retryAtMs, else its Retry-After header). Epoch milliseconds.
   */
  retryAtMs?: number;
}

/** The detail of ltgs:status and the argument of onStatusChange. */
export interface StatusDetail {
  state: PaymentState;
  /**
   * The core's reason code, e.g. `initiate.accepted`, `status.pending`, `fetch.timeout`,
   * `lifecycle.stopped_waiting`, `lifecycle.waiting_again`; or the partner's backend's refusal code
   * (`order.attempt_open`, …) when it would not start the payment; or, with the payment still PENDING, the
   * core's reason for not showing LTGS's QR_Payload or USSD_Code (`qr.amount_mismatch`, `qr.not_emv`,
   * `ussd.unrecognised`, …), with `error`; or, with state DRAFT before anything is sent,
   * `options.method_unavailable` (with `method` and `error`): `methods` names a method this configuration can
   * never offer.
   */
  reason: string;
  reference: string;
  method: PaymentMethod | null;
  /**
   * The customer stopped waiting: LTGS has no cancel request, so the payment stays open there and may still be
   * approved. It is checked quietly; nothing is paid or failed until LTGS says so.
   */
  stoppedWaiting: boolean;
  /**
   * With a refusal of the partner's backend, a QR or USSD code the core would not show, an unavailable method,
   * or a FAILED payment whose status carried `Failure_Reason` (`failure.*`).
   */
  error?: OutcomeError;
  /** reason `fetch.http_status`: the status endpoint's HTTP status. */
  httpStatus?: number;
  /** FAILED: LTGS's `Failure_Reason` as sent, when it gave one. */
  failureReason?: string;
}

export interface CheckoutController {
  /** The `<ltgs-checkout>` host element; the DOM events are dispatched on it. */
  readonly element: LtgsCheckoutElement;
  /** Closes the checkout (a modal is removed); a pending payment is kept and resumed when reopened. */
  close(): void;
  /**
   * Resolves with the outcome of a success or a close (a failure can still be retried). Rejects with an
   * `LTGSCheckoutError` when the wasm core cannot load or the partner's payment details are refused.
   */
  readonly result: Promise<Outcome>;
}

/** A TypeError whose `code` is the core's (`core.load_failed`, `amount.below_minimum`, …). */
export interface LTGSCheckoutError extends TypeError {
  code: string;
}

export interface LTGSCheckoutEventMap {
  'ltgs:status': CustomEvent<StatusDetail>;
  'ltgs:success': CustomEvent<Outcome>;
  'ltgs:failure': CustomEvent<Outcome>;
  'ltgs:close': CustomEvent<Outcome>;
}

// ---- The API -------------------------------------------------------------------------------------------

/** Opens the checkout as a modal dialog. Throws a TypeError for malformed options. */
export declare function open(options: CheckoutOptions): CheckoutController;

/** Mounts the checkout inline, inside `container`. Throws a TypeError for malformed options. */
export declare function mount(container: Element, options: CheckoutOptions): CheckoutController;

/** The API object: `window.LTGSCheckout` in the script-tag builds, the default export of the module. */
export interface LTGSCheckoutApi {
  open(options: CheckoutOptions): CheckoutController;
  mount(container: Element, options: CheckoutOptions): CheckoutController;
  loadCore(options?: CoreLoadOptions): Promise<CheckoutCore>;
  readonly version: string;
  /** Renders the pay button for a `<script data-…>` tag (used by a second copy of the script). */
  renderScriptTag(script: HTMLScriptElement): CheckoutController | null;
}

export declare const LTGSCheckout: Readonly<LTGSCheckoutApi>;
export default LTGSCheckout;

/** Registers `<ltgs-checkout>` unless it is already defined; returns the registered class. */
export declare function defineCheckoutElement(registry?: CustomElementRegistry): CustomElementConstructor | undefined;

/** The `<ltgs-checkout>` element (open shadow root). Create it through open() or mount(). */
export declare class LtgsCheckoutElement extends HTMLElement {
  /** The language in use. */
  readonly locale: Locale;
  setup(options: CheckoutOptions, settings: {
    mode: 'button' | 'modal' | 'inline';
    emit(type: 'status' | 'success' | 'failure' | 'close' | 'error', detail: unknown): void;
  }): this;
  /** Shows the dialog (button and modal modes). */
  openCheckout(): void;
  /**
   * Closes the checkout; polling stops, a pending payment is kept. A payment the customer stopped waiting for
   * is still checked, quietly, until LTGS ends it (until the element leaves the document).
   */
  close(): void;
}

// ---- The wasm core ----------------------------------------------------------------------------------------

/**
 * Where the core's .wasm comes from. Node reads it from disk by itself; in a browser it is fetched from beside
 * the module. wasmUrl (relative to the page) or locateFile names it, wasmBinary gives its bytes, and
 * instantiateWasm(imports, receive) lets the page instantiate it. The widget's own core takes no other option
 * (wasm/README.md); the Node core (`ltgs-checkout/core`) is Emscripten's, which takes Emscripten's.
 */
export interface CoreLoadOptions {
  wasmUrl?: string;
  locateFile?: (file: string, prefix: string) => string;
  wasmBinary?: ArrayBuffer | Uint8Array;
  instantiateWasm?: (imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance, module?: WebAssembly.Module) => void) => unknown;
  [option: string]: unknown;
}

/** Validation settings; every member optional. */
export interface CoreSettings {
  minAmountRwf?: number;
  maxAmountRwf?: number;
  emailRequired?: boolean;
  /** Allows a plain-http Callback_URL on localhost / 127.0.0.1. */
  sandbox?: boolean;
  callbackUrlRequired?: boolean;
  /** Upper bound of the birth year in Customer_KYC_ID; 0 checks only the 1900 lower bound. */
  currentYear?: number;
}

/** Every function of the core answers so (wasm/README.md): its value, or every problem at once, in field order. */
export type CoreAnswer<T> = { ok: true; value: T } | { ok: false; errors: Array<CoreError & { params: Record<string, string | number> }> };

export type Operator = 'MTN' | 'Airtel' | 'KTRN';

/** The normalised payload to send to LTGS. */
export interface LtgsRequest {
  Sale_Reference_ID: string;
  Customer_KYC_ID: string;
  Phone_Number: string;
  Email_Address: string;
  Services_Name: string;
  Total_Amount_to_Pay: number;
  Callback_URL?: string;
}

/** LTGS's status / callback document (absent optional members are null). */
export interface LtgsNotification {
  Sale_Reference_ID: string;
  Payment_Status: string;
  Payment_Channel: string | null;
  Payment_Ref_ID: string | null;
  Total_Amount_Paid: number | null;
  Paid_On: string | null;
}

/**
 * What the widget reads from your backend's initiateUrl and statusUrl answers: LTGS's status document, and what
 * ltgs-checkout/server passes on besides (nothing else).
 */
export interface StatusAnswer extends LtgsNotification {
  /** QR payments (initiation answer): the payload to draw, checked by the core first. */
  QR_Payload?: string;
  /** USSD payments (initiation answer): the code to dial, checked by the core first. */
  USSD_Code?: string;
  /** FAILED: why, a code word (`INSUFFICIENT_FUNDS`, `DECLINED_BY_PAYER`, …): the customer is told what to do. */
  Failure_Reason?: string;
  /**
   * PENDING: when LTGS ends the payment unless it is approved, ISO-8601 in UTC (`2026-11-28T10:10:00Z`): the
   * countdown shows it. Without it the widget counts its own `lifetimeMs`, and says so only roughly.
   */
  Expires_At?: string;
}

export interface PaymentOption {
  method: PaymentMethod;
  recommended: boolean;
  phone?: string;
  dial?: string;
  tel?: string;
}

/** A payment as the core writes it: plain data, no customer details (safe for sessionStorage). */
export interface Payment {
  saleReferenceId: string;
  amountRwf: number;
  state: PaymentState;
  initiatedAtMs: number | null;
  acceptedAtMs: number | null;
  expiresAtMs: number | null;
  initiateInFlight: boolean;
  initiateAttempts: number;
  pollCount: number;
  unknownStatusCount: number;
  refusedResponseCount: number;
  lastOutcome: string;
  lastHttpStatus: number | null;
  lastStatus: string;
  paymentRefId: string | null;
  paymentChannel: string | null;
  paidOn: string | null;
  amountPaidRwf: number | null;
  lastErrorCode: string;
  /** The customer stopped waiting: LTGS may still finish the payment, so it is still checked, quietly. */
  stoppedWaiting: boolean;
  /** FAILED: LTGS's Failure_Reason as sent (`INSUFFICIENT_FUNDS`, …); `""` when it gave none. */
  failureReason?: string;
  /** failureReasonCode(failureReason): what the widget tells the payer; `""` when LTGS gave no reason. */
  failureCode?: FailureCode | '';
  /**
   * LTGS's own deadline for the payment (its status document's `Expires_At`), epoch milliseconds, or null when
   * it gave none. The countdown shows it; `expiresAtMs` moves out to it when it is later, never in.
   */
  ltgsExpiresAtMs?: number | null;
}

/** One payment attempt of an order, as the partner's backend keeps it. */
export interface OrderAttempt {
  number: number;
  state: 'PENDING' | 'PAID' | 'AMOUNT_MISMATCH' | 'FAILED' | 'EXPIRED' | 'CANCELLED' | 'REJECTED';
  startedAtMs: number;
  expiresAtMs: number;
  paymentRefId?: string | null;
  amountPaidRwf?: number | null;
}

/** The partner's bill and its attempts. */
export interface Order {
  reference: string;
  amountRwf: number;
  attempts: OrderAttempt[];
}

export interface InitiationDecision {
  decision: 'newAttempt' | 'resend' | 'refused';
  /** order.new_attempt, order.resend, order.paid, order.payment_under_review, order.attempt_open,
   *  order.attempt_ended, order.attempt_out_of_sequence, order.too_many_attempts */
  code: string;
  message: string;
  number: number;
  reference: string;
  retryAtMs: number | null;
  recheckFirst: boolean;
  nextReference: string;
}

export interface OrderStatus {
  state: 'NEW' | 'PENDING' | 'PAID' | 'AMOUNT_MISMATCH' | 'FAILED' | 'EXPIRED' | 'CANCELLED';
  paidAttempt: number | null;
  duplicateAttempts: number[];
  mismatchAttempts: number[];
  amountPaidRwf: number;
  refundDueRwf: number;
  openAttempt: number | null;
  attemptCount: number;
  nextAttemptNumber: number;
  nextReference: string;
}

export interface CheckoutRules {
  methods: PaymentMethod[];
  finalStatuses: string[];
  retryAfter: string[];
  maxAttempts: number;
  maxOrderReferenceLength: number;
}

export interface Transition {
  payment: Payment;
  reason: string;
  refused: boolean;
  /** Why a response body was unusable (applied as a malformed answer). */
  warnings: CoreError[];
}

export interface PollDecision {
  action: 'pollAgain' | 'finalCheck' | 'stopExpired' | 'stopError' | 'idle' | 'done';
  delayMs: number;
  code: string;
}

/** The loaded wasm core: plain objects in and out, nothing to delete. */
export interface CheckoutCore {
  validateRequestJson(json: string, settings?: CoreSettings): CoreAnswer<{ request: LtgsRequest; phone: { e164: string; operator: Operator } }>;
  /** The normalised value: a string, or whole francs for Total_Amount_to_Pay. */
  validateField(wireName: string, value: unknown, settings?: CoreSettings): CoreAnswer<string | number>;
  paymentOptions(requestJson: string, merchantConfig?: MerchantConfig, settings?: CoreSettings): CoreAnswer<{ default: PaymentMethod; options: PaymentOption[] }>;
  parseCallbackJson(json: string): CoreAnswer<LtgsNotification>;
  parsePhone(text: string): CoreAnswer<{ local: string; e164: string; operator: Operator; hasWallet: boolean }>;
  /** Whole francs. */
  parseAmount(text: string): CoreAnswer<number>;
  parseNationalId(text: string, currentYear?: number): CoreAnswer<string>;
  parseEmail(text: string): CoreAnswer<string>;
  parseCallbackUrl(text: string, sandbox?: boolean): CoreAnswer<string>;
  parseServicesName(text: string): CoreAnswer<string>;
  parseSaleReference(text: string): CoreAnswer<string>;
  qrSvg(text: string, options?: { ecc?: 'L' | 'M' | 'Q' | 'H'; dark?: string; light?: string; title?: string; quietZone?: number }): CoreAnswer<{ svg: string; size: number; version: number; ecc: string }>;
  qrMatrix(text: string, ecc?: 'L' | 'M' | 'Q' | 'H'): CoreAnswer<{ size: number; version: number; ecc: string; rows: string[] }>;
  /** A damaged payload is refused; missing mandatory objects (emv.missing_mcc, …) are `warnings`, field "QR_Payload". */
  emvParse(payload: string): CoreAnswer<Record<string, unknown> & { warnings: CoreError[] }>;
  /** The payload text. */
  emvBuild(input: Record<string, unknown>): CoreAnswer<string>;
  mtnMomoPayUssd(merchantCode: string, amount: number): CoreAnswer<{ dial: string; tel: string }>;
  ussdCode(template: string, merchantCode: string, amount: number): CoreAnswer<{ dial: string; tel: string }>;
  /** The `tel:` link for a dial string (`#` escaped). */
  ussdTelLink(dial: string): CoreAnswer<string>;
  /**
   * LTGS's QR_Payload checked against the payment before it is drawn: an EMVCo payload in RWF (646) for this
   * amount, or without an amount (`payerEntersAmount`: the payer types it). Codes: qr.not_emv,
   * qr.missing_currency, qr.currency_mismatch, qr.amount_mismatch, qr.tip_or_fee, qr.invalid_amount, emv.*.
   */
  checkQrPayload(payload: string, amountRwf: number): CoreAnswer<{
    payerEntersAmount: boolean; dynamic: boolean; amount: string | null; currency: string; merchantName: string;
    merchantCity: string; referenceLabel: string | null; warnings: CoreError[];
  }>;
  /**
   * A USSD_Code recognised for this amount (MTN MoMo Pay, or the merchant's Airtel template) before it is shown
   * or linked. Codes: ussd.unrecognised, ussd.amount_mismatch, ussd.merchant_mismatch, ussd.no_amount,
   * ussd.invalid_template, ussd.invalid_amount, and settings.* / json.* for a bad merchant configuration.
   */
  checkUssdCode(dial: string, amountRwf: number, merchantConfig?: MerchantConfig): CoreAnswer<{
    dial: string; tel: string; scheme: 'MTN_MOMO_PAY' | 'AIRTEL_TEMPLATE'; merchantCode: string;
  }>;
  /** A Retry-After header value (delta-seconds or an HTTP date) as milliseconds from nowMs, or null. */
  retryAfterMs(headerValue: string, nowMs: number): CoreAnswer<number | null>;
  /**
   * LTGS's Failure_Reason word as the core's code: `failure.insufficient_funds`, `failure.declined_by_payer`,
   * `failure.expired`, `failure.unknown` for any other word, `""` for none.
   */
  failureReasonCode(word: string): CoreAnswer<FailureCode | ''>;
  /**
   * The partner's methods (an array, or names separated by commas) that this merchant configuration can never
   * offer: USSD without `mtnMerchantCode` or `airtelUssdTemplate` (code `options.method_unavailable`, the
   * method in `params.method`).
   */
  unavailableMethods(merchantConfig: MerchantConfig | undefined, methods: string[] | string): CoreAnswer<CoreError[]>;
  /** LTGS's status word for a Payment_Status as sent: trimmed, any case; other words are "UNKNOWN". */
  paymentStatusWord(paymentStatus: string): CoreAnswer<'PENDING' | 'PAID' | 'FAILED' | 'EXPIRED' | 'CANCELLED' | 'UNKNOWN'>;
  draftPayment(saleReferenceId: string, amountRwf: number): CoreAnswer<Payment>;
  applyEvent(payment: Payment, event: { kind: string; [member: string]: unknown }): CoreAnswer<Transition>;
  nextPoll(payment: Payment, input: { nowMs: number; finalCheckDone?: boolean; retryAfter?: string | null; pageHidden?: boolean; random01?: number }, settings?: PollSettings): CoreAnswer<PollDecision>;
  /** Attempt `number`'s Sale_Reference_ID: the order reference for 1, "<order>-R<n>" for 2 … 20. */
  attemptReference(orderReference: string, number: number): CoreAnswer<string>;
  parseAttemptReference(saleReferenceId: string): CoreAnswer<{ orderReference: string; number: number; reference: string }>;
  parsePaymentMethod(value: unknown): CoreAnswer<PaymentMethod>;
  decideInitiation(order: Order, requestedNumber: number, nowMs: number): CoreAnswer<InitiationDecision>;
  startAttempt(number: number, nowMs: number, lifetimeMs: number): CoreAnswer<OrderAttempt>;
  applyAttemptStatus(attempt: OrderAttempt, orderAmountRwf: number, statusJson: string): CoreAnswer<{ attempt: OrderAttempt; code: string; changed: boolean; status: string }>;
  rejectAttempt(attempt: OrderAttempt): CoreAnswer<OrderAttempt>;
  orderStatus(order: Order): CoreAnswer<OrderStatus>;
  checkoutRules(): CoreAnswer<CheckoutRules>;
  /**
   * Every code the core writes (dist/codes.json): its kind, field, English message with {placeholders}, params.
   * The widget's core has no English text: its entries have `message: ""` and `params: []` (read dist/codes.json).
   */
  codes(): CoreAnswer<CodeEntry[]>;
}

export interface CodeEntry {
  code: string;
  kind: 'error' | 'warning' | 'outcome';
  /** A wire name, "$", "<object>" (an option object's name), "<member>" or "<field>"; "" for outcomes. */
  field: string;
  message: string;
  params: string[];
}

/** The wasm core, loaded once per page (a failed load is retried on the next call). */
export declare function loadCore(options?: CoreLoadOptions): Promise<CheckoutCore>;

// ---- PaymentFlow ---------------------------------------------------------------------------------------

export interface PaymentFlowOptions {
  core: CheckoutCore;
  /** The validated LTGS payload, plus Payment_Method. */
  request: LtgsRequest & { Payment_Method?: PaymentMethod };
  initiateUrl: string;
  /** A URL (`{ref}` is replaced, else the reference is appended) or a function of the reference. */
  statusUrl: string | ((reference: string) => string);
  headers?: Record<string, string>;
  lifetimeMs?: number;
  pollSettings?: PollSettings;
  fetchTimeoutMs?: number;
  /** A saved payment to resume. */
  payment?: Payment;
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (id: unknown) => void;
  document?: Document | null;
  window?: Window | null;
}

/** The partner's backend's non-2xx answer to the initiation, read defensively (at most 16 KiB of its body). */
export interface InitiationRejection {
  httpStatus: number;
  /** The first error's code (`order.attempt_open`, `phone.too_short`, …); null when the body explains nothing. */
  code: string | null;
  errors: CoreError[];
  /** order.attempt_open: when the open request ends at the latest (epoch milliseconds). */
  retryAtMs: number | null;
  /** order.attempt_ended, order.attempt_out_of_sequence: the attempt reference to use instead. */
  nextReference: string | null;
}

/** How a PaymentFlow ended. */
export interface FlowEnd {
  state: PaymentState;
  payment: Payment;
  /** close() or dispose() was called. */
  closed?: boolean;
  /** The status endpoint refused us (`poll.unauthorized`, `poll.not_found`, …). */
  error?: { code: string };
  /**
   * The partner's backend refused the initiation. With a code the flow ends at once (sending again would be
   * refused the same way); without one, when the core says the failure is permanent.
   */
  rejection?: InitiationRejection;
}

export interface PaymentFlowEventMap {
  change: CustomEvent<{ payment: Payment; reason: string; refused: boolean; errors: CoreError[]; previousState: PaymentState }>;
  /**
   * What is known of the connection changed: offline (the page's `offline` event, or a request failed:
   * `networkError`, `timeout`), online again (`online`, or a request was answered: `response`).
   */
  connection: CustomEvent<{ online: boolean; cause: 'offline' | 'online' | 'networkError' | 'timeout' | 'response' }>;
  schedule: CustomEvent<PollDecision & { ok: true }>;
  initiated: CustomEvent<{ response: unknown }>;
  end: CustomEvent<FlowEnd>;
}

/** One payment from initiation to a final state: fetch, timers and page events around the core's decisions. */
export declare class PaymentFlow extends EventTarget {
  constructor(options: PaymentFlowOptions);
  readonly payment: Payment;
  readonly result: Promise<FlowEnd>;
  /** False once the flow has ended (a final state, a refusal, close() of a waited-for payment, dispose()). */
  readonly active: boolean;
  /** The connection as last seen: true (a request was answered), false (offline, or a request failed), null. */
  readonly online: boolean | null;
  /** Sends the initiation once and polls until the payment ends; resolves like `result`. */
  start(): Promise<FlowEnd>;
  /**
   * The customer stops waiting. Before anything was sent the payment ends CANCELLED; once sent (LTGS has no
   * cancel request) it stays open with `stoppedWaiting`, is checked quietly at the hidden-page pace and never
   * sent again, and still ends PAID, or EXPIRED at its deadline.
   */
  stopWaiting(): void;
  /** The same as stopWaiting(). */
  cancel(): void;
  /** Waiting again after stopWaiting(): a status check at once, then the usual pace. */
  resumeWaiting(): void;
  /**
   * Stops polling and aborts what is in flight; the payment stays as it is. Not for a payment the customer
   * stopped waiting for: that one is watched until it ends (see dispose()).
   */
  close(): void;
  /** Stops everything, whatever the payment's state. */
  dispose(): void;
  /** A status check now, unless one is under way. */
  checkNow(): void;
  addEventListener<K extends keyof PaymentFlowEventMap>(type: K,
    listener: (this: PaymentFlow, ev: PaymentFlowEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions): void;
}

// ---- Globals -------------------------------------------------------------------------------------------

declare global {
  interface Window {
    /** Defined by the script-tag builds (dist/ltgs-checkout.js, dist/ltgs-checkout.single.js). */
    readonly LTGSCheckout: Readonly<LTGSCheckoutApi>;
  }
  interface HTMLElementTagNameMap {
    'ltgs-checkout': LtgsCheckoutElement;
  }
  // The events bubble and are composed: typed for addEventListener on every element (HTMLElementEventMap
  // extends this map), the document and the window.
  interface GlobalEventHandlersEventMap {
    'ltgs:status': CustomEvent<StatusDetail>;
    'ltgs:success': CustomEvent<Outcome>;
    'ltgs:failure': CustomEvent<Outcome>;
    'ltgs:close': CustomEvent<Outcome>;
  }
}
