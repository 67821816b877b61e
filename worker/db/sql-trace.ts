import { wrapD1 } from "./d1-wrapper";

// Local development only: a request sent with the header `x-sql-trace: <id>` has every D1
// statement it runs printed as one `SQLTRACE {"id","sql","params"}` line. The benchmark uses it
// to replay exactly the SQL an endpoint ran on raw SQLite (docs/performance.md, "the physical
// limit"). Outside local mode, or without the header, the binding is returned untouched.

export function traceableD1(db: D1Database, request: Request, localMode: boolean): D1Database {
  const id = request.headers.get("x-sql-trace");
  if (!localMode || !id) return db;
  return wrapD1(db, { onStatement: (sql, params) => console.log(`SQLTRACE ${JSON.stringify({ id, sql, params })}`) });
}
