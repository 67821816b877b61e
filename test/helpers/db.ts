import { env } from "cloudflare:test";

// Reading the test database directly, to check what an endpoint or a job wrote.

// Rows are loosely typed on purpose: tests read the columns they assert on.
export type Json = Record<string, any>;

export async function rows<T = Json>(sql: string, ...binds: unknown[]): Promise<T[]> {
  return (
    await env.DB.prepare(sql)
      .bind(...binds)
      .all<T>()
  ).results;
}

/** The first row (undefined at run time when there is none). */
export async function one<T = Json>(sql: string, ...binds: unknown[]): Promise<T> {
  return (await rows<T>(sql, ...binds))[0];
}

/** A seeded client by name, every column ("Acme Corporation", "Beta Industries", …). */
export async function clientNamed(name: string): Promise<Json> {
  const client = await one("SELECT * FROM clients WHERE name = ?", name);
  if (!client) throw new Error(`no client named ${name}`);
  return client;
}

/** The seeded Acme Corporation's id, the client most tests act on. */
export async function acmeId(): Promise<string> {
  return (await clientNamed("Acme Corporation")).id as string;
}
