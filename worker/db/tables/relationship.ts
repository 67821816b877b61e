import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { ACTIVITY_OUTCOMES, ACTIVITY_TYPES, CONTACT_ROLES, ENGAGEMENT_STATUSES, NOTE_TYPES } from "#worker/core/enums";
import { bool, createdAt, enumCheck, id, jsonText, updatedAt } from "#worker/db/columns";

import { clients } from "./clients";
import { ethicoUsers } from "./people";

/** A CSM interaction with a client (PRD ClientActivity). */
export const clientActivities = sqliteTable(
  "client_activities",
  {
    id: id(),
    client_id: text("client_id")
      .notNull()
      .references(() => clients.id),
    activity_type: text("activity_type", { enum: ACTIVITY_TYPES }).notNull(),
    subject: text("subject").notNull(),
    description: text("description"),
    performed_by_id: text("performed_by_id")
      .notNull()
      .references(() => ethicoUsers.id),
    client_contacts: jsonText<string[]>("client_contacts").notNull().default([]),
    occurred_at: text("occurred_at").notNull(),
    duration_minutes: integer("duration_minutes"),
    outcome: text("outcome", { enum: ACTIVITY_OUTCOMES }),
    outcome_notes: text("outcome_notes"),
    follow_up_required: bool("follow_up_required").notNull().default(false),
    follow_up_date: text("follow_up_date"),
    follow_up_completed: bool("follow_up_completed").notNull().default(false),
    follow_up_completed_at: text("follow_up_completed_at"),
    salesforce_activity_id: text("salesforce_activity_id"),
    hubspot_engagement_id: text("hubspot_engagement_id"),
    /** The HubSpot object the engagement is (calls, emails, meetings, notes). */
    hubspot_engagement_type: text("hubspot_engagement_type"),
    /** Set once the engagement is associated with the company; until then the push retries that step. */
    hubspot_associated_at: text("hubspot_associated_at"),
    ai_summary: text("ai_summary"),
    ai_next_steps: jsonText<string[]>("ai_next_steps").notNull().default([]),
    /** The key the form or client sent with the new activity: a repeat returns the first one. */
    idempotency_key: text("idempotency_key"),
    /** Edited after it reached the CRM: the CRM record is updated on the next push. */
    salesforce_update_pending: bool("salesforce_update_pending").notNull().default(false),
    hubspot_update_pending: bool("hubspot_update_pending").notNull().default(false),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [
    index("client_activities_client_occurred_idx").on(t.client_id, t.occurred_at),
    index("client_activities_performed_by_idx").on(t.performed_by_id),
    index("client_activities_follow_up_date_idx").on(t.follow_up_date),
    // Open follow-ups by due date (briefing, insights, alerts) without reading the done ones.
    index("client_activities_open_follow_up_idx").on(t.follow_up_completed, t.follow_up_date),
    index("client_activities_performer_follow_up_idx").on(t.performed_by_id, t.follow_up_completed, t.follow_up_date),
    uniqueIndex("client_activities_idempotency_unique")
      .on(t.performed_by_id, t.idempotency_key)
      .where(sql`idempotency_key IS NOT NULL`),
    enumCheck("client_activities", t.activity_type, ACTIVITY_TYPES),
    enumCheck("client_activities", t.outcome, ACTIVITY_OUTCOMES),
  ],
);

/** A key stakeholder at a client (PRD ClientContact). */
export const clientContacts = sqliteTable(
  "client_contacts",
  {
    id: id(),
    client_id: text("client_id")
      .notNull()
      .references(() => clients.id),
    name: text("name").notNull(),
    email: text("email"),
    phone: text("phone"),
    title: text("title"),
    role: text("role", { enum: CONTACT_ROLES }).notNull(),
    is_primary: bool("is_primary").notNull().default(false),
    is_billing: bool("is_billing").notNull().default(false),
    is_technical: bool("is_technical").notNull().default(false),
    last_platform_login: text("last_platform_login"),
    last_csm_contact: text("last_csm_contact"),
    engagement_status: text("engagement_status", { enum: ENGAGEMENT_STATUSES }).notNull(),
    user_id: text("user_id"),
    salesforce_contact_id: text("salesforce_contact_id"),
    hubspot_contact_id: text("hubspot_contact_id"),
    /** Added from a CRM: a CSM should set the role (PRD "Contacts: create placeholder, mark for CSM to update"). */
    needs_review: bool("needs_review").notNull().default(false),
    notes: text("notes"),
    is_active: bool("is_active").notNull().default(true),
    left_company_at: text("left_company_at"),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [
    index("client_contacts_client_idx").on(t.client_id),
    index("client_contacts_email_idx").on(t.email),
    index("client_contacts_user_idx").on(t.user_id),
    enumCheck("client_contacts", t.role, CONTACT_ROLES),
    enumCheck("client_contacts", t.engagement_status, ENGAGEMENT_STATUSES),
  ],
);

/** Free-form note (PRD ClientNote). Private notes are visible to their author only. */
export const clientNotes = sqliteTable(
  "client_notes",
  {
    id: id(),
    client_id: text("client_id")
      .notNull()
      .references(() => clients.id),
    title: text("title"),
    content: text("content").notNull(),
    note_type: text("note_type", { enum: NOTE_TYPES }).notNull(),
    is_private: bool("is_private").notNull().default(false),
    created_by_id: text("created_by_id")
      .notNull()
      .references(() => ethicoUsers.id),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [
    index("client_notes_client_created_idx").on(t.client_id, t.created_at),
    enumCheck("client_notes", t.note_type, NOTE_TYPES),
  ],
);
