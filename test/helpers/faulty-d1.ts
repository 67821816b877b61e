import { wrapD1 } from "#worker/db/d1-wrapper";

// A D1 binding that fails on purpose (issue 8, faults): the statements a predicate picks throw
// as D1 does when a write fails, either alone or as part of a batch (which D1 then rolls back as
// a whole), for the first `times` matches. Everything else reaches the real database. The
// wrapping is the app's own (worker/db/d1-wrapper.ts), the one the SQL trace uses.

export interface FaultyD1 {
  db: D1Database;
  /** How many statements or batches were made to fail so far. */
  injected: () => number;
}

export function faultyD1(db: D1Database, fails: (sql: string) => boolean, times = 1): FaultyD1 {
  let left = times;
  let injected = 0;
  const trip = (sqls: string[]) => {
    if (left > 0 && sqls.some(fails)) {
      left -= 1;
      injected += 1;
      throw new Error("D1_ERROR: injected fault: the database is unavailable");
    }
  };
  return { db: wrapD1(db, { beforeRun: trip }), injected: () => injected };
}
