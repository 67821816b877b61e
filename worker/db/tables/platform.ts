import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { RENEWAL_OUTCOMES, SURVEY_KINDS, TICKET_SEVERITIES, TICKET_STATUSES } from "#worker/core/enums";
import { bool, createdAt, enumCheck, id, jsonText, rangeCheck } from "#worker/db/columns";

import { clients } from "./clients";

/** A user of the client's platform tenant. Display name and role title only: no email or phone. */
export const platformUsers = sqliteTable(
  "platform_users",
  {
    id: id(),
    client_id: text("client_id")
      .notNull()
      .references(() => clients.id),
    display_name: text("display_name").notNull(),
    role_title: text("role_title"),
    registered_on: text("registered_on").notNull(),
    is_active: bool("is_active").notNull().default(true),
    created_at: createdAt(),
  },
  (t) => [index("platform_users_client_idx").on(t.client_id)],
);

/** Per-user daily activity: DAU/WAU/MAU and per-user engagement are computed from it. */
export const userDailyActivity = sqliteTable(
  "user_daily_activity",
  {
    client_id: text("client_id")
      .notNull()
      .references(() => clients.id),
    user_id: text("user_id")
      .notNull()
      .references(() => platformUsers.id),
    date: text("date").notNull(),
    logins: integer("logins").notNull().default(0),
    sessions: integer("sessions").notNull().default(0),
    actions: integer("actions").notNull().default(0),
    duration_seconds: integer("duration_seconds").notNull().default(0),
    modules: jsonText<Record<string, number>>("modules").notNull().default({}),
    first_login_hour: integer("first_login_hour"),
  },
  (t) => [
    uniqueIndex("user_daily_activity_user_date_unique").on(t.user_id, t.date),
    index("user_daily_activity_client_date_idx").on(t.client_id, t.date),
  ],
);

/** Support tickets from the support system. */
export const supportTickets = sqliteTable(
  "support_tickets",
  {
    id: id(),
    client_id: text("client_id")
      .notNull()
      .references(() => clients.id),
    external_id: text("external_id"),
    subject: text("subject").notNull(),
    severity: text("severity", { enum: TICKET_SEVERITIES }).notNull(),
    status: text("status", { enum: TICKET_STATUSES }).notNull(),
    module: text("module"),
    opened_at: text("opened_at").notNull(),
    closed_at: text("closed_at"),
    created_at: createdAt(),
  },
  (t) => [
    index("support_tickets_client_opened_idx").on(t.client_id, t.opened_at),
    enumCheck("support_tickets", t.severity, TICKET_SEVERITIES),
    enumCheck("support_tickets", t.status, TICKET_STATUSES),
  ],
);

/** NPS (0–10) and CSAT (1–5) responses. */
export const surveyResponses = sqliteTable(
  "survey_responses",
  {
    id: id(),
    client_id: text("client_id")
      .notNull()
      .references(() => clients.id),
    kind: text("kind", { enum: SURVEY_KINDS }).notNull(),
    score: integer("score").notNull(),
    respondent_user_id: text("respondent_user_id"),
    comment: text("comment"),
    responded_at: text("responded_at").notNull(),
    created_at: createdAt(),
  },
  (t) => [
    index("survey_responses_client_responded_idx").on(t.client_id, t.responded_at),
    enumCheck("survey_responses", t.kind, SURVEY_KINDS),
    rangeCheck("survey_responses", t.score, 0, 10),
  ],
);

/** Each past renewal date with its result: the churn model learns from these. */
export const renewalOutcomes = sqliteTable(
  "renewal_outcomes",
  {
    id: id(),
    client_id: text("client_id")
      .notNull()
      .references(() => clients.id),
    renewal_date: text("renewal_date").notNull(),
    outcome: text("outcome", { enum: RENEWAL_OUTCOMES }).notNull(),
    /** Whole US dollars before and after the renewal decision. */
    arr_before: integer("arr_before"),
    arr_after: integer("arr_after"),
    reason: text("reason"),
    recorded_at: text("recorded_at").notNull(),
    details: jsonText<Record<string, unknown>>("details"),
  },
  (t) => [
    uniqueIndex("renewal_outcomes_client_date_unique").on(t.client_id, t.renewal_date),
    index("renewal_outcomes_date_idx").on(t.renewal_date),
    enumCheck("renewal_outcomes", t.outcome, RENEWAL_OUTCOMES),
  ],
);
