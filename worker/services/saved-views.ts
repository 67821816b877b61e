import { AppError, notFound } from "#worker/core/errors";
import { MAX_SAVED_VIEWS, type NewSavedView } from "#worker/core/inputs/saved-view";
import type { Db } from "#worker/db/client";
import { isUniqueViolation } from "#worker/db/constraint";
import { deleteOwnView, insertViewWithinCap, viewsOf } from "#worker/db/queries/saved-views";
import type { EthicoUserRow } from "#worker/db/queries/users";

import { recordAudit } from "./audit";

// Saved portfolio views (PRD F1 "+ Add View"), private to the user who saved them.

export async function listSavedViews(db: Db, user: EthicoUserRow) {
  const rows = await viewsOf(db, user.id);
  return rows.map(({ id, name, query, created_at }) => ({ id, name, query, created_at }));
}

/**
 * One statement decides: the row is inserted only while the user has fewer than the cap and no
 * view of that name (case-insensitive, also a unique index), so parallel saves cannot pass the
 * cap or duplicate a name. When it changed nothing, a second read says which rule refused it.
 */
export async function saveView(db: Db, user: EthicoUserRow, input: NewSavedView, now: Date) {
  const id = `view_${crypto.randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const at = now.toISOString();
  const query = JSON.stringify(input.query);
  let changes = 0;
  try {
    changes = await insertViewWithinCap(db, { id, userId: user.id, name: input.name, query, at }, MAX_SAVED_VIEWS);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  if (changes === 0) {
    const mine = await listSavedViews(db, user);
    if (mine.some((v) => v.name.toLowerCase() === input.name.toLowerCase()) || mine.length < MAX_SAVED_VIEWS)
      throw new AppError("CONFLICT", `You already have a view named "${input.name}"`, [
        { field: "name", message: "is already used by one of your views" },
      ]);
    throw new AppError("UNPROCESSABLE", `You can keep at most ${MAX_SAVED_VIEWS} views; delete one first`);
  }
  await recordAudit(db, { user, action: "create", resourceType: "saved_view", resourceId: id, outcome: "SUCCESS" });
  return { id, name: input.name, query: input.query, created_at: at };
}

/** Another user's view is NOT_FOUND: views are private. */
export async function deleteView(db: Db, user: EthicoUserRow, id: string) {
  const gone = await deleteOwnView(db, user.id, id);
  if (gone === 0) {
    await recordAudit(db, {
      user,
      action: "delete",
      resourceType: "saved_view",
      resourceId: id,
      outcome: "NOT_FOUND",
      statusCode: 404,
    });
    throw notFound("Saved view");
  }
  await recordAudit(db, { user, action: "delete", resourceType: "saved_view", resourceId: id, outcome: "SUCCESS" });
  return { id, deleted: true };
}
