<?php
// Creates the tables in the database LTGS_DB_DSN names (schema/<driver>.sql; every statement is
// CREATE … IF NOT EXISTS, so running it again changes nothing). A new SQLite file gets them by itself.
//
//   LTGS_DB_DSN='pgsql:host=127.0.0.1;dbname=shop' LTGS_DB_USER=shop LTGS_DB_PASSWORD=… php bin/init-db.php

declare(strict_types=1);

require dirname(__DIR__) . '/lib/bootstrap.php';

$dataDir = ltgs_env('LTGS_DATA_DIR', dirname(__DIR__) . '/data');
$store = Store::open([
    'dsn' => ltgs_env('LTGS_DB_DSN', 'sqlite:' . $dataDir . '/orders.sqlite'),
    'dbUser' => ltgs_env('LTGS_DB_USER'),
    'dbPassword' => ltgs_env('LTGS_DB_PASSWORD'),
]);
$store->applySchema();
echo "The tables are ready ({$store->driver}).\n";
