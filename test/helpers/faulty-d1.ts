// A D1 binding that fails on purpose (issue 8, faults): the statements a predicate picks throw
// as D1 does when a write fails, either alone or as part of a batch (which D1 then rolls back as
// a whole), for the first `times` matches. Everything else reaches the real database.

const INNER = Symbol("inner");
type Wrapped = D1PreparedStatement & { [INNER]: D1PreparedStatement; sql: string };

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
  const wrap = (inner: D1PreparedStatement, sql: string): Wrapped => {
    const guarded = <T>(f: () => Promise<T>) => (trip([sql]), f());
    return {
      [INNER]: inner,
      sql,
      bind: (...ps: unknown[]) => wrap(inner.bind(...ps), sql),
      first: ((col?: string) => guarded(() => (col === undefined ? inner.first() : inner.first(col)))) as D1PreparedStatement["first"],
      all: (() => guarded(() => inner.all())) as D1PreparedStatement["all"],
      run: (() => guarded(() => inner.run())) as D1PreparedStatement["run"],
      raw: ((opts?: { columnNames?: boolean }) => guarded(() => inner.raw(opts as { columnNames: true }))) as D1PreparedStatement["raw"],
    } as Wrapped;
  };
  const faulty = {
    prepare: (sql: string) => wrap(db.prepare(sql), sql),
    batch: async (statements: D1PreparedStatement[]) => {
      trip((statements as Wrapped[]).map((s) => s.sql ?? ""));
      return db.batch(statements.map((s) => (s as Wrapped)[INNER] ?? s));
    },
    exec: (q: string) => db.exec(q),
    dump: () => db.dump(),
    withSession: (c?: string) => db.withSession(c as never),
  } as D1Database;
  return { db: faulty, injected: () => injected };
}
