// The partner's records in SQLite (better-sqlite3): orders (the partner's bills), their payment attempts
// (each an LTGS payment with its own Sale_Reference_ID, linked to its order by a foreign key), every result
// LTGS reported, and an audit log of every callback delivery. Every statement is prepared once with ?
// parameters: no text from a request is ever part of SQL.
//
// The rules (may an attempt start, what a status does to an attempt, the order's status from its attempts)
// are the core's; this file only keeps what they decide. Two of them are also held by the database itself,
// so that no interleaving of requests can break them: an attempt reference belongs to one attempt
// (UNIQUE), and an order has at most one PENDING attempt (a partial unique index).
'use strict';

const fs = require('fs');
const path = require('path');
const Database = require('better-sqlite3');

const SCHEMA_VERSION = 2;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS orders (
  id              INTEGER PRIMARY KEY,
  reference       TEXT NOT NULL UNIQUE,           -- the order reference: attempt 1's Sale_Reference_ID
  amount          INTEGER NOT NULL CHECK (amount > 0),  -- Total_Amount_to_Pay, whole francs
  services_name   TEXT NOT NULL,
  customer_name   TEXT NOT NULL DEFAULT '',
  account_number  TEXT NOT NULL DEFAULT '',
  -- The core's order status, kept here for listing; recomputed from the attempts on every change:
  status          TEXT NOT NULL DEFAULT 'NEW',    -- NEW, PENDING, PAID, AMOUNT_MISMATCH, FAILED, EXPIRED, CANCELLED
  paid_attempt    INTEGER,                        -- the attempt number whose payment pays the bill
  payment_method  TEXT,                           -- of the latest attempt
  payment_channel TEXT,                           -- of the paying attempt (unpaid: of the latest attempt)
  payment_ref_id  TEXT,
  amount_paid     INTEGER,                        -- the paying attempt's Total_Amount_Paid
  paid_on         TEXT,                           -- as LTGS wrote it: Kigali local time
  amount_paid_total INTEGER NOT NULL DEFAULT 0,   -- everything LTGS took for this order
  refund_due      INTEGER NOT NULL DEFAULT 0,     -- what was taken beyond the bill (paid twice)
  duplicate_count INTEGER NOT NULL DEFAULT 0,     -- PAID attempts beyond the first
  created_at      TEXT NOT NULL,                  -- ISO 8601, UTC
  updated_at      TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS attempts (
  id              INTEGER PRIMARY KEY,
  order_id        INTEGER NOT NULL REFERENCES orders (id),
  number          INTEGER NOT NULL CHECK (number BETWEEN 1 AND 20),
  reference       TEXT NOT NULL UNIQUE,           -- its Sale_Reference_ID
  state           TEXT NOT NULL,                  -- PENDING, PAID, AMOUNT_MISMATCH, FAILED, EXPIRED, CANCELLED, REJECTED
  method          TEXT NOT NULL,                  -- MTN_MOMO, AIRTEL_MONEY, QR, USSD
  started_at_ms   INTEGER NOT NULL,
  expires_at_ms   INTEGER NOT NULL,
  payment_ref_id  TEXT,
  channel         TEXT,
  amount_paid     INTEGER,
  paid_on         TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  UNIQUE (order_id, number)
);
CREATE UNIQUE INDEX IF NOT EXISTS attempts_one_open ON attempts (order_id) WHERE state = 'PENDING';
-- One row per result LTGS reported for an attempt: a second delivery of the same result inserts nothing.
CREATE TABLE IF NOT EXISTS payments (
  id              INTEGER PRIMARY KEY,
  attempt_id      INTEGER NOT NULL REFERENCES attempts (id),
  payment_ref_id  TEXT NOT NULL,                  -- '' when LTGS gave none (an expiry)
  status          TEXT NOT NULL,
  channel         TEXT,
  amount_paid     INTEGER,
  paid_on         TEXT,
  source          TEXT NOT NULL,                  -- callback, status or initiate: how we learnt it
  recorded_at     TEXT NOT NULL,
  UNIQUE (attempt_id, status, payment_ref_id)
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
CREATE INDEX IF NOT EXISTS callbacks_by_reference ON callbacks (reference, id);
-- Audit rows dropped to keep the log bounded, counted.
CREATE TABLE IF NOT EXISTS counters (
  name            TEXT PRIMARY KEY,
  value           INTEGER NOT NULL
);
`;

// The callback log is bounded whatever anonymous callers send: bodies are cut, and past these counts the
// oldest rows go (counted in counters.callbacks_dropped).
const AUDIT_LIMITS = {
  bodyChars: 4096,           // of a callback that was recorded (or a duplicate of one)
  rejectedBodyChars: 512,    // of one that was refused
  perReference: 20,          // rows per claimed reference (and per "no reference")
  total: 10_000,             // rows in all
};

function clip(value, limit = 256) {
  if (value === undefined || value === null) return null;
  const text = String(value);
  return text.length > limit ? text.slice(0, limit) : text;
}

// Version 1 kept attempts as orders of their own, linked by a string prefix. Its tables are kept under
// another name (nothing is deleted) and the new schema starts empty.
function migrate(db) {
  const version = db.pragma('user_version', { simple: true });
  if (version >= SCHEMA_VERSION) return;
  db.transaction(() => {
    const hasV1 = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'orders'").get() &&
      !db.prepare("SELECT 1 FROM pragma_table_info('orders') WHERE name = 'id'").get();
    if (hasV1) {
      db.exec('DROP INDEX IF EXISTS orders_by_creation');
      db.exec('ALTER TABLE orders RENAME TO orders_v1');
      if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'payments'").get()) {
        db.exec('ALTER TABLE payments RENAME TO payments_v1');
      }
    }
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

// path: a file (its folder is created), or ':memory:'. Or pass an open better-sqlite3 Database as `db`.
// verbose: called with every SQL statement run (tests count them). auditLimits: AUDIT_LIMITS overrides.
//
// The interface the handlers use (the PostgreSQL store has the same one): getOrder, findAttempt, attemptsOf,
// listOrders, listPayments, logCallback, listCallbacks, droppedCallbacks, close, and
// transaction(async (tx) => …) with tx.lockOrder, ensureOrder, attemptsOf, lockAttempt, insertAttempt,
// updateAttempt, recordResult, refreshOrder. Here every call is synchronous underneath (a Promise is only
// returned by transaction); transactions are BEGIN IMMEDIATE, one at a time per connection, and wait for
// another process's (busy_timeout).
function openStore({ path: file = ':memory:', db: given, clock = { now: () => Date.now() }, verbose, auditLimits } = {}) {
  const audit = { ...AUDIT_LIMITS, ...auditLimits };
  if (!given && file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = given || new Database(file, verbose ? { verbose } : {});
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (file !== ':memory:' && !given) db.pragma('journal_mode = WAL');
  migrate(db);
  const iso = () => new Date(clock.now()).toISOString();

  const s = {
    insertOrder: db.prepare(`INSERT INTO orders (reference, amount, services_name, customer_name, account_number,
                               status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'NEW', ?, ?)`),
    getOrder: db.prepare('SELECT * FROM orders WHERE reference = ?'),
    getOrderById: db.prepare('SELECT * FROM orders WHERE id = ?'),
    listOrders: db.prepare('SELECT * FROM orders ORDER BY created_at DESC, id DESC LIMIT ?'),
    attemptsOf: db.prepare('SELECT * FROM attempts WHERE order_id = ? ORDER BY number'),
    getAttempt: db.prepare('SELECT * FROM attempts WHERE reference = ?'),
    insertAttempt: db.prepare(`INSERT INTO attempts (order_id, number, reference, state, method, started_at_ms,
                                 expires_at_ms, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    updateAttempt: db.prepare(`UPDATE attempts SET state = ?, payment_ref_id = ?, amount_paid = ?,
                                 channel = COALESCE(?, channel), paid_on = COALESCE(?, paid_on), updated_at = ?
                               WHERE id = ?`),
    updateOrder: db.prepare(`UPDATE orders SET status = ?, paid_attempt = ?, payment_method = ?, payment_channel = ?,
                               payment_ref_id = ?, amount_paid = ?, paid_on = ?, amount_paid_total = ?, refund_due = ?,
                               duplicate_count = ?, updated_at = ? WHERE id = ?`),
    insertPayment: db.prepare(`INSERT OR IGNORE INTO payments (attempt_id, payment_ref_id, status, channel, amount_paid,
                                 paid_on, source, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    paymentsOf: db.prepare(`SELECT p.*, a.reference, a.number FROM payments p JOIN attempts a ON a.id = p.attempt_id
                            WHERE a.order_id = ? ORDER BY p.id`),
    insertCallback: db.prepare(`INSERT INTO callbacks (received_at, remote_address, reference, payment_ref_id,
                                  claimed_status, signature, outcome, code, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    listCallbacks: db.prepare('SELECT * FROM callbacks ORDER BY id DESC LIMIT ?'),
    countForReference: db.prepare('SELECT COUNT(*) AS n FROM callbacks WHERE reference IS ?'),
    dropOldestForReference: db.prepare(`DELETE FROM callbacks WHERE id IN (SELECT id FROM callbacks WHERE reference IS ?
                                          ORDER BY id LIMIT ?)`),
    countAll: db.prepare('SELECT COUNT(*) AS n FROM callbacks'),
    dropOldest: db.prepare('DELETE FROM callbacks WHERE id IN (SELECT id FROM callbacks ORDER BY id LIMIT ?)'),
    addDropped: db.prepare(`INSERT INTO counters (name, value) VALUES ('callbacks_dropped', ?)
                            ON CONFLICT (name) DO UPDATE SET value = value + excluded.value`),
    dropped: db.prepare("SELECT value FROM counters WHERE name = 'callbacks_dropped'"),
  };

  // One audit row, and the oldest beyond the limits dropped (and counted), in one transaction.
  const logCallback = db.transaction((a) => {
    const reference = clip(a.reference);
    const kept = a.outcome === 'recorded' || a.outcome === 'duplicate' ? audit.bodyChars : audit.rejectedBodyChars;
    s.insertCallback.run(iso(), clip(a.remoteAddress, 64), reference, clip(a.paymentRefId), clip(a.claimedStatus, 64),
      a.signature, a.outcome, a.code, clip(a.body, kept));
    let dropped = 0;
    const forReference = s.countForReference.get(reference).n - audit.perReference;
    if (forReference > 0) dropped += s.dropOldestForReference.run(reference, forReference).changes;
    const overall = s.countAll.get().n - audit.total;
    if (overall > 0) dropped += s.dropOldest.run(overall).changes;
    if (dropped > 0) s.addDropped.run(dropped);
  });

  // The order's columns from the core's status of its attempts.
  function refreshOrder(orderId, status) {
    const order = s.getOrderById.get(orderId);
    const attempts = s.attemptsOf.all(orderId);
    const latest = attempts[attempts.length - 1] || null;
    // LTGS's details on the order: the paying attempt's, or else the latest attempt's (a failure's reference).
    const paying = attempts.find((a) => a.number === status.paidAttempt) || latest;
    s.updateOrder.run(status.state, status.paidAttempt, latest ? latest.method : order.payment_method,
      paying ? paying.channel : null, paying ? paying.payment_ref_id : null, paying ? paying.amount_paid : null,
      paying ? paying.paid_on : null, status.amountPaidRwf, status.refundDueRwf, status.duplicateAttempts.length,
      iso(), orderId);
  }

  // One transaction at a time on this connection: callers queue (their work awaits between statements, and
  // SQLite has one transaction per connection).
  let queue = Promise.resolve();
  const tx = {
    lockOrder: (reference) => s.getOrder.get(reference) ?? null,
    ensureOrder: (bill) => ensureOrder(bill),
    attemptsOf: (orderId) => s.attemptsOf.all(orderId),
    lockAttempt: (reference) => findAttempt(reference),
    insertAttempt: (a) => insertAttempt(a),
    updateAttempt: (row, attempt, extra) => updateAttempt(row, attempt, extra),
    recordResult: (r) => recordResult(r),
    refreshOrder: (orderId, status) => refreshOrder(orderId, status),
  };
  function transaction(work) {
    const run = queue.then(async () => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(tx);
        db.exec('COMMIT');
        return result;
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw err;
      }
    });
    queue = run.catch(() => {});
    return run;
  }

  function ensureOrder({ reference, amount, servicesName, customerName = '', accountNumber = '' }) {
    const existing = s.getOrder.get(reference);
    if (existing) return existing;
    const now = iso();
    s.insertOrder.run(reference, amount, servicesName, customerName, accountNumber, now, now);
    return s.getOrder.get(reference);
  }
  function findAttempt(reference) {
    const attempt = s.getAttempt.get(reference);
    return attempt ? { attempt, order: s.getOrderById.get(attempt.order_id) } : null;
  }
  function insertAttempt({ orderId, attempt, reference, method }) {
    const now = iso();
    s.insertAttempt.run(orderId, attempt.number, reference, attempt.state, method, attempt.startedAtMs,
      attempt.expiresAtMs, now, now);
    return s.getAttempt.get(reference);
  }
  function updateAttempt(row, attempt, { channel = null, paidOn = null } = {}) {
    s.updateAttempt.run(attempt.state, attempt.paymentRefId ?? null, attempt.amountPaidRwf ?? null, channel, paidOn,
      iso(), row.id);
  }
  function recordResult({ attemptId, status, paymentRefId, channel, amountPaid, paidOn, source }) {
    return s.insertPayment.run(attemptId, paymentRefId ?? '', status, channel ?? null, amountPaid ?? null,
      paidOn ?? null, source, iso()).changes === 1;
  }

  return {
    db,
    kind: 'sqlite',
    transaction,
    // A new order row for the partner's bill, unless it exists; returns the row.
    ensureOrder,
    createOrder({ reference, amount, servicesName, customerName = '', accountNumber = '' }) {
      const now = iso();
      s.insertOrder.run(reference, amount, servicesName, customerName, accountNumber, now, now);
      return s.getOrder.get(reference);
    },
    getOrder: (reference) => s.getOrder.get(reference) ?? null,
    attemptsOf: (orderId) => s.attemptsOf.all(orderId),
    // The attempt with this Sale_Reference_ID and its order, found by index.
    findAttempt,
    insertAttempt,
    updateAttempt,
    recordResult,
    refreshOrder,
    listOrders: (limit = 200) => s.listOrders.all(limit),
    listPayments: (orderId) => s.paymentsOf.all(orderId),
    logCallback,
    listCallbacks: (limit = 50) => s.listCallbacks.all(limit),
    droppedCallbacks: () => (s.dropped.get() || { value: 0 }).value,
    close: () => db.close(),
  };
}

module.exports = { openStore, SCHEMA, SCHEMA_VERSION, AUDIT_LIMITS };
