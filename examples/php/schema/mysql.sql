-- The partner's records, MySQL 8.0.16+ / MariaDB 10.4+ (LTGS_DB_DSN=mysql:host=…;dbname=…;charset=utf8mb4).
-- Apply once:  php examples/php/bin/init-db.php        (or: mysql … < examples/php/schema/mysql.sql)
-- The same tables as schema/sqlite.sql. Times are ISO 8601 text in UTC; money is whole francs.
-- utf8mb4_bin: a Sale_Reference_ID is an identifier, compared byte for byte ("ABC" is not "abc").
-- MySQL has no partial index: "one PENDING attempt per order" is a unique index on a generated column that
-- holds order_id while the attempt is PENDING and NULL otherwise (NULLs do not collide).

CREATE TABLE IF NOT EXISTS orders (
  id                BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  reference         VARCHAR(64) NOT NULL,
  amount            BIGINT NOT NULL CHECK (amount > 0),
  services_name     TEXT NOT NULL,
  customer_name     VARCHAR(255) NOT NULL DEFAULT '',
  account_number    VARCHAR(64) NOT NULL DEFAULT '',
  status            VARCHAR(32) NOT NULL DEFAULT 'NEW',
  paid_attempt      INT,
  payment_method    VARCHAR(32),
  payment_channel   VARCHAR(255),
  payment_ref_id    VARCHAR(128),
  amount_paid       BIGINT,
  paid_on           VARCHAR(19),
  amount_paid_total BIGINT NOT NULL DEFAULT 0,
  refund_due        BIGINT NOT NULL DEFAULT 0,
  duplicate_count   INT NOT NULL DEFAULT 0,
  created_at        VARCHAR(32) NOT NULL,
  updated_at        VARCHAR(32) NOT NULL,
  UNIQUE KEY orders_reference (reference),
  KEY orders_by_creation (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS attempts (
  id                BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id          BIGINT NOT NULL,
  number            INT NOT NULL CHECK (number BETWEEN 1 AND 20),
  reference         VARCHAR(64) NOT NULL,
  state             VARCHAR(32) NOT NULL,
  method            VARCHAR(32) NOT NULL,
  started_at_ms     BIGINT NOT NULL,
  expires_at_ms     BIGINT NOT NULL,
  payment_ref_id    VARCHAR(128),
  channel           VARCHAR(255),
  amount_paid       BIGINT,
  paid_on           VARCHAR(19),
  created_at        VARCHAR(32) NOT NULL,
  updated_at        VARCHAR(32) NOT NULL,
  open_order_id     BIGINT AS (CASE WHEN state = 'PENDING' THEN order_id ELSE NULL END) STORED,
  UNIQUE KEY attempts_reference (reference),
  UNIQUE KEY attempts_order_number (order_id, number),
  UNIQUE KEY attempts_one_open (open_order_id),
  CONSTRAINT attempts_order FOREIGN KEY (order_id) REFERENCES orders (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS payments (
  id                BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  attempt_id        BIGINT NOT NULL,
  payment_ref_id    VARCHAR(128) NOT NULL,
  status            VARCHAR(32) NOT NULL,
  channel           VARCHAR(255),
  amount_paid       BIGINT,
  paid_on           VARCHAR(19),
  source            VARCHAR(16) NOT NULL,
  recorded_at       VARCHAR(32) NOT NULL,
  UNIQUE KEY payments_once (attempt_id, status, payment_ref_id),
  CONSTRAINT payments_attempt FOREIGN KEY (attempt_id) REFERENCES attempts (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS callbacks (
  id                BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  received_at       VARCHAR(32) NOT NULL,
  remote_address    VARCHAR(64),
  reference         VARCHAR(256),
  payment_ref_id    VARCHAR(256),
  claimed_status    VARCHAR(64),
  signature         VARCHAR(16) NOT NULL,
  outcome           VARCHAR(16) NOT NULL,
  code              VARCHAR(64) NOT NULL,
  body              TEXT,
  KEY callbacks_by_reference (reference, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS counters (
  name              VARCHAR(64) NOT NULL PRIMARY KEY,
  value             BIGINT NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
