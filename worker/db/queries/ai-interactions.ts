import { and, desc, eq } from "drizzle-orm";

import type { Db } from "#worker/db/client";
import { aiFeedback, aiInteractions } from "#worker/db/schema";

// The AI call log: one row per answer (its id is what thumbs refer to).

export async function insertAiInteraction(db: Db, row: typeof aiInteractions.$inferInsert): Promise<void> {
  await db.insert(aiInteractions).values(row);
}

/** The client's latest summary call, with this user's thumbs on it. */
export async function lastSummaryInteraction(db: Db, clientId: string, userId: string) {
  const [last] = await db
    .select({
      id: aiInteractions.id,
      provider: aiInteractions.provider,
      model: aiInteractions.model,
      rating: aiFeedback.rating,
    })
    .from(aiInteractions)
    .leftJoin(aiFeedback, and(eq(aiFeedback.interaction_id, aiInteractions.id), eq(aiFeedback.user_id, userId)))
    .where(and(eq(aiInteractions.client_id, clientId), eq(aiInteractions.kind, "summary")))
    .orderBy(desc(aiInteractions.at))
    .limit(1);
  return last;
}
