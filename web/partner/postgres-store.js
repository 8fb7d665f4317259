// The partner's records in PostgreSQL (the npm package pg), for partners who run more than one backend
// process or machine. Same tables, same guarantees and the same interface as the SQLite store (./store.js):
// the rules are the core's; the database holds what they decide, and two of them by itself, whatever the
// number of processes: a reference belongs to one attempt (UNIQUE), and an order has at most one PENDING
// attempt (a partial unique index). A decision is read, made and written in one transaction that holds the
// order's row (SELECT … FOR UPDATE), so that concurrent requests for one order, in any process, take turns.
// Migrations run on open, under an advisory lock, so that processes starting together do not race.
'use strict';

const SCHEMA_VERSION = 1;
const MIGRATION_LOCK = 7_301_002;  // pg_advisory_lock key: one migration at a time across processes

const MIGRATIONS = {
  1: `
CREATE TABLE IF NOT EXISTS orders (
  id              BIGSERIAL PRIMARY KEY,
  reference       TEXT NOT NULL UNIQUE,
  amount          BIGINT NOT NULL CHECK (amount > 0),
  services_name   TEXT NOT NULL,
  customer_name   TEXT NOT NULL DEFAULT '',
  account_number  TEXT NOT NULL DEFAULT '',
  status          TEXT NOT NULL DEFAULT 'NEW',
  paid_attempt    INTEGER,
  payment_method  TEXT,
  payment_channel TEXT,
  payment_ref_id  TEXT,
  amount_paid     BIGINT,
  paid_on         TEXT,
  amount_paid_total BIGINT NOT NULL DEFAULT 0,
  refund_due      BIGINT NOT NULL DEFAULT 0,
  duplicate_count INTEGER NOT NULL DEFAULT 0,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS attempts (
  id              BIGSERIAL PRIMARY KEY,
  order_id        BIGINT NOT NULL REFERENCES orders (id),
  number          INTEGER NOT NULL CHECK (number BETWEEN 1 AND 20),
  reference       TEXT NOT NULL UNIQUE,
  state           TEXT NOT NULL,
  method          TEXT NOT NULL,
  started_at_ms   BIGINT NOT NULL,
  expires_at_ms   BIGINT NOT NULL,
  payment_ref_id  TEXT,
  channel         TEXT,
  amount_paid     BIGINT,
  paid_on         TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  UNIQUE (order_id, number)
);
CREATE UNIQUE INDEX IF NOT EXISTS attempts_one_open ON attempts (order_id) WHERE state = 'PENDING';
CREATE TABLE IF NOT EXISTS payments (
  id              BIGSERIAL PRIMARY KEY,
  attempt_id      BIGINT NOT NULL REFERENCES attempts (id),
  payment_ref_id  TEXT NOT NULL,
  status          TEXT NOT NULL,
  channel         TEXT,
  amount_paid     BIGINT,
  paid_on         TEXT,
  source          TEXT NOT NULL,
  recorded_at     TEXT NOT NULL,
  UNIQUE (attempt_id, status, payment_ref_id)
);
CREATE TABLE IF NOT EXISTS callbacks (
  id              BIGSERIAL PRIMARY KEY,
  received_at     TEXT NOT NULL,
  remote_address  TEXT,
  reference       TEXT,
  payment_ref_id  TEXT,
  claimed_status  TEXT,
  signature       TEXT NOT NULL,
  outcome         TEXT NOT NULL,
  code            TEXT NOT NULL,
  body            TEXT
);
CREATE INDEX IF NOT EXISTS orders_by_creation ON orders (created_at);
CREATE INDEX IF NOT EXISTS callbacks_by_reference ON callbacks (reference, id);
CREATE TABLE IF NOT EXISTS counters (
  name            TEXT PRIMARY KEY,
  value           BIGINT NOT NULL
);`,
};

const AUDIT_LIMITS = { bodyChars: 4096, rejectedBodyChars: 512, perReference: 20, total: 10_000 };
// Errors after which a transaction is run again from the start: a unique index another transaction just
// claimed (two first attempts of a new order), a serialization failure, a deadlock.
const RETRY_CODES = new Set(['23505', '40001', '40P01']);
const MAX_TRIES = 4;

function clip(value, limit = 256) {
  if (value === undefined || value === null) return null;
  const text = String(value);
  return text.length > limit ? text.slice(0, limit) : text;
}

// { connectionString } or { pool } (a pg.Pool); clock; auditLimits. Resolves to the store.
async function openPostgresStore({ connectionString, pool: given, clock = { now: () => Date.now() }, auditLimits, max = 10 } = {}) {
  let pg;
  try {
    pg = require('pg');
  } catch {
    throw new Error('ltgs-checkout/server: the PostgreSQL store needs the npm package pg (npm install pg)');
  }
  // BIGINT columns (ids, amounts, epoch ms) as JavaScript numbers: all stay below 2^53.
  const types = { getTypeParser: (oid, format) => (oid === 20 ? Number : pg.types.getTypeParser(oid, format)) };
  const pool = given ?? new pg.Pool({ connectionString, max, types });
  const audit = { ...AUDIT_LIMITS, ...auditLimits };
  const iso = () => new Date(clock.now()).toISOString();
  const one = async (q, sql, params) => (await q.query(sql, params)).rows[0] ?? null;

  // Migrations, once across processes.
  {
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await client.query('CREATE TABLE IF NOT EXISTS ltgs_schema (version INTEGER NOT NULL)');
      const row = await one(client, 'SELECT max(version) AS v FROM ltgs_schema');
      const current = row && row.v !== null ? Number(row.v) : 0;
      for (let v = current + 1; v <= SCHEMA_VERSION; v += 1) {
        await client.query('BEGIN');
        await client.query(MIGRATIONS[v]);
        await client.query('INSERT INTO ltgs_schema (version) VALUES ($1)', [v]);
        await client.query('COMMIT');
      }
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
      client.release();
    }
  }

  async function findAttempt(q, reference, lock) {
    const attempt = await one(q, `SELECT * FROM attempts WHERE reference = $1${lock ? ' FOR UPDATE' : ''}`, [reference]);
    if (!attempt) return null;
    const order = await one(q, `SELECT * FROM orders WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [attempt.order_id]);
    return { attempt, order };
  }

  function txApi(client) {
    return {
      lockOrder: (reference) => one(client, 'SELECT * FROM orders WHERE reference = $1 FOR UPDATE', [reference]),
      async ensureOrder({ reference, amount, servicesName, customerName = '', accountNumber = '' }) {
        const now = iso();
        await client.query(`INSERT INTO orders (reference, amount, services_name, customer_name, account_number, status,
                              created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'NEW', $6, $6)
                            ON CONFLICT (reference) DO NOTHING`, [reference, amount, servicesName, customerName, accountNumber, now]);
        return one(client, 'SELECT * FROM orders WHERE reference = $1 FOR UPDATE', [reference]);
      },
      attemptsOf: async (orderId) => (await client.query('SELECT * FROM attempts WHERE order_id = $1 ORDER BY number', [orderId])).rows,
      lockAttempt: (reference) => findAttempt(client, reference, true),
      async insertAttempt({ orderId, attempt, reference, method }) {
        const now = iso();
        return one(client, `INSERT INTO attempts (order_id, number, reference, state, method, started_at_ms, expires_at_ms,
                              created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING *`,
        [orderId, attempt.number, reference, attempt.state, method, attempt.startedAtMs, attempt.expiresAtMs, now]);
      },
      async updateAttempt(row, attempt, { channel = null, paidOn = null } = {}) {
        await client.query(`UPDATE attempts SET state = $1, payment_ref_id = $2, amount_paid = $3,
                              channel = COALESCE($4, channel), paid_on = COALESCE($5, paid_on), updated_at = $6 WHERE id = $7`,
        [attempt.state, attempt.paymentRefId ?? null, attempt.amountPaidRwf ?? null, channel, paidOn, iso(), row.id]);
      },
      async recordResult({ attemptId, status, paymentRefId, channel, amountPaid, paidOn, source }) {
        const r = await client.query(`INSERT INTO payments (attempt_id, payment_ref_id, status, channel, amount_paid, paid_on,
                                        source, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                                      ON CONFLICT (attempt_id, status, payment_ref_id) DO NOTHING`,
        [attemptId, paymentRefId ?? '', status, channel ?? null, amountPaid ?? null, paidOn ?? null, source, iso()]);
        return r.rowCount === 1;
      },
      async refreshOrder(orderId, status) {
        const attempts = (await client.query('SELECT * FROM attempts WHERE order_id = $1 ORDER BY number', [orderId])).rows;
        const latest = attempts[attempts.length - 1] || null;
        const paying = attempts.find((a) => a.number === status.paidAttempt) || latest;
        await client.query(`UPDATE orders SET status = $1, paid_attempt = $2, payment_method = COALESCE($3, payment_method),
                              payment_channel = $4, payment_ref_id = $5, amount_paid = $6, paid_on = $7,
                              amount_paid_total = $8, refund_due = $9, duplicate_count = $10, updated_at = $11 WHERE id = $12`,
        [status.state, status.paidAttempt, latest ? latest.method : null, paying ? paying.channel : null,
          paying ? paying.payment_ref_id : null, paying ? paying.amount_paid : null, paying ? paying.paid_on : null,
          status.amountPaidRwf, status.refundDueRwf, status.duplicateAttempts.length, iso(), orderId]);
      },
    };
  }

  // work(tx) in one READ COMMITTED transaction; run again from the start after a unique-index race, a
  // serialization failure or a deadlock (the work must be a decision over what it reads, as the handlers' are).
  async function transaction(work) {
    for (let attempt = 1; ; attempt += 1) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(txApi(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        if (!(err && RETRY_CODES.has(err.code)) || attempt >= MAX_TRIES) throw err;
      } finally {
        client.release();
      }
    }
  }

  async function logCallback(a) {
    const reference = clip(a.reference);
    const kept = a.outcome === 'recorded' || a.outcome === 'duplicate' ? audit.bodyChars : audit.rejectedBodyChars;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`INSERT INTO callbacks (received_at, remote_address, reference, payment_ref_id, claimed_status,
                            signature, outcome, code, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [iso(), clip(a.remoteAddress, 64), reference, clip(a.paymentRefId), clip(a.claimedStatus, 64), a.signature, a.outcome,
        a.code, clip(a.body, kept)]);
      let dropped = 0;
      const forReference = (await client.query(`DELETE FROM callbacks WHERE id IN (SELECT id FROM callbacks
                                                  WHERE reference IS NOT DISTINCT FROM $1 ORDER BY id DESC OFFSET $2)`,
      [reference, audit.perReference])).rowCount;
      dropped += forReference;
      dropped += (await client.query('DELETE FROM callbacks WHERE id IN (SELECT id FROM callbacks ORDER BY id DESC OFFSET $1)',
        [audit.total])).rowCount;
      if (dropped > 0) {
        await client.query(`INSERT INTO counters (name, value) VALUES ('callbacks_dropped', $1)
                            ON CONFLICT (name) DO UPDATE SET value = counters.value + excluded.value`, [dropped]);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  return {
    kind: 'postgres',
    pool,
    transaction,
    getOrder: (reference) => one(pool, 'SELECT * FROM orders WHERE reference = $1', [reference]),
    findAttempt: (reference) => findAttempt(pool, reference, false),
    attemptsOf: async (orderId) => (await pool.query('SELECT * FROM attempts WHERE order_id = $1 ORDER BY number', [orderId])).rows,
    async ensureOrder(bill) {
      return transaction((tx) => tx.ensureOrder(bill));
    },
    async createOrder({ reference, amount, servicesName, customerName = '', accountNumber = '' }) {
      const now = iso();
      return one(pool, `INSERT INTO orders (reference, amount, services_name, customer_name, account_number, status,
                          created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'NEW', $6, $6) RETURNING *`,
      [reference, amount, servicesName, customerName, accountNumber, now]);
    },
    listOrders: async (limit = 200) => (await pool.query('SELECT * FROM orders ORDER BY created_at DESC, id DESC LIMIT $1', [limit])).rows,
    listPayments: async (orderId) => (await pool.query(`SELECT p.*, a.reference, a.number FROM payments p
                                                         JOIN attempts a ON a.id = p.attempt_id WHERE a.order_id = $1
                                                         ORDER BY p.id`, [orderId])).rows,
    logCallback,
    listCallbacks: async (limit = 50) => (await pool.query('SELECT * FROM callbacks ORDER BY id DESC LIMIT $1', [limit])).rows,
    droppedCallbacks: async () => {
      const row = await one(pool, "SELECT value FROM counters WHERE name = 'callbacks_dropped'");
      return row ? Number(row.value) : 0;
    },
    close: () => (given ? Promise.resolve() : pool.end()),
  };
}

module.exports = { openPostgresStore, SCHEMA_VERSION, MIGRATIONS };
