import type { CrmProvider } from "#worker/core/crm/field-mapping";
import { type CrmAccountChange, planInbound } from "#worker/core/crm/inbound";
import type { Db } from "#worker/db/client";
import {
  applyInboundUpdate,
  clientsForInbound,
  forgetPushedValues,
  insertSyncConflicts,
  syncStatesOf,
} from "#worker/db/queries/crm-inbound";

// Applies CRM account changes (from a webhook, later from the hourly pull) by the PRD's rules
// (core/crm/inbound.ts): contract fields updated, conflicts logged, overruled health fields
// flagged for a push of our values. Changes for records we do not know are counted, not lost.

export interface InboundResult {
  applied: number;
  unchanged: number;
  unknown: string[];
  conflicts: number;
  repush: string[];
}

export async function applyCrmChanges(
  db: Db,
  provider: CrmProvider,
  changes: CrmAccountChange[],
  source: "webhook" | "pull",
  now: Date,
): Promise<InboundResult> {
  const result: InboundResult = { applied: 0, unchanged: 0, unknown: [], conflicts: 0, repush: [] };
  if (changes.length === 0) return result;
  const ids = [...new Set(changes.map((c) => c.crm_id))];
  const rows = await clientsForInbound(db, provider, ids);
  const states = rows.length
    ? await syncStatesOf(
        db,
        rows.map((r) => r.id),
      )
    : [];
  const stamp = now.toISOString();
  // Oldest change first, so the newest value is the one that stays.
  for (const change of [...changes].sort((a, b) => a.modified_at.localeCompare(b.modified_at))) {
    const row = rows.find((r) => r.crm_id === change.crm_id);
    if (!row) {
      result.unknown.push(change.crm_id);
      continue;
    }
    const last = states.find((s) => s.client_id === row.id && s.provider === provider)?.last_pushed ?? null;
    const plan = planInbound(change, row, last);
    if (Object.keys(plan.updates).length) {
      await applyInboundUpdate(db, row.id, plan.updates, stamp);
      Object.assign(row, plan.updates, { updated_at: stamp });
      result.applied += 1;
    } else result.unchanged += 1;
    if (plan.conflicts.length) {
      await insertSyncConflicts(
        db,
        plan.conflicts.map((c) => ({ id: crypto.randomUUID(), client_id: row.id, provider, source, at: stamp, ...c })),
      );
      result.conflicts += plan.conflicts.length;
    }
    if (plan.repush) {
      // Forget what we believe the CRM holds for those fields, so the next push sends them all.
      await forgetPushedValues(db, row.id, stamp);
      result.repush.push(row.id);
    }
  }
  return result;
}
