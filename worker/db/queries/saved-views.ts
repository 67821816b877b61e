import { and, asc, eq } from "drizzle-orm";

import type { Db } from "#worker/db/client";
import { savedViews } from "#worker/db/schema";

// Saved portfolio views, private to the user who saved them.

export async function viewsOf(db: Db, userId: string) {
  return db
    .select()
    .from(savedViews)
    .where(eq(savedViews.user_id, userId))
    .orderBy(asc(savedViews.created_at), asc(savedViews.name));
}

/**
 * One statement decides: the row is inserted only while the user has fewer than `max` views and
 * none of that name (case-insensitive, also a unique index), so parallel saves cannot pass the
 * cap or duplicate a name. Returns the rows inserted (0 or 1); a unique violation still throws.
 */
export async function insertViewWithinCap(
  db: Db,
  v: { id: string; userId: string; name: string; query: string; at: string },
  max: number,
): Promise<number> {
  const res = await db.$client
    .prepare(
      `INSERT INTO saved_views (id, user_id, name, query, created_at, updated_at)
         SELECT ?1, ?2, ?3, ?4, ?5, ?5
         WHERE (SELECT count(*) FROM saved_views WHERE user_id = ?2) < ?6
           AND NOT EXISTS (SELECT 1 FROM saved_views WHERE user_id = ?2 AND lower(name) = lower(?3))`,
    )
    .bind(v.id, v.userId, v.name, v.query, v.at, max)
    .run();
  return res.meta.changes ?? 0;
}

/** Deletes the user's own view; returns how many rows went (0: not theirs, or gone). */
export async function deleteOwnView(db: Db, userId: string, id: string): Promise<number> {
  const gone = await db
    .delete(savedViews)
    .where(and(eq(savedViews.id, id), eq(savedViews.user_id, userId)))
    .returning({ id: savedViews.id });
  return gone.length;
}
