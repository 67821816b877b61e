import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { AUDIT_OUTCOMES } from "#worker/core/enums";
import { bool, createdAt, enumCheck, id, jsonText, updatedAt } from "#worker/db/columns";

import { ethicoUsers } from "./people";

/** Who did what to which resource, when, and how it ended. Append-only: the app never updates it. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: id(),
    at: text("at").notNull(),
    user_id: text("user_id"),
    user_email: text("user_email"),
    action: text("action").notNull(),
    resource_type: text("resource_type").notNull(),
    resource_id: text("resource_id"),
    outcome: text("outcome", { enum: AUDIT_OUTCOMES }).notNull(),
    status_code: integer("status_code"),
    details: jsonText<Record<string, unknown>>("details"),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_user_at_idx").on(t.user_id, t.at),
    index("audit_log_resource_idx").on(t.resource_type, t.resource_id),
    enumCheck("audit_log", t.outcome, AUDIT_OUTCOMES),
  ],
);

/** Every AI call: what was asked (aggregates only, never contact PII), what came back, by which path. */
export const aiInteractions = sqliteTable(
  "ai_interactions",
  {
    id: id(),
    at: text("at").notNull(),
    user_id: text("user_id").references(() => ethicoUsers.id),
    client_id: text("client_id"),
    kind: text("kind").notNull(),
    model: text("model"),
    /** "workers-ai" or "local": which provider wrote the answer. */
    provider: text("provider").notNull().default("local"),
    used_fallback: bool("used_fallback").notNull().default(false),
    input_tokens: integer("input_tokens"),
    output_tokens: integer("output_tokens"),
    prompt: text("prompt").notNull(),
    response: text("response"),
    latency_ms: integer("latency_ms"),
    error: text("error"),
  },
  (t) => [
    index("ai_interactions_at_idx").on(t.at),
    index("ai_interactions_client_idx").on(t.client_id),
    index("ai_interactions_kind_at_idx").on(t.kind, t.at),
  ],
);

/** A user's saved portfolio view: a name and the URL query that reproduces it. */
export const savedViews = sqliteTable(
  "saved_views",
  {
    id: id(),
    user_id: text("user_id")
      .notNull()
      .references(() => ethicoUsers.id),
    name: text("name").notNull(),
    query: jsonText<Record<string, string>>("query").notNull(),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [
    index("saved_views_user_idx").on(t.user_id),
    uniqueIndex("saved_views_user_name_unique").on(t.user_id, sql`lower(${t.name})`),
  ],
);

/**
 * Refusals per caller (user id, claimed email or IP) and minute, written rows and suppressed ones
 * alike: only the first few a minute become audit rows (migration 0020, decision 016).
 */
export const auditRefusalCounts = sqliteTable(
  "audit_refusal_counts",
  {
    caller: text("caller").notNull(),
    minute: text("minute").notNull(),
    refused: integer("refused").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.caller, t.minute] }), index("audit_refusal_counts_minute_idx").on(t.minute)],
);
