<?php
// Settings, from the environment only (no secret in a file under the web root):
//
//   LTGS_API_BASE            LTGS's base URL (npm start's sandbox: http://127.0.0.1:8081)          required
//   LTGS_API_KEY             our secret key for it, sent only to LTGS as Authorization: Bearer     required
//   LTGS_CALLBACK_SECRET     the HMAC secret of LTGS-Signature                          default: the API key
//   LTGS_CALLBACK_SIGNATURE  required (default) or none: unsigned mode, where only the re-check decides
//   PUBLIC_URL               our public base URL; Callback_URL = PUBLIC_URL/checkout/callback. https, or
//                            http on loopback. Under `php -S` it defaults to the address it listens on.
//   LTGS_DB_DSN              a PDO DSN                        default: sqlite:<LTGS_DATA_DIR>/orders.sqlite
//   LTGS_DB_USER, LTGS_DB_PASSWORD   for MySQL/MariaDB and PostgreSQL DSNs
//   LTGS_CHECKOUT_SECRET     the checkout tokens' HMAC secret, at least 16 characters   default: a random
//                            secret kept in <LTGS_DATA_DIR>/checkout-secret (made on first use, mode 0600)
//   LTGS_DATA_DIR            default: examples/php/data (git-ignored)
//   LTGS_WIDGET_DIR          where the widget's files are                default: the repository's dist/
//   LTGS_PAYMENT_LIFETIME_MS how long LTGS keeps a payment open (10 min): until then, no second attempt
//   LTGS_TIMEOUT_MS          the timeout of each request to LTGS (default 10 s)

declare(strict_types=1);

final class ConfigError extends RuntimeException
{
}

function ltgs_env(string $name, ?string $default = null): ?string
{
    $value = getenv($name);
    return $value === false || $value === '' ? $default : $value;
}

/** True for http(s) URLs whose host is 127.0.0.1, localhost or [::1]. */
function ltgs_is_loopback_url(string $url): bool
{
    $host = strtolower((string) parse_url($url, PHP_URL_HOST));
    return in_array($host, ['127.0.0.1', 'localhost', '[::1]', '::1'], true);
}

function ltgs_config(): array
{
    static $config = null;
    if ($config !== null) {
        return $config;
    }
    $apiBase = ltgs_env('LTGS_API_BASE');
    if ($apiBase === null || preg_match('#\Ahttps?://[^/?\#]+#', $apiBase) !== 1) {
        throw new ConfigError('LTGS_API_BASE must be the http(s) base URL of LTGS (npm start\'s sandbox: http://127.0.0.1:8081)');
    }
    $apiKey = ltgs_env('LTGS_API_KEY');
    if ($apiKey === null) {
        throw new ConfigError('LTGS_API_KEY must be set: the secret key for LTGS_API_BASE');
    }
    if (preg_match('/[\x00-\x20\x7F]/', $apiKey) === 1) {
        throw new ConfigError('LTGS_API_KEY must not contain spaces or control characters');
    }
    $signature = ltgs_env('LTGS_CALLBACK_SIGNATURE', 'required');
    if ($signature !== 'required' && $signature !== 'none') {
        throw new ConfigError("LTGS_CALLBACK_SIGNATURE must be 'required' or 'none'");
    }

    $publicUrl = ltgs_env('PUBLIC_URL');
    if ($publicUrl === null && PHP_SAPI === 'cli-server') {
        // The address `php -S` listens on (from its command line, not from the request's Host header).
        $publicUrl = 'http://' . $_SERVER['SERVER_NAME'] . ':' . $_SERVER['SERVER_PORT'];
    }
    if ($publicUrl === null) {
        throw new ConfigError('PUBLIC_URL must be set: the public https base URL of this site');
    }
    $publicUrl = rtrim($publicUrl, '/');
    $scheme = parse_url($publicUrl, PHP_URL_SCHEME);
    if (!($scheme === 'https' || ($scheme === 'http' && ltgs_is_loopback_url($publicUrl)))) {
        throw new ConfigError("PUBLIC_URL $publicUrl would give LTGS a Callback_URL it refuses: use https (http only on loopback)");
    }

    $dataDir = ltgs_env('LTGS_DATA_DIR', dirname(__DIR__) . '/data');
    $config = [
        'apiBase' => rtrim($apiBase, '/'),
        'apiKey' => $apiKey,
        'callbackSecret' => ltgs_env('LTGS_CALLBACK_SECRET', $apiKey),
        'signatureMode' => $signature,
        'publicUrl' => $publicUrl,
        'callbackUrl' => $publicUrl . '/checkout/callback',
        'dataDir' => $dataDir,
        'dsn' => ltgs_env('LTGS_DB_DSN', 'sqlite:' . $dataDir . '/orders.sqlite'),
        'dbUser' => ltgs_env('LTGS_DB_USER'),
        'dbPassword' => ltgs_env('LTGS_DB_PASSWORD'),
        'checkoutSecret' => ltgs_env('LTGS_CHECKOUT_SECRET'),
        'lifetimeMs' => (int) ltgs_env('LTGS_PAYMENT_LIFETIME_MS', '600000'),
        'timeoutMs' => (int) ltgs_env('LTGS_TIMEOUT_MS', '10000'),
    ];
    if ($config['lifetimeMs'] < 1000 || $config['timeoutMs'] < 100) {
        throw new ConfigError('LTGS_PAYMENT_LIFETIME_MS and LTGS_TIMEOUT_MS must be milliseconds (at least 1000 and 100)');
    }
    if ($config['checkoutSecret'] === null) {
        $config['checkoutSecret'] = ltgs_stored_secret($dataDir . '/checkout-secret');
    } elseif (strlen($config['checkoutSecret']) < 16) {
        throw new ConfigError('LTGS_CHECKOUT_SECRET must be at least 16 characters');
    }
    return $config;
}

/** A random secret kept in a file: made once, readable by this user only, the same for every request. */
function ltgs_stored_secret(string $file): string
{
    $secret = is_file($file) ? trim((string) file_get_contents($file)) : '';
    if (strlen($secret) >= 32) {
        return $secret;
    }
    if (!is_dir(dirname($file)) && !mkdir(dirname($file), 0700, true) && !is_dir(dirname($file))) {
        throw new ConfigError('cannot create ' . dirname($file) . ' for the checkout secret');
    }
    $secret = ltgs_base64url(random_bytes(32));
    $tmp = $file . '.' . bin2hex(random_bytes(6));
    $old = umask(0077);
    try {
        if (file_put_contents($tmp, $secret . "\n") === false) {
            throw new ConfigError("cannot write $file: set LTGS_CHECKOUT_SECRET");
        }
    } finally {
        umask($old);
    }
    // Two first requests at once: link() does not replace an existing file, so the first one wins and
    // both read the same secret back.
    @link($tmp, $file);
    unlink($tmp);
    return trim((string) file_get_contents($file));
}
