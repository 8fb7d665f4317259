<?php
// HTTP for the endpoints: security headers on every answer, JSON answers in one shape
// ({errors: [{field, code, message}]} for refusals, as the Node backend writes them), bounded request
// bodies, and the client for LTGS (file_get_contents with a stream context: no curl extension needed).

declare(strict_types=1);

const LTGS_CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " .
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
const LTGS_MAX_BROWSER_BODY = 16 * 1024;
const LTGS_MAX_CALLBACK_BODY = 64 * 1024;
const LTGS_MAX_LTGS_ANSWER = 1024 * 1024;

/** A refusal: its HTTP status and the {field, code, message} the caller gets. */
final class HttpError extends RuntimeException
{
    public function __construct(public readonly int $status, public readonly string $errorCode, string $message,
                                public readonly string $field = '$', public readonly array $headers = [])
    {
        parent::__construct($message);
    }
}

function ltgs_security_headers(): void
{
    header_remove('X-Powered-By');
    header('Content-Security-Policy: ' . LTGS_CONTENT_SECURITY_POLICY);
    header('X-Content-Type-Options: nosniff');
    header('Referrer-Policy: no-referrer');
    header('Cache-Control: no-store');
}

function ltgs_json(mixed $value): string
{
    return json_encode($value, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE
        | JSON_THROW_ON_ERROR);
}

function ltgs_send_json(int $status, mixed $value, array $headers = []): void
{
    http_response_code($status);
    header('Content-Type: application/json; charset=utf-8');
    foreach ($headers as $name => $v) {
        header("$name: $v");
    }
    echo ltgs_json($value);
}

function ltgs_send_errors(int $status, array $errors, array $headers = []): void
{
    ltgs_send_json($status, ['errors' => $errors], $headers);
}

function ltgs_send_http_error(HttpError $e): void
{
    ltgs_send_errors($e->status, [['field' => $e->field, 'code' => $e->errorCode, 'message' => $e->getMessage()]],
        $e->headers);
}

/** A request header by name (null when absent). */
function ltgs_header(string $name): ?string
{
    $key = strtoupper(str_replace('-', '_', $name));
    $value = $_SERVER[in_array($key, ['CONTENT_TYPE', 'CONTENT_LENGTH'], true) ? $key : "HTTP_$key"] ?? null;
    return is_string($value) ? $value : null;
}

function ltgs_require_method(string $method): void
{
    if ($_SERVER['REQUEST_METHOD'] !== $method) {
        throw new HttpError(405, 'request.method', "Use $method.", '$', ['Allow' => $method]);
    }
}

/** The body, at most $limit bytes (413 beyond, without reading the rest). */
function ltgs_read_body(int $limit): string
{
    $declared = ltgs_header('Content-Length');
    if ($declared !== null && ctype_digit($declared) && (int) $declared > $limit) {
        throw new HttpError(413, 'request.too_large', "The body is larger than $limit bytes.");
    }
    $body = (string) file_get_contents('php://input', false, null, 0, $limit + 1);
    if (strlen($body) > $limit) {
        throw new HttpError(413, 'request.too_large', "The body is larger than $limit bytes.");
    }
    return $body;
}

/** The browser-facing endpoints take only application/json (which also forces a CORS preflight, never granted). */
function ltgs_require_json(): void
{
    $type = strtolower(trim(explode(';', ltgs_header('Content-Type') ?? '')[0]));
    if ($type !== 'application/json') {
        throw new HttpError(415, 'request.not_json', 'The body must be application/json.');
    }
}

/**
 * True unless the request comes from another site's page: Sec-Fetch-Site must say same-origin when the
 * browser sends it; otherwise an Origin header, when present, must be ours.
 */
function ltgs_is_same_origin(string $publicUrl): bool
{
    $site = ltgs_header('Sec-Fetch-Site');
    if ($site !== null) {
        return $site === 'same-origin';
    }
    $origin = ltgs_header('Origin');
    if ($origin === null) {
        return true;  // not a browser's cross-site request
    }
    $host = ltgs_header('Host') ?? '';
    $own = parse_url($publicUrl);
    $ownOrigin = $own['scheme'] . '://' . $own['host'] . (isset($own['port']) ? ':' . $own['port'] : '');
    return $origin === "http://$host" || $origin === "https://$host" || $origin === $ownOrigin;
}

function ltgs_now_ms(): int
{
    return (int) floor(microtime(true) * 1000);
}

/** ISO 8601 in UTC with milliseconds, as JavaScript's toISOString writes it. */
function ltgs_iso_now(): string
{
    $ms = ltgs_now_ms();
    return gmdate('Y-m-d\TH:i:s', intdiv($ms, 1000)) . sprintf('.%03dZ', $ms % 1000);
}

/** A value from a request, for a log line: quoted, escaped (no control or bidirectional characters), bounded. */
function ltgs_log_value(mixed $value): string
{
    $text = is_string($value) ? $value : ltgs_json($value);
    return json_encode(substr($text, 0, 200), JSON_INVALID_UTF8_SUBSTITUTE | JSON_UNESCAPED_SLASHES);
}

function ltgs_log(string $line): void
{
    error_log("ltgs-php: $line");
}

function ltgs_unavailable(): HttpError
{
    return new HttpError(502, 'ltgs.unavailable', 'The payment service is not available; try again shortly.');
}

/**
 * One request to LTGS with our key: ['status' => int, 'text' => string]. A network failure, a timeout or
 * an answer that is not HTTP is a 502 for our caller. Redirects are not followed.
 */
function ltgs_request(array $config, string $method, string $path, ?string $body = null, array $headers = []): array
{
    $lines = ['Authorization: Bearer ' . $config['apiKey'], 'Accept: application/json', 'Connection: close'];
    if ($body !== null) {
        $lines[] = 'Content-Type: application/json';
    }
    foreach ($headers as $name => $value) {
        $lines[] = "$name: $value";
    }
    $context = stream_context_create(['http' => [
        'method' => $method,
        'header' => implode("\r\n", $lines),
        'content' => $body ?? '',
        'timeout' => $config['timeoutMs'] / 1000,  // connecting, and each read
        'ignore_errors' => true,                   // a 4xx/5xx answer's body is read too
        'follow_location' => 0,
        'protocol_version' => 1.1,
    ]]);
    $problem = null;
    set_error_handler(function (int $no, string $message) use (&$problem): bool {
        $problem = $message;
        return true;
    });
    try {
        $text = file_get_contents($config['apiBase'] . $path, false, $context, 0, LTGS_MAX_LTGS_ANSWER);
        $responseHeaders = $http_response_header ?? [];
    } finally {
        restore_error_handler();
    }
    $status = 0;
    foreach ($responseHeaders as $line) {
        if (preg_match('#\AHTTP/[0-9.]+ ([0-9]{3})#', $line, $m) === 1) {
            $status = (int) $m[1];
        }
    }
    if ($text === false || $status === 0) {
        ltgs_log("LTGS $method " . ltgs_log_value($path) . ': ' . ltgs_log_value($problem ?? 'no answer'));
        throw ltgs_unavailable();
    }
    return ['status' => $status, 'text' => $text];
}

/** A JSON object's members as an array, or null (LTGS's answers: anything else is unusable). */
function ltgs_decode_object(string $text): ?array
{
    $value = json_decode($text, false, 64);
    return $value instanceof stdClass ? get_object_vars($value) : null;
}
