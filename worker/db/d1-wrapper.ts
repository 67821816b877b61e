// One wrapper around the D1 binding for whatever must see each statement before it runs: the
// local SQL trace (./sql-trace.ts) and the tests' fault injection (test/helpers/faulty-d1.ts).
// Both need the SQL text of every statement, including each statement of a batch, which D1's
// prepared statements do not expose; so statements are wrapped when prepared and unwrapped
// before they reach the real binding.

const INNER = Symbol("inner");
type Wrapped = D1PreparedStatement & { [INNER]: D1PreparedStatement; sql: string; params: unknown[] };

export interface D1Hooks {
  /**
   * Before a statement runs, or a batch (once, with the SQL of every statement in it). Throwing
   * here fails that statement or the whole batch without reaching D1, as a failed write would.
   */
  beforeRun?: (sqls: string[]) => void;
  /** Each statement about to run with its bound parameters (a batch: each of its statements). */
  onStatement?: (sql: string, params: unknown[]) => void;
}

function wrapStatement(inner: D1PreparedStatement, sql: string, params: unknown[], hooks: D1Hooks): Wrapped {
  // Synchronous like the two copies this replaces: a hook that throws throws from run()/all().
  const run = <T>(f: () => Promise<T>) => {
    hooks.beforeRun?.([sql]);
    hooks.onStatement?.(sql, params);
    return f();
  };
  return {
    [INNER]: inner,
    sql,
    params,
    bind: (...ps: unknown[]) => wrapStatement(inner.bind(...ps), sql, ps, hooks),
    first: ((col?: string) =>
      run(() => (col === undefined ? inner.first() : inner.first(col)))) as D1PreparedStatement["first"],
    all: (() => run(() => inner.all())) as D1PreparedStatement["all"],
    run: (() => run(() => inner.run())) as D1PreparedStatement["run"],
    raw: ((opts?: { columnNames?: boolean }) =>
      run(() => inner.raw(opts as { columnNames: true }))) as D1PreparedStatement["raw"],
  } as Wrapped;
}

/** The binding with `hooks` called for every statement; a batch stays one D1 batch (one transaction). */
export function wrapD1(db: D1Database, hooks: D1Hooks): D1Database {
  return {
    prepare: (sql: string) => wrapStatement(db.prepare(sql), sql, [], hooks),
    batch: async (statements: D1PreparedStatement[]) => {
      const wrapped = statements as Wrapped[];
      hooks.beforeRun?.(wrapped.map((s) => s.sql ?? ""));
      if (hooks.onStatement) for (const s of wrapped) hooks.onStatement(s.sql, s.params);
      return db.batch(statements.map((s) => (s as Wrapped)[INNER] ?? s));
    },
    exec: (q: string) => db.exec(q),
    dump: () => db.dump(),
    withSession: (c?: string) => db.withSession(c as never),
  } as D1Database;
}
