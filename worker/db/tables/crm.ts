import { index, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

import { CRM_PROVIDERS, type FieldMapping } from "#worker/core/crm/field-mapping";
import type { PushedValues } from "#worker/core/crm/push-diff";
import { bool, createdAt, enumCheck, jsonText, updatedAt } from "#worker/db/columns";

import { clients } from "./clients";
import { ethicoUsers } from "./people";

/** The Salesforce and HubSpot connections (one each). Credentials only as AES-GCM ciphertext. */
export const crmConnections = sqliteTable(
  "crm_connections",
  {
    provider: text("provider", { enum: CRM_PROVIDERS }).primaryKey(),
    base_url: text("base_url").notNull(),
    /** Salesforce's OAuth host (login.salesforce.com, test.salesforce.com or My Domain). */
    login_url: text("login_url"),
    enabled: bool("enabled").notNull().default(false),
    auth_type: text("auth_type").notNull(),
    field_mapping: jsonText<Partial<FieldMapping>>("field_mapping").notNull().default({}),
    credentials_ciphertext: text("credentials_ciphertext").notNull(),
    credentials_iv: text("credentials_iv").notNull(),
    credentials_updated_at: text("credentials_updated_at").notNull(),
    /** The hourly pull reads what changed after this (set only when a pull succeeded). */
    last_pull_at: text("last_pull_at"),
    last_pull_error: text("last_pull_error"),
    updated_by_id: text("updated_by_id").references(() => ethicoUsers.id),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [enumCheck("crm_connections", t.provider, CRM_PROVIDERS)],
);

/** Per client and CRM: what was last pushed (so only changes travel), when, and the last error. */
export const crmSyncState = sqliteTable(
  "crm_sync_state",
  {
    client_id: text("client_id")
      .notNull()
      .references(() => clients.id),
    provider: text("provider", { enum: CRM_PROVIDERS }).notNull(),
    last_pushed: jsonText<Partial<PushedValues>>("last_pushed"),
    last_push_at: text("last_push_at"),
    last_error: text("last_error"),
    last_error_at: text("last_error_at"),
    updated_at: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.client_id, t.provider] }), enumCheck("crm_sync_state", t.provider, CRM_PROVIDERS)],
);

/** Sync messages the queue gave up on (after 3 retries), kept until an admin replays them. */
export const crmDeadLetters = sqliteTable("crm_dead_letters", {
  id: text("id").primaryKey(),
  body: jsonText<Record<string, unknown>>("body").notNull(),
  error: text("error"),
  attempts: text("attempts"),
  created_at: createdAt(),
});

/** Every disagreement between a CRM and Ethico on a field: both values and which one won. */
export const crmSyncConflicts = sqliteTable(
  "crm_sync_conflicts",
  {
    id: text("id").primaryKey(),
    client_id: text("client_id")
      .notNull()
      .references(() => clients.id),
    provider: text("provider", { enum: CRM_PROVIDERS }).notNull(),
    field: text("field").notNull(),
    ethico_value: text("ethico_value"),
    crm_value: text("crm_value"),
    winner: text("winner", { enum: ["ethico", "crm"] }).notNull(),
    reason: text("reason").notNull(),
    source: text("source").notNull(),
    at: text("at").notNull(),
  },
  (t) => [
    index("crm_sync_conflicts_client_idx").on(t.client_id, t.at),
    enumCheck("crm_sync_conflicts", t.provider, CRM_PROVIDERS),
  ],
);

/** Opportunities of linked accounts, as the CRM last reported them (US-015-050). */
export const crmOpportunities = sqliteTable(
  "crm_opportunities",
  {
    provider: text("provider", { enum: CRM_PROVIDERS }).notNull(),
    crm_id: text("crm_id").notNull(),
    client_id: text("client_id")
      .notNull()
      .references(() => clients.id),
    name: text("name").notNull(),
    stage: text("stage"),
    amount: real("amount"),
    close_date: text("close_date"),
    is_closed: bool("is_closed").notNull().default(false),
    modified_at: text("modified_at"),
    updated_at: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.crm_id] }),
    index("crm_opportunities_client_idx").on(t.client_id, t.is_closed),
  ],
);
