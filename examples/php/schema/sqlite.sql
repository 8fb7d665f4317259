-- The partner's records, SQLite (the example's default). The same tables as web/partner/store.js, so the
-- Node and PHP backends can be read side by side. Times are ISO 8601 text in UTC; money is whole francs.
-- Two rules are held by the database itself, whatever the code does: a Sale_Reference_ID belongs to one
-- attempt (UNIQUE), and an order has at most one PENDING attempt (the partial unique index).

CREATE TABLE IF NOT EXISTS orders (
  id                INTEGER PRIMARY KEY,
  reference         TEXT NOT NULL UNIQUE,                 -- the order reference: attempt 1's Sale_Reference_ID
  amount            INTEGER NOT NULL CHECK (amount > 0),  -- Total_Amount_to_Pay
  services_name     TEXT NOT NULL,
  customer_name     TEXT NOT NULL DEFAULT '',
  account_number    TEXT NOT NULL DEFAULT '',
  status            TEXT NOT NULL DEFAULT 'NEW',          -- NEW, PENDING, PAID, AMOUNT_MISMATCH, FAILED, EXPIRED, CANCELLED
  paid_attempt      INTEGER,                              -- the attempt number that pays the bill
  payment_method    TEXT,
  payment_channel   TEXT,
  payment_ref_id    TEXT,
  amount_paid       INTEGER,
  paid_on           TEXT,                                 -- as LTGS wrote it: Kigali local time
  amount_paid_total INTEGER NOT NULL DEFAULT 0,           -- everything LTGS took for this order
  refund_due        INTEGER NOT NULL DEFAULT 0,           -- what was taken beyond the bill (paid twice)
  duplicate_count   INTEGER NOT NULL DEFAULT 0,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS attempts (
  id                INTEGER PRIMARY KEY,
  order_id          INTEGER NOT NULL REFERENCES orders (id),
  number            INTEGER NOT NULL CHECK (number BETWEEN 1 AND 20),
  reference         TEXT NOT NULL UNIQUE,                 -- its Sale_Reference_ID
  state             TEXT NOT NULL,                        -- PENDING, PAID, AMOUNT_MISMATCH, FAILED, EXPIRED, CANCELLED, REJECTED
  method            TEXT NOT NULL,                        -- MTN_MOMO, AIRTEL_MONEY, QR, USSD
  started_at_ms     INTEGER NOT NULL,
  expires_at_ms     INTEGER NOT NULL,
  payment_ref_id    TEXT,
  channel           TEXT,
  amount_paid       INTEGER,
  paid_on           TEXT,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  UNIQUE (order_id, number)
);
CREATE UNIQUE INDEX IF NOT EXISTS attempts_one_open ON attempts (order_id) WHERE state = 'PENDING';

-- One row per result LTGS reported for an attempt: a second delivery of the same result inserts nothing.
CREATE TABLE IF NOT EXISTS payments (
  id                INTEGER PRIMARY KEY,
  attempt_id        INTEGER NOT NULL REFERENCES attempts (id),
  payment_ref_id    TEXT NOT NULL,                        -- '' when LTGS gave none (an expiry)
  status            TEXT NOT NULL,
  channel           TEXT,
  amount_paid       INTEGER,
  paid_on           TEXT,
  source            TEXT NOT NULL,                        -- callback, status or initiate: how we learnt it
  recorded_at       TEXT NOT NULL,
  UNIQUE (attempt_id, status, payment_ref_id)
);

-- Every callback delivery, accepted or not (bounded: see lib/store.php).
CREATE TABLE IF NOT EXISTS callbacks (
  id                INTEGER PRIMARY KEY,
  received_at       TEXT NOT NULL,
  remote_address    TEXT,
  reference         TEXT,                                 -- as claimed by the body (may be anything)
  payment_ref_id    TEXT,
  claimed_status    TEXT,
  signature         TEXT NOT NULL,                        -- valid, missing, malformed, stale, invalid, not_checked
  outcome           TEXT NOT NULL,                        -- recorded, duplicate, ignored, rejected, error
  code              TEXT NOT NULL,                        -- why: callback.recorded, signature.invalid, …
  body              TEXT                                  -- the first 4096 characters (512 when refused)
);
CREATE INDEX IF NOT EXISTS orders_by_creation ON orders (created_at);
CREATE INDEX IF NOT EXISTS callbacks_by_reference ON callbacks (reference, id);

CREATE TABLE IF NOT EXISTS counters (
  name              TEXT PRIMARY KEY,
  value             INTEGER NOT NULL
);
