// The partner's records in SQLite (better-sqlite3): orders, the payment results LTGS reported, and an
// audit log of every callback delivery. Every statement is prepared once with ? parameters: no text from a
// request is ever part of SQL.
'use strict';

const fs = require('fs');
const path = require('path');
const Database = require('better-sqlite3');

const SCHEMA = `
CREATE TABLE IF NOT EXISTS orders (
  reference       TEXT PRIMARY KEY,               -- Sale_Reference_ID
  amount          INTEGER NOT NULL CHECK (amount > 0),  -- Total_Amount_to_Pay, whole francs
  services_name   TEXT NOT NULL,
  customer_name   TEXT NOT NULL DEFAULT '',
  account_number  TEXT NOT NULL DEFAULT '',
  status          TEXT NOT NULL DEFAULT 'NEW',    -- NEW, PENDING, PAID, FAILED, EXPIRED, CANCELLED, AMOUNT_MISMATCH
  payment_method  TEXT,                           -- MTN_MOMO, AIRTEL_MONEY, QR, USSD
  payment_channel TEXT,
  payment_ref_id  TEXT,
  amount_paid     INTEGER,
  paid_on         TEXT,                           -- as LTGS wrote it: Kigali local time
  created_at      TEXT NOT NULL,                  -- ISO 8601, UTC
  updated_at      TEXT NOT NULL
);
-- One row per final result LTGS reported: the idempotency key is (reference, Payment_Ref_ID), '' when
-- LTGS gave no Payment_Ref_ID (an expiry), so a second delivery of the same result inserts nothing.
CREATE TABLE IF NOT EXISTS payments (
  id              INTEGER PRIMARY KEY,
  reference       TEXT NOT NULL REFERENCES orders (reference),
  payment_ref_id  TEXT NOT NULL,
  status          TEXT NOT NULL,
  channel         TEXT,
  amount_paid     INTEGER,
  paid_on         TEXT,
  source          TEXT NOT NULL,                  -- callback, status or initiate: how we learnt it
  recorded_at     TEXT NOT NULL,
  UNIQUE (reference, payment_ref_id)
);
-- Every callback delivery, accepted or not.
CREATE TABLE IF NOT EXISTS callbacks (
  id              INTEGER PRIMARY KEY,
  received_at     TEXT NOT NULL,
  remote_address  TEXT,
  reference       TEXT,                           -- as claimed by the body (may be anything)
  payment_ref_id  TEXT,
  claimed_status  TEXT,
  signature       TEXT NOT NULL,                  -- valid, missing, malformed, stale, invalid, not_checked
  outcome         TEXT NOT NULL,                  -- recorded, duplicate, ignored, rejected, error
  code            TEXT NOT NULL,                  -- why, e.g. callback.recorded, signature.invalid
  body            TEXT                            -- the first 4096 characters
);
CREATE INDEX IF NOT EXISTS orders_by_creation ON orders (created_at);
`;

const FINAL_ORDER_STATES = ['PAID', 'FAILED', 'EXPIRED', 'CANCELLED', 'AMOUNT_MISMATCH'];
const AUDIT_TEXT_LIMIT = 4096;

function clip(value, limit = 256) {
  if (value === undefined || value === null) return null;
  const text = String(value);
  return text.length > limit ? text.slice(0, limit) : text;
}

// path: a file (its folder is created), or ':memory:'. Or pass an open better-sqlite3 Database as `db`.
function openStore({ path: file = ':memory:', db: given, clock = { now: () => Date.now() } } = {}) {
  if (!given && file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = given || new Database(file);
  db.pragma('foreign_keys = ON');
  if (file !== ':memory:' && !given) db.pragma('journal_mode = WAL');
  db.exec(SCHEMA);
  const iso = () => new Date(clock.now()).toISOString();

  const s = {
    insertOrder: db.prepare(`INSERT INTO orders (reference, amount, services_name, customer_name, account_number,
                               status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'NEW', ?, ?)`),
    getOrder: db.prepare('SELECT * FROM orders WHERE reference = ?'),
    listOrders: db.prepare('SELECT * FROM orders ORDER BY created_at DESC, rowid DESC LIMIT ?'),
    markPending: db.prepare(`UPDATE orders SET status = 'PENDING', payment_method = COALESCE(?, payment_method),
                               updated_at = ? WHERE reference = ? AND status IN ('NEW', 'PENDING')`),
    insertPayment: db.prepare(`INSERT OR IGNORE INTO payments (reference, payment_ref_id, status, channel, amount_paid,
                                 paid_on, source, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    finishOrder: db.prepare(`UPDATE orders SET status = ?, payment_channel = ?, payment_ref_id = ?, amount_paid = ?,
                               paid_on = ?, updated_at = ? WHERE reference = ? AND status IN ('NEW', 'PENDING')`),
    listPayments: db.prepare('SELECT * FROM payments WHERE reference = ? ORDER BY id'),
    insertCallback: db.prepare(`INSERT INTO callbacks (received_at, remote_address, reference, payment_ref_id,
                                  claimed_status, signature, outcome, code, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    listCallbacks: db.prepare('SELECT * FROM callbacks ORDER BY id DESC LIMIT ?'),
  };

  // A final result, once: the payments row and the order move together, or not at all.
  const recordFinal = db.transaction((r) => {
    const now = iso();
    const inserted = s.insertPayment.run(r.reference, r.paymentRefId ?? '', r.status, r.channel ?? null,
      r.amountPaid ?? null, r.paidOn ?? null, r.source, now).changes === 1;
    let orderUpdated = false;
    if (inserted) {
      orderUpdated = s.finishOrder.run(r.orderStatus, r.channel ?? null, r.paymentRefId ?? null, r.amountPaid ?? null,
        r.paidOn ?? null, now, r.reference).changes === 1;
    }
    return { inserted, orderUpdated };
  });

  return {
    db,
    createOrder({ reference, amount, servicesName, customerName = '', accountNumber = '' }) {
      const now = iso();
      s.insertOrder.run(reference, amount, servicesName, customerName, accountNumber, now, now);
      return s.getOrder.get(reference);
    },
    getOrder: (reference) => s.getOrder.get(reference) ?? null,
    listOrders: (limit = 200) => s.listOrders.all(limit),
    // NEW → PENDING (an initiation was accepted or LTGS says pending); final orders stay as they are.
    markPending: (reference, method = null) => s.markPending.run(method, iso(), reference).changes === 1,
    recordFinal,
    listPayments: (reference) => s.listPayments.all(reference),
    logCallback(a) {
      s.insertCallback.run(iso(), clip(a.remoteAddress, 64), clip(a.reference), clip(a.paymentRefId), clip(a.claimedStatus, 64),
        a.signature, a.outcome, a.code, clip(a.body, AUDIT_TEXT_LIMIT));
    },
    listCallbacks: (limit = 50) => s.listCallbacks.all(limit),
    close: () => db.close(),
  };
}

module.exports = { openStore, FINAL_ORDER_STATES, SCHEMA };
