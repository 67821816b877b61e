// Local development only: a request sent with the header `x-sql-trace: <id>` has every D1
// statement it runs printed as one `SQLTRACE {"id","sql","params"}` line. The benchmark uses it
// to replay exactly the SQL an endpoint ran on raw SQLite (docs/benchmarks.md, "the physical
// limit"). Outside local mode, or without the header, the binding is returned untouched.

const INNER = Symbol("inner");
type Traced = D1PreparedStatement & { [INNER]: D1PreparedStatement; sql: string; params: unknown[] };
type Log = (sql: string, params: unknown[]) => void;

function traced(inner: D1PreparedStatement, sql: string, params: unknown[], log: Log): Traced {
  const run = <T>(f: () => Promise<T>) => {
    log(sql, params);
    return f();
  };
  return {
    [INNER]: inner,
    sql,
    params,
    bind: (...ps: unknown[]) => traced(inner.bind(...ps), sql, ps, log),
    first: ((col?: string) => run(() => (col === undefined ? inner.first() : inner.first(col)))) as D1PreparedStatement["first"],
    all: (() => run(() => inner.all())) as D1PreparedStatement["all"],
    run: (() => run(() => inner.run())) as D1PreparedStatement["run"],
    raw: ((opts?: { columnNames?: boolean }) => run(() => inner.raw(opts as { columnNames: true }))) as D1PreparedStatement["raw"],
  } as Traced;
}

export function traceableD1(db: D1Database, request: Request, localMode: boolean): D1Database {
  const id = request.headers.get("x-sql-trace");
  if (!localMode || !id) return db;
  const log: Log = (sql, params) => console.log(`SQLTRACE ${JSON.stringify({ id, sql, params })}`);
  return {
    prepare: (sql: string) => traced(db.prepare(sql), sql, [], log),
    batch: (statements: D1PreparedStatement[]) => {
      for (const s of statements as Traced[]) log(s.sql, s.params);
      return db.batch(statements.map((s) => (s as Traced)[INNER] ?? s));
    },
    exec: (q: string) => db.exec(q),
    dump: () => db.dump(),
    withSession: (c?: string) => db.withSession(c as never),
  } as D1Database;
}
