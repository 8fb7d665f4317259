<?php
// The partner's records through PDO: orders (our bills), their payment attempts, every result LTGS
// reported, and an audit log of every callback delivery. SQLite by default; MySQL/MariaDB and PostgreSQL
// by DSN (schema/<driver>.sql). Every statement is prepared with ? parameters: no text from a request is
// ever part of SQL. What the rules decide (lib/rules.php) is read, decided and written in one transaction.

declare(strict_types=1);

require_once __DIR__ . '/rules.php';

final class Store
{
    // The callback log stays bounded whatever anonymous callers send: bodies are cut, and past these counts
    // the oldest rows go (counted in counters.callbacks_dropped).
    public const AUDIT_BODY_CHARS = 4096;          // of a callback that was recorded (or a duplicate of one)
    public const AUDIT_REJECTED_BODY_CHARS = 512;  // of one that was refused
    public const AUDIT_PER_REFERENCE = 20;         // rows per claimed reference (and per "no reference")
    public const AUDIT_TOTAL = 10000;              // rows in all

    private const INT_COLUMNS = ['id', 'order_id', 'attempt_id', 'amount', 'number', 'paid_attempt', 'amount_paid',
        'amount_paid_total', 'refund_due', 'duplicate_count', 'started_at_ms', 'expires_at_ms', 'value'];

    public readonly string $driver;

    public function __construct(public readonly PDO $db)
    {
        $this->driver = $db->getAttribute(PDO::ATTR_DRIVER_NAME);
        if (!in_array($this->driver, ['sqlite', 'pgsql', 'mysql'], true)) {
            throw new RuntimeException("unsupported PDO driver {$this->driver}: use sqlite, pgsql or mysql");
        }
    }

    /** The configured database. A new SQLite file gets its tables; other databases need bin/init-db.php once. */
    public static function open(array $config): self
    {
        $dsn = $config['dsn'];
        if (str_starts_with($dsn, 'sqlite:') && !str_starts_with($dsn, 'sqlite::memory:')) {
            $dir = dirname(substr($dsn, strlen('sqlite:')));
            if (!is_dir($dir) && !mkdir($dir, 0700, true) && !is_dir($dir)) {
                throw new RuntimeException("cannot create the database folder $dir");
            }
        }
        $db = new PDO($dsn, $config['dbUser'], $config['dbPassword'], [
            PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
            PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
            PDO::ATTR_EMULATE_PREPARES => false,
            PDO::ATTR_TIMEOUT => 5,  // SQLite: how long to wait for another writer's lock
        ]);
        $store = new self($db);
        if ($store->driver === 'sqlite') {
            $db->exec('PRAGMA foreign_keys = ON');
            $db->exec('PRAGMA busy_timeout = 5000');
            if ((int) $db->query('PRAGMA user_version')->fetchColumn() < 1) {
                $db->exec('PRAGMA journal_mode = WAL');
                $store->transaction(function () use ($store): void {
                    $store->applySchema();
                    $store->db->exec('PRAGMA user_version = 1');
                });
            }
        } elseif ($store->driver === 'mysql') {
            $db->exec("SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO'");
        }
        return $store;
    }

    /** Runs schema/<driver>.sql (every statement is CREATE … IF NOT EXISTS). */
    public function applySchema(): void
    {
        $sql = (string) file_get_contents(dirname(__DIR__) . "/schema/{$this->driver}.sql");
        $sql = (string) preg_replace('/--[^\n]*/', '', $sql);
        foreach (preg_split('/;\s*(?:\n|$)/', $sql) as $statement) {
            if (trim($statement) !== '') {
                $this->db->exec($statement);
            }
        }
    }

    /**
     * $fn() in one write transaction, committed when it returns, rolled back when it throws. SQLite takes the
     * write lock at once (BEGIN IMMEDIATE); MySQL and PostgreSQL lock the order's row (lockOrder).
     */
    public function transaction(callable $fn): mixed
    {
        $sqlite = $this->driver === 'sqlite';
        $sqlite ? $this->db->exec('BEGIN IMMEDIATE') : $this->db->beginTransaction();
        try {
            $result = $fn();
            $sqlite ? $this->db->exec('COMMIT') : $this->db->commit();
            return $result;
        } catch (Throwable $e) {
            try {
                $sqlite ? $this->db->exec('ROLLBACK') : $this->db->rollBack();
            } catch (PDOException) {
                // already rolled back by the database (e.g. a failed COMMIT): the first error is the one to report
            }
            throw $e;
        }
    }

    /** Inside a transaction: what is read of this order stays true until it ends (SQLite: already so). */
    public function lockOrder(int $orderId): void
    {
        if ($this->driver !== 'sqlite') {
            $this->run('SELECT id FROM orders WHERE id = ? FOR UPDATE', [$orderId]);
        }
    }

    private function run(string $sql, array $params = []): PDOStatement
    {
        $statement = $this->db->prepare($sql);
        foreach (array_values($params) as $i => $value) {
            $statement->bindValue($i + 1, $value, match (true) {
                is_int($value) => PDO::PARAM_INT,
                $value === null => PDO::PARAM_NULL,
                default => PDO::PARAM_STR,
            });
        }
        $statement->execute();
        return $statement;
    }

    private static function typed(array|false $row): ?array
    {
        if ($row === false) {
            return null;
        }
        foreach (self::INT_COLUMNS as $column) {
            if (isset($row[$column])) {
                $row[$column] = (int) $row[$column];
            }
        }
        return $row;
    }

    private function one(string $sql, array $params): ?array
    {
        return self::typed($this->run($sql, $params)->fetch());
    }

    private function all(string $sql, array $params): array
    {
        return array_map(fn (array $row): array => self::typed($row), $this->run($sql, $params)->fetchAll());
    }

    public function getOrder(string $reference): ?array
    {
        return $this->one('SELECT * FROM orders WHERE reference = ?', [$reference]);
    }

    public function getOrderById(int $id): ?array
    {
        return $this->one('SELECT * FROM orders WHERE id = ?', [$id]);
    }

    public function attemptsOf(int $orderId): array
    {
        return $this->all('SELECT * FROM attempts WHERE order_id = ? ORDER BY number', [$orderId]);
    }

    public function getAttempt(string $reference): ?array
    {
        return $this->one('SELECT * FROM attempts WHERE reference = ?', [$reference]);
    }

    /** The attempt with this Sale_Reference_ID and its order: ['attempt' => row, 'order' => row], or null. */
    public function findAttempt(string $reference): ?array
    {
        $attempt = $this->getAttempt($reference);
        return $attempt === null ? null : ['attempt' => $attempt, 'order' => $this->getOrderById($attempt['order_id'])];
    }

    /** The order row for a bill, made when it does not exist yet (inside a transaction: locked). */
    public function ensureOrder(array $bill): array
    {
        $now = ltgs_iso_now();
        $insert = 'INSERT INTO orders (reference, amount, services_name, customer_name, account_number, status, created_at,
                   updated_at) VALUES (?, ?, ?, ?, ?, \'NEW\', ?, ?)';
        $insert .= match ($this->driver) {
            'sqlite', 'pgsql' => ' ON CONFLICT (reference) DO NOTHING',
            'mysql' => ' ON DUPLICATE KEY UPDATE id = id',
        };
        $this->run($insert, [$bill['reference'], $bill['amount'], $bill['servicesName'], $bill['customerName'] ?? '',
            $bill['accountNumber'] ?? '', $now, $now]);
        $order = $this->getOrder($bill['reference']);
        $this->lockOrder($order['id']);
        return $order;
    }

    /** The order as lib/rules.php reads it. */
    public static function ruleOrder(array $order, array $attempts): array
    {
        return ['reference' => $order['reference'], 'amountRwf' => $order['amount'],
                'attempts' => array_map([self::class, 'ruleAttempt'], $attempts)];
    }

    public static function ruleAttempt(array $row): array
    {
        return ['number' => $row['number'], 'state' => $row['state'], 'startedAtMs' => $row['started_at_ms'],
                'expiresAtMs' => $row['expires_at_ms'], 'paymentRefId' => $row['payment_ref_id'],
                'amountPaidRwf' => $row['amount_paid']];
    }

    public function insertAttempt(int $orderId, array $attempt, string $reference, string $method): array
    {
        $now = ltgs_iso_now();
        $this->run('INSERT INTO attempts (order_id, number, reference, state, method, started_at_ms, expires_at_ms,
                    created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [$orderId, $attempt['number'], $reference, $attempt['state'], $method, $attempt['startedAtMs'],
             $attempt['expiresAtMs'], $now, $now]);
        return $this->getAttempt($reference);
    }

    public function updateAttempt(array $row, array $attempt, ?string $channel = null, ?string $paidOn = null): void
    {
        $this->run('UPDATE attempts SET state = ?, payment_ref_id = ?, amount_paid = ?, channel = COALESCE(?, channel),
                    paid_on = COALESCE(?, paid_on), updated_at = ? WHERE id = ?',
            [$attempt['state'], $attempt['paymentRefId'], $attempt['amountPaidRwf'], $channel, $paidOn, ltgs_iso_now(),
             $row['id']]);
    }

    /** One row per result LTGS reported for an attempt; true when it is new. */
    public function recordResult(int $attemptId, string $status, ?string $paymentRefId, ?string $channel,
                                 ?int $amountPaid, ?string $paidOn, string $source): bool
    {
        $sql = match ($this->driver) {
            'sqlite' => 'INSERT OR IGNORE INTO payments',
            default => 'INSERT INTO payments',
        } . ' (attempt_id, payment_ref_id, status, channel, amount_paid, paid_on, source, recorded_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)' . match ($this->driver) {
            'pgsql' => ' ON CONFLICT DO NOTHING',
            'mysql' => ' ON DUPLICATE KEY UPDATE id = id',
            default => '',
        };
        return $this->run($sql, [$attemptId, $paymentRefId ?? '', $status, $channel, $amountPaid, $paidOn, $source,
            ltgs_iso_now()])->rowCount() === 1;
    }

    /** The order's columns from the rules' status of its attempts. */
    public function refreshOrder(int $orderId, array $status): void
    {
        $order = $this->getOrderById($orderId);
        $attempts = $this->attemptsOf($orderId);
        $latest = $attempts === [] ? null : $attempts[count($attempts) - 1];
        // LTGS's details on the order: the paying attempt's, or else the latest attempt's.
        $paying = $latest;
        foreach ($attempts as $a) {
            if ($a['number'] === $status['paidAttempt']) {
                $paying = $a;
            }
        }
        $this->run('UPDATE orders SET status = ?, paid_attempt = ?, payment_method = ?, payment_channel = ?,
                    payment_ref_id = ?, amount_paid = ?, paid_on = ?, amount_paid_total = ?, refund_due = ?,
                    duplicate_count = ?, updated_at = ? WHERE id = ?',
            [$status['state'], $status['paidAttempt'], $latest['method'] ?? $order['payment_method'],
             $paying['channel'] ?? null, $paying['payment_ref_id'] ?? null, $paying['amount_paid'] ?? null,
             $paying['paid_on'] ?? null, $status['amountPaidRwf'], $status['refundDueRwf'],
             count($status['duplicateAttempts']), ltgs_iso_now(), $orderId]);
    }

    /** Recomputes and stores the order's status; returns it. */
    public function refreshOrderStatus(array $order): array
    {
        $status = ltgs_order_status(self::ruleOrder($order, $this->attemptsOf($order['id'])));
        $this->refreshOrder($order['id'], $status);
        return $status;
    }

    /** Text for the log: valid UTF-8 (anything else replaced), at most $limit characters. */
    public static function clip(mixed $value, int $limit = 256): ?string
    {
        if ($value === null) {
            return null;
        }
        $text = (string) $value;
        if (preg_match('//u', $text) !== 1) {
            $text = (string) json_decode(json_encode($text, JSON_INVALID_UTF8_SUBSTITUTE));
        }
        if (strlen($text) > $limit) {
            preg_match('/\A.{0,' . $limit . '}/su', $text, $m);
            $text = $m[0];
        }
        return $text;
    }

    /** One audit row for a callback delivery, and the oldest beyond the limits dropped (and counted). */
    public function logCallback(array $a): void
    {
        $this->transaction(function () use ($a): void {
            $reference = self::clip($a['reference'] ?? null);
            $kept = in_array($a['outcome'], ['recorded', 'duplicate'], true) ? self::AUDIT_BODY_CHARS
                : self::AUDIT_REJECTED_BODY_CHARS;
            $this->run('INSERT INTO callbacks (received_at, remote_address, reference, payment_ref_id, claimed_status,
                        signature, outcome, code, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
                [ltgs_iso_now(), self::clip($a['remoteAddress'] ?? null, 64), $reference,
                 self::clip($a['paymentRefId'] ?? null), self::clip($a['claimedStatus'] ?? null, 64), $a['signature'],
                 $a['outcome'], $a['code'], self::clip($a['body'] ?? null, $kept)]);
            $same = match ($this->driver) {
                'sqlite' => 'reference IS ?',
                'pgsql' => 'reference IS NOT DISTINCT FROM ?',
                'mysql' => 'reference <=> ?',
            };
            $dropped = 0;
            // The oldest rows beyond the newest N: everything older than the N-th newest.
            $cut = $this->run("SELECT id FROM callbacks WHERE $same ORDER BY id DESC LIMIT 1 OFFSET ?",
                [$reference, self::AUDIT_PER_REFERENCE - 1])->fetchColumn();
            if ($cut !== false) {
                $dropped += $this->run("DELETE FROM callbacks WHERE $same AND id < ?", [$reference, (int) $cut])->rowCount();
            }
            $cut = $this->run('SELECT id FROM callbacks ORDER BY id DESC LIMIT 1 OFFSET ?', [self::AUDIT_TOTAL - 1])
                ->fetchColumn();
            if ($cut !== false) {
                $dropped += $this->run('DELETE FROM callbacks WHERE id < ?', [(int) $cut])->rowCount();
            }
            if ($dropped > 0) {
                $this->run(match ($this->driver) {
                    'mysql' => "INSERT INTO counters (name, value) VALUES ('callbacks_dropped', ?)
                                ON DUPLICATE KEY UPDATE value = value + VALUES(value)",
                    default => "INSERT INTO counters (name, value) VALUES ('callbacks_dropped', ?)
                                ON CONFLICT (name) DO UPDATE SET value = counters.value + excluded.value",
                }, [$dropped]);
            }
        });
    }
}
