// Polls fn (synchronous) until it returns something truthy, which is returned; throws after timeoutMs.
'use strict';

async function until(what, fn, timeoutMs = 10_000, stepMs = 20) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}

module.exports = { until };
