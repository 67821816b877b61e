// The workerd tier runs on a pinned clock: every test file starts at PINNED_NOW, so the seeded
// history, "today" and every date the Worker computes are the same on every run and every day.
//
// The clock is pinned, not frozen: it starts at PINNED_NOW and then runs at the real pace.
// vi.setSystemTime without fake timers freezes Date, which would hang the tests' own polling
// loops (`while (Date.now() < until)`) and the Worker's timeout measurements; vi.useFakeTimers
// would also take over setTimeout, which the CRM timeout tests and the queue retries need real.
// The Worker under test runs in the same isolate as the tests (cloudflare:test SELF), so it reads
// this clock too. D1's own strftime('now') (column defaults, the audit log's append-only
// trigger) keeps the real time: a test about those reads realNow().

/**
 * A Thursday, mid-morning UTC: far from midnight (tests that write "an hour ago" stay on the same
 * day) and a date whose seeded history (TEST_SEED) has churned renewals on both sides of the
 * churn backtest's cutoff (180 days earlier), which the churn tests need.
 */
export const PINNED_NOW = "2026-06-11T10:00:00.000Z";

/** The pinned calendar day, which the test portfolio is seeded as of. */
export const TODAY = PINNED_NOW.slice(0, 10);

const REAL_DATE = Symbol.for("csd.test.realDate");

/** The machine's time, which D1's strftime('now') still reads. */
export function realNow(): Date {
  const Real = (globalThis as unknown as Record<symbol, DateConstructor | undefined>)[REAL_DATE] ?? Date;
  return new Real();
}

/** Replaces the global Date with one whose clock starts at `start` (idempotent per isolate). */
export function pinClock(start: string = PINNED_NOW): void {
  const holder = globalThis as unknown as Record<symbol, DateConstructor | undefined>;
  const Real = (holder[REAL_DATE] ??= Date);
  const offset = Date.parse(start) - Real.now();
  class PinnedDate extends Real {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(Real.now() + offset);
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return Real.now() + offset;
    }
    // Dates made before the swap, or by the runtime, are still Dates.
    static [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof Real;
    }
  }
  globalThis.Date = PinnedDate as DateConstructor;
}
