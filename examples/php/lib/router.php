<?php
// Which handler answers a path; refusals become their JSON answer, anything unexpected a 500 that says
// nothing about the inside (the details go to the server's log).

declare(strict_types=1);

// The widget's files that may be served from LTGS_WIDGET_DIR, and their types.
const LTGS_WIDGET_FILES = [
    'ltgs-checkout.js' => 'text/javascript; charset=utf-8',
    'ltgs-checkout.app.js' => 'text/javascript; charset=utf-8',
    'ltgs-checkout.wasm' => 'application/wasm',
    'ltgs-checkout.single.js' => 'text/javascript; charset=utf-8',
    'ltgs-checkout.mjs' => 'text/javascript; charset=utf-8',
];

// The page's own files, in public/ (a web server in front serves them itself; `php -S` asks this script).
const LTGS_PUBLIC_FILES = ['bill.css' => 'text/css; charset=utf-8'];

function ltgs_handle(string $path, string $publicDir): void
{
    ltgs_security_headers();
    try {
        if ($path === '/favicon.ico') {
            http_response_code(204);
            return;
        }
        if (preg_match('#\A/dist/([A-Za-z0-9._-]+)\z#', $path, $m) === 1) {
            $dir = ltgs_env('LTGS_WIDGET_DIR', dirname(__DIR__, 3) . '/dist');
            ltgs_send_file($dir, $m[1], LTGS_WIDGET_FILES, 'No such file (is the widget built? npm run build).');
            return;
        }
        if (preg_match('#\A/([A-Za-z0-9._-]+)\z#', $path, $m) === 1 && isset(LTGS_PUBLIC_FILES[$m[1]])) {
            ltgs_send_file($publicDir, $m[1], LTGS_PUBLIC_FILES, 'No such file.');
            return;
        }
        $config = ltgs_config();
        if ($path === '/' || $path === '/index.php') {
            ltgs_bill_page($config);
        } elseif ($path === '/checkout/initiate') {
            ltgs_initiate($config);
        } elseif (preg_match('#\A/checkout/status/([^/]+)\z#', $path, $m) === 1) {
            ltgs_status($config, $m[1]);
        } elseif ($path === '/checkout/callback') {
            ltgs_callback($config);
        } else {
            throw new HttpError(404, 'request.not_found', 'No such page.');
        }
    } catch (HttpError $e) {
        ltgs_send_http_error($e);
    } catch (ConfigError $e) {
        ltgs_log('configuration: ' . $e->getMessage());
        ltgs_send_errors(500, [ltgs_field_error('$', 'server.misconfigured', 'The site is not configured; see its log.')]);
    } catch (Throwable $e) {
        ltgs_log('internal error: ' . $e);
        if (!headers_sent()) {
            ltgs_send_errors(500, [ltgs_field_error('$', 'server.error', 'Internal server error.')]);
        }
    }
}

/** One file of a fixed list (name => type) from $dir: no path from the request reaches the file system. */
function ltgs_send_file(string $dir, string $name, array $allowed, string $missing): void
{
    ltgs_require_method($_SERVER['REQUEST_METHOD'] === 'HEAD' ? 'HEAD' : 'GET');
    $file = $dir . '/' . $name;
    if (!isset($allowed[$name]) || !is_file($file)) {
        throw new HttpError(404, 'request.not_found', $missing);
    }
    header('Content-Type: ' . $allowed[$name]);
    header('Content-Length: ' . filesize($file));
    if ($_SERVER['REQUEST_METHOD'] !== 'HEAD') {
        readfile($file);
    }
}
