<?php
// The front controller: every request of the example comes here (as `php -S`'s router script, or through
// the web server's rewrite to index.php, see README.md).
//
//   GET  /                                  the bill page (lib/bill_page.php)
//   POST /checkout/initiate                 widget → us → LTGS (lib/initiate.php)
//   GET  /checkout/status/{reference}       widget polls; we ask LTGS (lib/status.php)
//   POST /checkout/callback                 LTGS → us (lib/callback.php)
//   GET  /dist/ltgs-checkout.js, .app.js, .wasm   the widget's files, from LTGS_WIDGET_DIR
//   GET  /bill.css                          a file of this folder

declare(strict_types=1);

ini_set('display_errors', '0');  // errors go to the server's log, never into an answer
ini_set('log_errors', '1');
ini_set('zend.exception_ignore_args', '1');  // no argument (a key, a body) in a logged stack trace

require dirname(__DIR__) . '/lib/bootstrap.php';

ltgs_handle((string) parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH), __DIR__);
