// A clock for the servers under web/ that moves only when a test says so: now(), setTimeout(fn, ms),
// clearTimeout(id). advance(ms) runs each timer that falls due on the way, in order of due time (ties in
// the order they were set), with now() at that timer's time.
'use strict';

class FakeClock {
  constructor(startMs = Date.UTC(2026, 10, 28, 10, 0, 0)) {
    this.nowMs = startMs;
    this.timers = new Map();
    this.nextId = 1;
  }

  now() {
    return this.nowMs;
  }

  setTimeout(fn, ms) {
    const id = this.nextId++;
    this.timers.set(id, { id, at: this.nowMs + Math.max(0, Number(ms) || 0), fn });
    return id;
  }

  clearTimeout(id) {
    this.timers.delete(id);
  }

  // Due times of the timers still set, earliest first (relative to now).
  pendingDelays() {
    return [...this.timers.values()].map((t) => t.at - this.nowMs).sort((a, b) => a - b);
  }

  advance(ms) {
    const target = this.nowMs + ms;
    for (let i = 0; i < 10_000; i += 1) {
      let next = null;
      for (const t of this.timers.values()) {
        if (t.at <= target && (next === null || t.at < next.at || (t.at === next.at && t.id < next.id))) next = t;
      }
      if (next === null) break;
      this.timers.delete(next.id);
      this.nowMs = Math.max(this.nowMs, next.at);
      next.fn();
    }
    this.nowMs = target;
  }
}

module.exports = { FakeClock };
