import { type EngagementKind, hubspotEngagement, salesforceTask } from "#worker/core/crm/activity-records";
import type { CrmProvider } from "#worker/core/crm/field-mapping";
import type { Db } from "#worker/db/client";
import type { ActivityRow } from "#worker/db/queries/activities";
import {
  activitiesToPush,
  clearActivityUpdatePending,
  editedActivities,
  markActivitiesAssociated,
  recordActivityCrmIds,
} from "#worker/db/queries/crm-activities";
import { associateWithCompanies, batchCreate, batchUpdateEngagements } from "#worker/integrations/hubspot";
import { createRecords, updateRecords } from "#worker/integrations/salesforce";

import type { OpenConnection } from "./enabled-connection";

// Logged CSM activities to the CRM (PRD F10 "Sync CSM activities to CRM"): each becomes a
// completed Salesforce Task on the Account, or a HubSpot engagement associated with the company.
// An activity is sent once: its CRM id is stored as soon as the CRM answers, and a HubSpot
// engagement whose association failed is only associated on the next try, never created twice.
// Activities logged before the connection was set up stay out of the CRM (no history flood).

type Conn = OpenConnection;
export interface ActivityPushOutcome {
  created: number;
  associated: number;
  updated: number;
  failed: { activity_id: string; client_id: string; error: string }[];
}

const SF_BATCH = 200;
const HS_BATCH = 100;

export async function pushActivities(
  db: Db,
  provider: CrmProvider,
  conn: Conn,
  clientIds: string[],
  now: Date,
): Promise<ActivityPushOutcome> {
  const out: ActivityPushOutcome = { created: 0, associated: 0, updated: 0, failed: [] };
  if (clientIds.length === 0) return out;
  // Activities edited after they reached the CRM: their records are updated first.
  await pushEdits(db, provider, conn, clientIds, now, out);
  const rows = await activitiesToPush(db, provider, clientIds, conn.row.created_at);
  if (rows.length === 0) return out;
  return provider === "salesforce"
    ? pushTasks(db, conn, rows as Row[], now, out)
    : pushEngagements(db, conn, rows as Row[], now, out);
}

type Row = { activity: ActivityRow; crm_id: string };

/**
 * Sends an edited activity's new text to the record the CRM already has: a Salesforce Task
 * update (sObject Collections PATCH), a HubSpot engagement batch update. The flag is cleared only
 * when the CRM accepted the update; a HubSpot engagement cannot change kind (a call edited into
 * a meeting), so that edit is reported and not retried.
 */
async function pushEdits(
  db: Db,
  provider: CrmProvider,
  conn: Conn,
  clientIds: string[],
  now: Date,
  out: ActivityPushOutcome,
) {
  const rows = await editedActivities(db, provider, clientIds, SF_BATCH);
  if (rows.length === 0) return;
  const done: string[] = [];
  const fail = (a: (typeof rows)[number], error: string) =>
    out.failed.push({ activity_id: a.id, client_id: a.client_id, error });
  if (provider === "salesforce") {
    const results = await updateRecords(
      conn.salesforce!,
      rows.map((a) => ({ ...salesforceTask(a, ""), WhatId: undefined, id: a.salesforce_activity_id })),
    );
    rows.forEach((a, k) =>
      results[k]?.success
        ? done.push(a.id)
        : fail(
            a,
            (results[k]?.errors ?? []).map((e) => `${e.statusCode}: ${e.message}`).join("; ") ||
              "no result for this record",
          ),
    );
  } else {
    const byKind = new Map<EngagementKind, typeof rows>();
    for (const a of rows) {
      const e = hubspotEngagement(a);
      if (a.hubspot_engagement_type && e.kind !== a.hubspot_engagement_type) {
        fail(a, `HubSpot keeps this activity as ${a.hubspot_engagement_type}; an edit into ${e.kind} is not sent`);
        done.push(a.id);
      } else byKind.set(e.kind, [...(byKind.get(e.kind) ?? []), a]);
    }
    for (const [kind, list] of byKind) {
      for (let i = 0; i < list.length; i += HS_BATCH) {
        const chunk = list.slice(i, i + HS_BATCH);
        const res = await batchUpdateEngagements(
          conn.hubspot!,
          kind,
          chunk.map((a) => ({ id: a.hubspot_engagement_id!, properties: hubspotEngagement(a).properties })),
        );
        const ok = new Set(res.results.map((r) => r.id));
        for (const a of chunk) {
          if (ok.has(a.hubspot_engagement_id!)) done.push(a.id);
          else
            fail(
              a,
              res.errors?.[0] ? `${res.errors[0].category}: ${res.errors[0].message}` : "no result for this record",
            );
        }
      }
    }
  }
  if (done.length) await clearActivityUpdatePending(db, provider, done);
  out.updated += done.length - out.failed.filter((f) => done.includes(f.activity_id)).length;
}

async function pushTasks(db: Db, conn: Conn, rows: Row[], now: Date, out: ActivityPushOutcome) {
  const c = conn.salesforce!;
  for (let i = 0; i < rows.length; i += SF_BATCH) {
    const chunk = rows.slice(i, i + SF_BATCH);
    const results = await createRecords(
      c,
      chunk.map((r) => salesforceTask(r.activity, r.crm_id)),
    );
    const writes: { id: string; set: Partial<ActivityRow> }[] = [];
    for (const [k, r] of chunk.entries()) {
      const res = results[k];
      if (res?.success && res.id) {
        writes.push({ id: r.activity.id, set: { salesforce_activity_id: res.id, updated_at: now.toISOString() } });
        out.created += 1;
      } else
        out.failed.push({
          activity_id: r.activity.id,
          client_id: r.activity.client_id,
          error:
            (res?.errors ?? []).map((e) => `${e.statusCode}: ${e.message}`).join("; ") || "no result for this record",
        });
    }
    await recordActivityCrmIds(db, writes);
  }
  return out;
}

async function pushEngagements(db: Db, conn: Conn, rows: Row[], now: Date, out: ActivityPushOutcome) {
  const hs = conn.hubspot!;
  const stamp = now.toISOString();
  // Step 1: create what has no engagement yet, one batch per kind; the trace id ties results to activities.
  const toCreate = rows.filter((r) => !r.activity.hubspot_engagement_id);
  const byKind = new Map<EngagementKind, Row[]>();
  for (const r of toCreate) {
    const kind = hubspotEngagement(r.activity).kind;
    byKind.set(kind, [...(byKind.get(kind) ?? []), r]);
  }
  for (const [kind, list] of byKind) {
    for (let i = 0; i < list.length; i += HS_BATCH) {
      const chunk = list.slice(i, i + HS_BATCH);
      const res = await batchCreate(
        hs,
        kind,
        chunk.map((r) => ({ properties: hubspotEngagement(r.activity).properties, objectWriteTraceId: r.activity.id })),
      );
      const created = new Map(res.results.map((x) => [x.objectWriteTraceId ?? "", x.id]));
      const writes: { id: string; set: Partial<ActivityRow> }[] = [];
      for (const r of chunk) {
        const id = created.get(r.activity.id);
        if (id) {
          r.activity.hubspot_engagement_id = id;
          r.activity.hubspot_engagement_type = kind;
          writes.push({
            id: r.activity.id,
            set: { hubspot_engagement_id: id, hubspot_engagement_type: kind, updated_at: stamp },
          });
          out.created += 1;
        } else {
          const err =
            res.errors?.find((e) => e.context?.objectWriteTraceId?.includes(r.activity.id)) ?? res.errors?.[0];
          out.failed.push({
            activity_id: r.activity.id,
            client_id: r.activity.client_id,
            error: err ? `${err.category}: ${err.message}` : "no result for this record",
          });
        }
      }
      await recordActivityCrmIds(db, writes);
    }
  }
  // Step 2: associate every created engagement that is not yet on its company.
  const toAssociate = rows.filter(
    (r) => r.activity.hubspot_engagement_id && r.activity.hubspot_engagement_type && !r.activity.hubspot_associated_at,
  );
  const groups = new Map<string, Row[]>();
  for (const r of toAssociate)
    groups.set(r.activity.hubspot_engagement_type!, [...(groups.get(r.activity.hubspot_engagement_type!) ?? []), r]);
  for (const [kind, list] of groups) {
    for (let i = 0; i < list.length; i += HS_BATCH) {
      const chunk = list.slice(i, i + HS_BATCH);
      const res = await associateWithCompanies(
        hs,
        kind as EngagementKind,
        chunk.map((r) => ({ from: r.activity.hubspot_engagement_id!, company: r.crm_id })),
      );
      const failedIds = new Set((res.errors ?? []).flatMap((e) => Object.values(e.context ?? {}).flat()));
      const done = chunk.filter((r) => !failedIds.has(r.activity.hubspot_engagement_id!));
      for (const r of chunk.filter((x) => failedIds.has(x.activity.hubspot_engagement_id!)))
        out.failed.push({
          activity_id: r.activity.id,
          client_id: r.activity.client_id,
          error: "HubSpot did not associate the engagement with the company",
        });
      if (done.length)
        await markActivitiesAssociated(
          db,
          done.map((r) => r.activity.id),
          stamp,
        );
      out.associated += done.length;
    }
  }
  return out;
}
