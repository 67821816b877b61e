import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

import { bool, jsonText } from "#worker/db/columns";

import { clients } from "./clients";

/**
 * Every platform event ever accepted, by its id: the consumer stages events here with
 * INSERT OR IGNORE and folds only those still unprocessed, in the same D1 transaction, so a
 * redelivered or resubmitted event changes nothing.
 */
export const ingestedEvents = sqliteTable(
  "ingested_events",
  {
    event_id: text("event_id").primaryKey(),
    client_id: text("client_id")
      .notNull()
      .references(() => clients.id),
    type: text("type").notNull(),
    occurred_at: text("occurred_at").notNull(),
    user_id: text("user_id"),
    payload: jsonText<Record<string, unknown>>("payload").notNull(),
    processed: bool("processed").notNull().default(false),
    received_at: text("received_at").notNull(),
  },
  (t) => [index("ingested_events_unprocessed_idx").on(t.processed, t.client_id)],
);

/** Uses of one catalog feature by one client on one day (feature adoption reads 60 days of it). */
export const featureDailyUsage = sqliteTable(
  "feature_daily_usage",
  {
    client_id: text("client_id")
      .notNull()
      .references(() => clients.id),
    feature_key: text("feature_key").notNull(),
    date: text("date").notNull(),
    uses: integer("uses").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.client_id, t.feature_key, t.date] }),
    index("feature_daily_usage_date_idx").on(t.date),
  ],
);
