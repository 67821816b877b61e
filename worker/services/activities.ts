import { can } from "#worker/core/access-policy";
import type { ActivityType } from "#worker/core/enums";
import { AppError } from "#worker/core/errors";
import { activityProblems, type ActivityUpdate, type NewActivity } from "#worker/core/inputs/activity";
import type { Db } from "#worker/db/client";
import {
  activeContactIds,
  activityByIdempotencyKey,
  type ActivityRow,
  contactNamesAndTitles,
  findActivity,
  listActivities,
  removeActivity,
  saveActivity,
} from "#worker/db/queries/activities";
import type { EthicoUserRow } from "#worker/db/queries/users";
import type { RequestContext } from "#worker/request-context";

import { writeMeetingNotes } from "./ai/meeting-notes";
import type { AiEnv } from "./ai/provider";
import { acknowledgeClientAlerts } from "./alerts/alert-workflow";
import { recordAudit } from "./audit";
import { clientInScope, deny, recordInScope } from "./client-access";
import { afterClientChange } from "./client-changed";
import { recalculateClients } from "./health/recalculation";

// CSM activity logging (PRD F9, US-015-040). Logging moves the client's last CSM contact and
// the linked contacts', and re-scores the client so the relationship component follows at once.

function toApi(a: ActivityRow) {
  return {
    id: a.id,
    client_id: a.client_id,
    activity_type: a.activity_type,
    subject: a.subject,
    description: a.description,
    performed_by_id: a.performed_by_id,
    client_contacts: a.client_contacts,
    occurred_at: a.occurred_at,
    duration_minutes: a.duration_minutes,
    outcome: a.outcome,
    outcome_notes: a.outcome_notes,
    follow_up_required: a.follow_up_required,
    follow_up_date: a.follow_up_date,
    follow_up_completed: a.follow_up_completed,
    follow_up_completed_at: a.follow_up_completed_at,
    salesforce_activity_id: a.salesforce_activity_id,
    hubspot_engagement_id: a.hubspot_engagement_id,
    ai_summary: a.ai_summary,
    ai_next_steps: a.ai_next_steps,
    created_at: a.created_at,
    updated_at: a.updated_at,
  };
}

async function checkContacts(db: Db, clientId: string, ids: string[]) {
  const known = await activeContactIds(db, clientId, ids);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length)
    throw new AppError(
      "UNPROCESSABLE",
      "Some contacts are not active contacts of this client",
      unknown.map((id) => ({ field: "client_contacts", message: `unknown contact ${id}` })),
    );
}

/** The activity's AI summary and next steps, from its own notes. */
async function withMeetingNotes(ai: AiEnv, db: Db, user: EthicoUserRow, row: ActivityRow): Promise<ActivityRow> {
  const contacts = await contactNamesAndTitles(db, row.client_id, row.client_contacts);
  const notes = await writeMeetingNotes(ai, db, user, row.client_id, { ...row, contacts });
  return { ...row, ai_summary: notes.summary, ai_next_steps: notes.next_steps };
}

/** Fields whose change means the summary must be written again. */
const NOTE_FIELDS = [
  "activity_type",
  "subject",
  "description",
  "outcome",
  "outcome_notes",
  "follow_up_date",
  "client_contacts",
] as const;

/**
 * Logs an activity (the API's POST, the client page's form). With an idempotency key (the form's
 * hidden key, an Idempotency-Key header), a repeat of the same key by the same person returns the
 * first activity (replayed) instead of logging it twice: a double click, a resubmitted form, a
 * retried request. A new one acknowledged the client's open alerts (every open tab hears of it)
 * and moved its last CSM activity (the CRM hears of it).
 */
export async function logActivity(
  ctx: RequestContext,
  clientId: string,
  input: NewActivity,
  idempotencyKey: string | null = null,
) {
  const logged = await recordActivity(ctx.db, ctx.user, clientId, input, ctx.now, ctx.env, idempotencyKey);
  if (!logged.replayed) afterClientChange(ctx, [clientId]);
  return logged;
}

/** The write of logActivity without its follow-ups (and without AI notes unless `ai` is given): scheduling a call logs through it. */
export async function recordActivity(
  db: Db,
  user: EthicoUserRow,
  clientId: string,
  input: NewActivity,
  now: Date,
  ai: AiEnv = {},
  idempotencyKey: string | null = null,
) {
  const client = await clientInScope(db, user, clientId, { action: "create", resourceType: "activity" });
  if (idempotencyKey) {
    const first = await activityByIdempotencyKey(db, user.id, idempotencyKey);
    if (first) return { ...toApi(first), replayed: true };
  }
  const followUp = input.follow_up_required ?? Boolean(input.follow_up_date);
  const problems = activityProblems({ ...input, follow_up_required: followUp }, now);
  if (problems.length)
    throw new AppError(
      "UNPROCESSABLE",
      "The activity is not valid",
      problems.map((message) => ({ message })),
    );
  const contacts = [...new Set(input.client_contacts ?? [])];
  await checkContacts(db, client.id, contacts);
  const stamp = now.toISOString();
  const draft: ActivityRow = {
    id: crypto.randomUUID(),
    client_id: client.id,
    activity_type: input.activity_type,
    subject: input.subject,
    description: input.description ?? null,
    performed_by_id: user.id,
    client_contacts: contacts,
    occurred_at: input.occurred_at,
    duration_minutes: input.duration_minutes ?? null,
    outcome: input.outcome ?? null,
    outcome_notes: input.outcome_notes ?? null,
    follow_up_required: followUp,
    follow_up_date: input.follow_up_date ?? null,
    follow_up_completed: false,
    follow_up_completed_at: null,
    salesforce_activity_id: null,
    hubspot_engagement_id: null,
    hubspot_engagement_type: null,
    hubspot_associated_at: null,
    ai_summary: null,
    ai_next_steps: [],
    created_at: stamp,
    updated_at: stamp,
    idempotency_key: idempotencyKey,
    salesforce_update_pending: false,
    hubspot_update_pending: false,
  };
  const row = await withMeetingNotes(ai, db, user, draft);
  try {
    await saveActivity(db, row, true);
  } catch (err) {
    // The same key raced in from a second request: that one logged it.
    const first = idempotencyKey ? await activityByIdempotencyKey(db, user.id, idempotencyKey) : undefined;
    if (first) return { ...toApi(first), replayed: true };
    throw err;
  }
  // PRD F8: "Log activity (acknowledges alert)".
  await acknowledgeClientAlerts(db, user, client.id, now);
  await recalculateClients(db, [client.id], now);
  await recordAudit(db, {
    user,
    action: "create",
    resourceType: "activity",
    resourceId: row.id,
    outcome: "SUCCESS",
    details: { client_id: client.id, activity_type: row.activity_type },
  });
  return { ...toApi(row), replayed: false };
}

/** What a CRM record of the activity shows (core/crm/activity-records): a change is sent again. */
const CRM_FIELDS = [
  "activity_type",
  "subject",
  "description",
  "occurred_at",
  "duration_minutes",
  "outcome",
  "outcome_notes",
  "follow_up_date",
] as const;

/** Edits an activity (a task's complete, reschedule, edit): the CRM record follows, and every tab of alerts. */
export async function updateActivity(ctx: RequestContext, activityId: string, input: ActivityUpdate) {
  const { db, user, now, env: ai } = ctx;
  const audit = { action: "update", resourceType: "activity", resourceId: activityId };
  const current = (await recordInScope(db, user, await findActivity(db, activityId), audit, "Activity")).activity;
  if (current.performed_by_id !== user.id && !can(user.role, "records.change_others"))
    await deny(db, user, audit, "Only the person who logged an activity (or a VP) may change it");
  const next = {
    ...current,
    ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
  } as ActivityRow;
  if (input.follow_up_date !== undefined && input.follow_up_required === undefined)
    next.follow_up_required = input.follow_up_date !== null;
  if (input.follow_up_completed !== undefined)
    next.follow_up_completed_at = input.follow_up_completed
      ? (current.follow_up_completed_at ?? now.toISOString())
      : null;
  const problems = activityProblems(next, now);
  if (problems.length)
    throw new AppError(
      "UNPROCESSABLE",
      "The activity is not valid",
      problems.map((message) => ({ message })),
    );
  if (input.client_contacts) await checkContacts(db, current.client_id, next.client_contacts);
  next.updated_at = now.toISOString();
  const notesChanged = NOTE_FIELDS.some((k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]));
  const saved = notesChanged ? await withMeetingNotes(ai, db, user, next) : next;
  // Already in a CRM: the CRM record is updated on the next push (services/crm/activity-push).
  if (CRM_FIELDS.some((k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]))) {
    if (current.salesforce_activity_id) saved.salesforce_update_pending = true;
    if (current.hubspot_engagement_id) saved.hubspot_update_pending = true;
  }
  // The row as read is rewritten whole, so the write only lands if nobody changed it since (409).
  const [written] = await saveActivity(db, saved, false, current.client_contacts, current.updated_at);
  if ((written.meta.changes ?? 0) === 0)
    throw new AppError(
      "CONFLICT",
      "The activity was changed by someone else while you were editing it; reload it and make your change again",
      { id: current.id },
    );
  await recalculateClients(db, [current.client_id], now);
  const changed = Object.keys(input).filter(
    (k) => JSON.stringify(next[k as keyof ActivityRow]) !== JSON.stringify(current[k as keyof ActivityRow]),
  );
  await recordAudit(db, {
    user,
    ...audit,
    outcome: "SUCCESS",
    details: {
      fields: Object.keys(input),
      changed,
      client_id: current.client_id,
      ...(changed.includes("follow_up_date")
        ? { follow_up_date: { from: current.follow_up_date, to: next.follow_up_date } }
        : {}),
      ...(changed.includes("follow_up_completed") ? { follow_up_completed: next.follow_up_completed } : {}),
    },
  });
  afterClientChange(ctx, [current.client_id]);
  return toApi(saved);
}

/**
 * Deletes an activity (its follow-up with it). The audit row keeps what it was. A record the CRM
 * already has stays there (the CRM's own history; docs/decisions/018-alert-inbox-and-tasks.md):
 * its id is in the audit row.
 */
export async function deleteActivity(ctx: RequestContext, activityId: string) {
  const { db, user, now } = ctx;
  const audit = { action: "delete", resourceType: "activity", resourceId: activityId };
  const current = (await recordInScope(db, user, await findActivity(db, activityId), audit, "Activity")).activity;
  if (current.performed_by_id !== user.id && !can(user.role, "records.change_others"))
    await deny(db, user, audit, "Only the person who logged an activity (or a VP) may delete it");
  await removeActivity(db, current, now.toISOString());
  await recalculateClients(db, [current.client_id], now);
  await recordAudit(db, {
    user,
    ...audit,
    outcome: "SUCCESS",
    details: {
      client_id: current.client_id,
      activity_type: current.activity_type,
      subject: current.subject,
      occurred_at: current.occurred_at,
      follow_up_date: current.follow_up_date,
      follow_up_completed: current.follow_up_completed,
      crm_records_kept: { salesforce: current.salesforce_activity_id, hubspot: current.hubspot_engagement_id },
    },
  });
  afterClientChange(ctx, [current.client_id]);
  return { id: current.id, client_id: current.client_id, deleted: true };
}

export async function getActivities(
  db: Db,
  user: EthicoUserRow,
  clientId: string,
  f: { types: ActivityType[]; from: string | null; to: string | null; page: number; limit: number },
) {
  const client = await clientInScope(db, user, clientId, { action: "list", resourceType: "activity" });
  const { total, rows } = await listActivities(db, client.id, { ...f, offset: (f.page - 1) * f.limit });
  await recordAudit(db, { user, action: "list", resourceType: "activity", resourceId: client.id, outcome: "SUCCESS" });
  return {
    data: rows.map((r) => ({
      ...toApi(r.activity),
      performed_by: {
        id: r.activity.performed_by_id,
        name: `${r.performer_first ?? ""} ${r.performer_last ?? ""}`.trim(),
      },
    })),
    pagination: { page: f.page, limit: f.limit, total, pages: Math.ceil(total / f.limit) },
  };
}
