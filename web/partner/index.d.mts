// ltgs-checkout/server: the partner's side of the checkout (docs/integration.md has the whole contract).

/** A decision of the payment's lifecycle reaches a store through these rows (snake_case, as stored). */
export interface OrderRow {
  id: number;
  reference: string;
  amount: number;
  services_name: string;
  customer_name: string;
  account_number: string;
  status: 'NEW' | 'PENDING' | 'PAID' | 'AMOUNT_MISMATCH' | 'FAILED' | 'EXPIRED' | 'CANCELLED';
  paid_attempt: number | null;
  payment_method: string | null;
  payment_channel: string | null;
  payment_ref_id: string | null;
  amount_paid: number | null;
  paid_on: string | null;
  amount_paid_total: number;
  refund_due: number;
  duplicate_count: number;
  created_at: string;
  updated_at: string;
}

export interface AttemptRow {
  id: number;
  order_id: number;
  number: number;
  reference: string;
  state: 'PENDING' | 'PAID' | 'AMOUNT_MISMATCH' | 'FAILED' | 'EXPIRED' | 'CANCELLED' | 'REJECTED';
  method: 'MTN_MOMO' | 'AIRTEL_MONEY' | 'QR' | 'USSD';
  started_at_ms: number;
  expires_at_ms: number;
  payment_ref_id: string | null;
  channel: string | null;
  amount_paid: number | null;
  paid_on: string | null;
}

/** The partner's bill for an order reference: its amount and services name are what LTGS is asked for. */
export interface Bill {
  reference: string;
  /** Whole francs. */
  amount: number;
  servicesName: string;
  customerName?: string;
  accountNumber?: string;
}

/** What the handlers need of a store; openSqliteStore and openPostgresStore both provide it. */
export interface CheckoutStore {
  kind: 'sqlite' | 'postgres';
  getOrder(reference: string): OrderRow | null | Promise<OrderRow | null>;
  findAttempt(reference: string): { attempt: AttemptRow; order: OrderRow } | null | Promise<{ attempt: AttemptRow; order: OrderRow } | null>;
  attemptsOf(orderId: number): AttemptRow[] | Promise<AttemptRow[]>;
  listOrders(limit?: number): OrderRow[] | Promise<OrderRow[]>;
  listPayments(orderId: number): unknown[] | Promise<unknown[]>;
  listCallbacks(limit?: number): unknown[] | Promise<unknown[]>;
  droppedCallbacks(): number | Promise<number>;
  transaction<T>(work: (tx: unknown) => Promise<T>): Promise<T>;
  close(): void | Promise<void>;
}

export interface CheckoutLimits {
  initiationsPerOrder: number;
  orderWindowMs: number;
  attemptsPerPhone: number;
  phoneWindowMs: number;
  recheckCacheMs: number;
  rechecksPerAddress: number;
  addressWindowMs: number;
  trackedKeys: number;
}

export interface CheckoutHandlerOptions {
  store: CheckoutStore;
  ltgs: { baseUrl: string; apiKey: string; timeoutMs?: number };
  /** Callback_URL is `url`, or `publicUrl` + basePath + "/callback". signature: 'required' (LTGS-Signature
   *  checked) or 'none' (only the re-check with LTGS decides). secret defaults to the API key. */
  callback: { url?: string; publicUrl?: string | (() => string); secret?: string; signature?: 'required' | 'none'; toleranceMs?: number };
  /** The partner's bills: an order row is made on the first initiation of a bill it returns. */
  lookupOrder?: (orderReference: string) => Bill | null | Promise<Bill | null>;
  /** When set, an initiation needs the X-Checkout-Token the page was given (issueCheckoutToken). */
  checkoutTokenSecret?: string;
  /** Origins of pages on other sites that may call initiate and status (CORS). */
  allowedOrigins?: string[];
  /** Where the three endpoints live: `${basePath}/initiate`, `/status/{ref}`, `/callback` (default "/checkout"). */
  basePath?: string;
  /** How long LTGS keeps a payment open (default 10 minutes). */
  lifetimeMs?: number;
  limits?: Partial<CheckoutLimits>;
  /** http Callback_URLs on 127.0.0.1 (the local sandbox). */
  sandbox?: boolean;
  core?: unknown;
  clock?: { now(): number };
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

export interface CheckoutHandlers {
  /** Any of the three endpoints, or null when the path is not one of them. */
  handle(request: Request, context?: { remoteAddress?: string }): Promise<Response | null>;
  initiate(request: Request): Promise<Response>;
  status(request: Request, reference: string): Promise<Response>;
  callback(request: Request, context?: { remoteAddress?: string }): Promise<Response>;
  callbackUrl(): string;
  /** Throws when the Callback_URL would be refused (e.g. http outside sandbox mode). */
  checkConfiguration(): string;
  signatureMode: 'required' | 'none';
  basePath: string;
}

export declare function createCheckoutHandlers(options: CheckoutHandlerOptions): Promise<CheckoutHandlers>;
/** (req, res) → true when the request was the checkout's and has been answered. */
export declare function toNodeHandler(handlers: CheckoutHandlers): (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>;
/** Express or Connect middleware; mount it before any body parser. */
export declare function expressMiddleware(handlers: CheckoutHandlers): (req: unknown, res: unknown, next: (err?: unknown) => void) => void;

export declare function openSqliteStore(options?: { path?: string; db?: unknown; clock?: { now(): number } }): CheckoutStore;
export declare function openPostgresStore(options: { connectionString?: string; pool?: unknown; max?: number; clock?: { now(): number } }): Promise<CheckoutStore>;

export declare function issueCheckoutToken(options: { secret: string; orderReference: string; nowMs: number; ttlMs?: number }): string;
export declare function verifyCheckoutToken(options: { secret: string; token: string | undefined; orderReference: string; nowMs: number }):
  { ok: true } | { ok: false; code: 'checkout.token_missing' | 'checkout.token_invalid' | 'checkout.token_expired' };
export declare const CHECKOUT_TOKEN_HEADER: 'X-Checkout-Token';
export declare function loadCore(options?: { dist?: string }): Promise<unknown>;

export declare class CheckoutError extends Error {
  status: number;
  errors: { field: string; code: string; message: string }[];
}
export declare const DEFAULT_LIMITS: Readonly<CheckoutLimits>;
export declare const STATUS_FIELDS: readonly string[];
