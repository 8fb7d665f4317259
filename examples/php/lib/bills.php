<?php
// The partner's own bills: in a real site, the billing system. Here one demo customer per account number,
// each with one bill: order reference "PHPDEMO-<9-digit account>" (17 characters, so that every attempt's
// reference fits a QR code's 25-character reference label), 15,000 RWF.

declare(strict_types=1);

const DEMO_DEFAULT_ACCOUNT = '100234567';

/** The bill of a 9-digit account, or null. */
function demo_bill_for_account(string $account): ?array
{
    if (preg_match('/\A[0-9]{9}\z/', $account) !== 1) {
        return null;
    }
    return [
        'reference' => 'PHPDEMO-' . $account,
        'amount' => 15000,
        'servicesName' => 'Water Bill - PHP demo',
        'customerName' => 'Jeanne Uwimana',
        'accountNumber' => $account,
        'kycId' => '1199070012345012',  // the customer's national ID, as the billing system knows it
    ];
}

/** The bill for an order reference (the initiate endpoint's lookup), or null. */
function demo_find_bill(string $orderReference): ?array
{
    if (preg_match('/\APHPDEMO-([0-9]{9})\z/', $orderReference, $m) !== 1) {
        return null;
    }
    return demo_bill_for_account($m[1]);
}
