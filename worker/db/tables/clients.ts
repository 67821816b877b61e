import { desc, sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

import type { SummaryBasis } from "#worker/core/ai/summary-basis";
import { ACCOUNT_STATUSES, CONTRACT_TIERS, HEALTH_STATUSES, HEALTH_TRENDS, PAYMENT_STATUSES } from "#worker/core/enums";
import type { RiskFactor } from "#worker/core/types";
import { bool, createdAt, enumCheck, id, jsonText, rangeCheck, updatedAt } from "#worker/db/columns";

import { ethicoUsers, organizations } from "./people";

/** A customer organisation as Client Success sees it (PRD Client). */
export const clients = sqliteTable(
  "clients",
  {
    id: id(),
    organization_id: text("organization_id")
      .notNull()
      .unique()
      .references(() => organizations.id),
    name: text("name").notNull(),
    industry: text("industry"),
    employee_count: integer("employee_count"),
    region: text("region"),
    city: text("city"),

    contract_tier: text("contract_tier", { enum: CONTRACT_TIERS }).notNull(),
    contract_start_date: text("contract_start_date").notNull(),
    contract_end_date: text("contract_end_date"),
    /** Whole US dollars (docs/decisions/001). */
    annual_recurring_revenue: integer("annual_recurring_revenue"),
    licensed_modules: jsonText<string[]>("licensed_modules").notNull().default([]),
    licensed_user_count: integer("licensed_user_count"),

    csm_user_id: text("csm_user_id").references(() => ethicoUsers.id),
    ae_user_id: text("ae_user_id").references(() => ethicoUsers.id),

    current_health_score: integer("current_health_score"),
    health_status: text("health_status", { enum: HEALTH_STATUSES }).notNull(),
    health_trend: text("health_trend", { enum: HEALTH_TRENDS }).notNull().default("FLAT"),
    /** Points the score moved over the last 30 days (the "↓ -14" in the wireframes). */
    health_trend_change: integer("health_trend_change").notNull().default(0),
    churn_risk_score: integer("churn_risk_score"),
    /** LOW / MEDIUM / HIGH: the PRD's bands or the book's riskiest tenth (docs/decisions/014), set with the score. */
    churn_risk_category: text("churn_risk_category", { enum: ["LOW", "MEDIUM", "HIGH"] }),
    /** "Needs attention first" order, kept with the score (worker/core/attention-priority.ts). */
    attention_priority: integer("attention_priority").notNull().default(0),

    salesforce_account_id: text("salesforce_account_id"),
    hubspot_company_id: text("hubspot_company_id"),
    crm_sync_enabled: bool("crm_sync_enabled").notNull().default(false),
    last_crm_sync_at: text("last_crm_sync_at"),

    go_live_date: text("go_live_date"),
    last_activity_at: text("last_activity_at"),
    last_csm_contact_at: text("last_csm_contact_at"),
    next_renewal_date: text("next_renewal_date"),

    tags: jsonText<string[]>("tags").notNull().default([]),
    segment: text("segment"),

    ai_summary: text("ai_summary"),
    ai_summary_generated_at: text("ai_summary_generated_at"),
    // The facts the stored summary was written from (migration 0019): when they differ from the
    // client's current facts, the summary is rewritten before it is shown.
    ai_summary_facts: jsonText<SummaryBasis>("ai_summary_facts"),
    ai_risk_factors: jsonText<RiskFactor[]>("ai_risk_factors"),
    ai_recommended_actions: jsonText<string[]>("ai_recommended_actions"),

    // Beyond the PRD model: a churned client stays for history (the churn model learns from it).
    account_status: text("account_status", { enum: ACCOUNT_STATUSES }).notNull().default("ACTIVE"),
    churned_at: text("churned_at"),
    payment_status: text("payment_status", { enum: PAYMENT_STATUSES }).notNull().default("CURRENT"),

    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [
    // A CSM's or AE's book in the portfolio's default order (see clients_priority_order_idx).
    index("clients_csm_user_id_idx").on(
      t.csm_user_id,
      t.account_status,
      sql`${t.attention_priority} IS NULL`,
      desc(t.attention_priority),
      t.name,
      t.id,
    ),
    index("clients_ae_user_id_idx").on(
      t.ae_user_id,
      t.account_status,
      sql`${t.attention_priority} IS NULL`,
      desc(t.attention_priority),
      t.name,
      t.id,
    ),
    index("clients_health_status_idx").on(t.health_status),
    index("clients_next_renewal_date_idx").on(t.next_renewal_date),
    // Tier and industry cohorts (standing, averages) read these alone, without the rows.
    index("clients_contract_tier_idx").on(t.contract_tier, t.account_status, t.current_health_score),
    index("clients_industry_cohort_idx").on(t.industry, t.account_status, t.current_health_score),
    index("clients_account_status_priority_idx").on(t.account_status, t.attention_priority),
    // The portfolio's default order (missing priority last, then name and id) straight from the
    // index: the first page of 10,000 clients without sorting them all.
    index("clients_priority_order_idx").on(
      t.account_status,
      sql`${t.attention_priority} IS NULL`,
      desc(t.attention_priority),
      t.name,
      t.id,
    ),
    index("clients_name_idx").on(t.name),
    enumCheck("clients", t.contract_tier, CONTRACT_TIERS),
    enumCheck("clients", t.health_status, HEALTH_STATUSES),
    enumCheck("clients", t.health_trend, HEALTH_TRENDS),
    enumCheck("clients", t.account_status, ACCOUNT_STATUSES),
    enumCheck("clients", t.payment_status, PAYMENT_STATUSES),
    rangeCheck("clients", t.current_health_score, 0, 100),
    rangeCheck("clients", t.churn_risk_score, 0, 100),
  ],
);
