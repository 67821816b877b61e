import { index, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import type { ConversationState } from "#worker/core/ai/chat-intent-parser";
import { createdAt, enumCheck, id, jsonText, updatedAt } from "#worker/db/columns";

import { ethicoUsers } from "./people";
import { aiInteractions } from "./system";

/** A user's chat with the assistant; `state` is what follow-ups resolve against ("them", "yes"). */
export const aiConversations = sqliteTable(
  "ai_conversations",
  {
    id: id(),
    user_id: text("user_id")
      .notNull()
      .references(() => ethicoUsers.id),
    title: text("title").notNull(),
    state: jsonText<ConversationState>("state").notNull(),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [index("ai_conversations_user_updated_idx").on(t.user_id, t.updated_at)],
);

export const AI_MESSAGE_ROLES = ["user", "assistant"] as const;

/** One turn of a conversation, with the structured results the answer showed. */
export const aiMessages = sqliteTable(
  "ai_messages",
  {
    id: id(),
    conversation_id: text("conversation_id")
      .notNull()
      .references(() => aiConversations.id),
    role: text("role", { enum: AI_MESSAGE_ROLES }).notNull(),
    content: text("content").notNull(),
    intent: text("intent"),
    provider: text("provider"),
    results: jsonText<Record<string, unknown>[]>("results").notNull().default([]),
    interaction_id: text("interaction_id").references(() => aiInteractions.id),
    created_at: text("created_at").notNull(),
  },
  (t) => [
    index("ai_messages_conversation_idx").on(t.conversation_id, t.created_at),
    enumCheck("ai_messages", t.role, AI_MESSAGE_ROLES),
  ],
);

export const AI_FEEDBACK_RATINGS = ["up", "down"] as const;

/** Thumbs up or down on one AI answer; a user's second vote on the same answer replaces the first. */
export const aiFeedback = sqliteTable(
  "ai_feedback",
  {
    id: id(),
    interaction_id: text("interaction_id")
      .notNull()
      .references(() => aiInteractions.id),
    user_id: text("user_id")
      .notNull()
      .references(() => ethicoUsers.id),
    rating: text("rating", { enum: AI_FEEDBACK_RATINGS }).notNull(),
    comment: text("comment"),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [
    uniqueIndex("ai_feedback_interaction_user_unique").on(t.interaction_id, t.user_id),
    enumCheck("ai_feedback", t.rating, AI_FEEDBACK_RATINGS),
  ],
);
