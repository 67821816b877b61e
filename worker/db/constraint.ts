// Invariants live in the database (issue 20): a write that would break one fails with a
// constraint error, which the services turn into a 409 instead of a 500.

/** A UNIQUE constraint failure from D1 (for example a second active config for one scope). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { message?: string; cause?: { message?: string } } | null;
  return /UNIQUE constraint failed/i.test(`${e?.message ?? ""} ${e?.cause?.message ?? ""} ${String(err)}`);
}
