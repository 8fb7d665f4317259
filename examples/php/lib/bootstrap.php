<?php
// Loads the example's code (plain functions and two small classes, no framework, no Composer).

declare(strict_types=1);

require_once __DIR__ . '/rules.php';
require_once __DIR__ . '/notification.php';
require_once __DIR__ . '/signature.php';
require_once __DIR__ . '/checkout_token.php';
require_once __DIR__ . '/config.php';
require_once __DIR__ . '/http.php';
require_once __DIR__ . '/store.php';
require_once __DIR__ . '/bills.php';
require_once __DIR__ . '/payments.php';
require_once __DIR__ . '/initiate.php';
require_once __DIR__ . '/status.php';
require_once __DIR__ . '/callback.php';
require_once __DIR__ . '/bill_page.php';
require_once __DIR__ . '/router.php';
