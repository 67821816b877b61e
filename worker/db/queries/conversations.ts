import { and, asc, desc, eq } from "drizzle-orm";

import type { ConversationState } from "#worker/core/ai/chat-intent-parser";
import type { Db } from "#worker/db/client";
import { aiConversations, aiFeedback, aiInteractions, aiMessages } from "#worker/db/schema";

// Chat conversations belong to one user: every read is by (id, user), so another user's
// conversation id simply is not found.

export async function findConversation(db: Db, userId: string, id: string) {
  const [row] = await db
    .select()
    .from(aiConversations)
    .where(and(eq(aiConversations.id, id), eq(aiConversations.user_id, userId)))
    .limit(1);
  return row ?? null;
}

export interface Turn {
  conversation: { id: string; user_id: string; title: string; state: ConversationState; isNew: boolean };
  user: { content: string; at: string };
  assistant: {
    content: string;
    intent: string;
    provider: string;
    results: Record<string, unknown>[];
    interaction_id: string;
    at: string;
  };
}

/** The question, the answer and the conversation's new state, written together. */
export async function saveTurn(db: Db, t: Turn) {
  const c = t.conversation;
  const upsert = c.isNew
    ? db.insert(aiConversations).values({
        id: c.id,
        user_id: c.user_id,
        title: c.title,
        state: c.state,
        created_at: t.user.at,
        updated_at: t.assistant.at,
      })
    : db
        .update(aiConversations)
        .set({ state: c.state, updated_at: t.assistant.at })
        .where(eq(aiConversations.id, c.id));
  await db.batch([
    upsert,
    db.insert(aiMessages).values({
      id: crypto.randomUUID(),
      conversation_id: c.id,
      role: "user",
      content: t.user.content,
      created_at: t.user.at,
    }),
    db.insert(aiMessages).values({
      id: crypto.randomUUID(),
      conversation_id: c.id,
      role: "assistant",
      content: t.assistant.content,
      intent: t.assistant.intent,
      provider: t.assistant.provider,
      results: t.assistant.results,
      interaction_id: t.assistant.interaction_id,
      created_at: t.assistant.at,
    }),
  ]);
}

export async function listConversations(db: Db, userId: string, limit: number) {
  return db
    .select({
      id: aiConversations.id,
      title: aiConversations.title,
      created_at: aiConversations.created_at,
      updated_at: aiConversations.updated_at,
    })
    .from(aiConversations)
    .where(eq(aiConversations.user_id, userId))
    .orderBy(desc(aiConversations.updated_at))
    .limit(limit);
}

/** The messages in order, each answer with the user's own thumbs on it. */
export async function conversationMessages(db: Db, userId: string, conversationId: string) {
  return db
    .select({
      id: aiMessages.id,
      role: aiMessages.role,
      content: aiMessages.content,
      intent: aiMessages.intent,
      provider: aiMessages.provider,
      results: aiMessages.results,
      interaction_id: aiMessages.interaction_id,
      created_at: aiMessages.created_at,
      rating: aiFeedback.rating,
    })
    .from(aiMessages)
    .leftJoin(aiFeedback, and(eq(aiFeedback.interaction_id, aiMessages.interaction_id), eq(aiFeedback.user_id, userId)))
    .where(eq(aiMessages.conversation_id, conversationId))
    .orderBy(asc(aiMessages.created_at), asc(aiMessages.role));
}

/** An AI answer the user received (feedback may only be given on one's own answers). */
export async function findOwnInteraction(db: Db, userId: string, id: string) {
  const [row] = await db
    .select({ id: aiInteractions.id, kind: aiInteractions.kind, client_id: aiInteractions.client_id })
    .from(aiInteractions)
    .where(and(eq(aiInteractions.id, id), eq(aiInteractions.user_id, userId)))
    .limit(1);
  return row ?? null;
}

/** A user's thumbs on an answer: a second vote replaces the first. */
export async function saveFeedback(
  db: Db,
  f: { interaction_id: string; user_id: string; rating: "up" | "down"; comment: string | null; at: string },
) {
  await db
    .insert(aiFeedback)
    .values({
      id: crypto.randomUUID(),
      interaction_id: f.interaction_id,
      user_id: f.user_id,
      rating: f.rating,
      comment: f.comment,
      created_at: f.at,
      updated_at: f.at,
    })
    .onConflictDoUpdate({
      target: [aiFeedback.interaction_id, aiFeedback.user_id],
      set: { rating: f.rating, comment: f.comment, updated_at: f.at },
    });
}
