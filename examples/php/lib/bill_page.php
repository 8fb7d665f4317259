<?php
// GET / — the bill page: one demo customer's bill (?account=NNNNNNNNN for another), with the widget's script
// tag while it can be paid. No inline script or style (the Content-Security-Policy forbids both). Reading
// the page writes nothing: the order row is made by its first initiation.

declare(strict_types=1);

function ltgs_html(mixed $value): string
{
    return htmlspecialchars((string) $value, ENT_QUOTES | ENT_SUBSTITUTE | ENT_HTML5, 'UTF-8');
}

function ltgs_bill_page(array $config): void
{
    ltgs_require_method($_SERVER['REQUEST_METHOD'] === 'HEAD' ? 'HEAD' : 'GET');
    $account = $_GET['account'] ?? DEMO_DEFAULT_ACCOUNT;
    $bill = is_string($account) ? demo_bill_for_account($account) : null;
    if ($bill === null) {
        throw new HttpError(404, 'bill.unknown', 'There is no such account: use nine digits.');
    }
    $order = Store::open($config)->getOrder($bill['reference']);
    $status = $order['status'] ?? 'NEW';
    $h = 'ltgs_html';
    $amount = 'RWF ' . number_format($bill['amount']);

    if ($status === 'PAID') {
        $pay = <<<HTML
            <div class="pay paid" id="bill-paid" role="status">
              <p><strong>Paid</strong> — thank you. LTGS payment reference
                <code id="payment-ref">{$h($order['payment_ref_id'] ?? '')}</code>, paid on {$h($order['paid_on'] ?? '')}.</p>
            </div>
        HTML;
    } elseif ($status === 'AMOUNT_MISMATCH') {
        $pay = <<<HTML
            <div class="pay" id="bill-review" role="status"><p>A payment of another amount was received for this
              bill. We are looking into it; please do not pay again.</p></div>
        HTML;
    } else {
        $token = ltgs_issue_checkout_token($config['checkoutSecret'], $bill['reference'], ltgs_now_ms());
        $pending = $status === 'PENDING'
            ? '<p class="muted" id="bill-pending">A payment request for this bill is open. If you approved it, this page will say so.</p>'
            : '';
        $pay = <<<HTML
            <div class="pay">
              $pending
              <script src="/dist/ltgs-checkout.js" data-reference="{$h($bill['reference'])}" data-amount="{$h($bill['amount'])}"
                      data-services-name="{$h($bill['servicesName'])}" data-kyc-id="{$h($bill['kycId'])}"
                      data-initiate-url="/checkout/initiate" data-status-url="/checkout/status"
                      data-checkout-token="{$h($token)}"></script>
            </div>
        HTML;
    }

    header('Content-Type: text/html; charset=utf-8');
    echo <<<HTML
    <!doctype html>
    <html lang="en">
    <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>Pay your water bill (PHP example)</title>
      <link rel="stylesheet" href="/bill.css">
    </head>
    <body>
      <main>
        <h1>Pay your water bill</h1>
        <section class="bill" aria-labelledby="bill-title" data-order-status="{$h($status)}">
          <h2 id="bill-title">{$h($bill['servicesName'])}</h2>
          <dl>
            <div><dt>Customer</dt><dd>{$h($bill['customerName'])}</dd></div>
            <div><dt>Account</dt><dd>{$h($bill['accountNumber'])}</dd></div>
            <div><dt>Order reference</dt><dd><code id="order-reference">{$h($bill['reference'])}</code></dd></div>
          </dl>
          <p class="due">Amount due <strong>{$h($amount)}</strong></p>
    $pay
        </section>
        <p class="muted">The PHP example of ltgs-checkout (examples/php): the widget talks to this site, this
          site talks to LTGS.</p>
      </main>
    </body>
    </html>

    HTML;
}
