import { and, eq, inArray } from "drizzle-orm";

import { type AlertSettings, type AlertSettingsPatch, effectiveSettings } from "#worker/core/alerts/alert-settings";
import type { Db } from "#worker/db/client";
import { alertSettings } from "#worker/db/schema";

// The one place alert settings are read: a scope's stored patch ("global" or a client id), and
// the effective settings per client (defaults ← global ← client) for evaluation and delivery.

export async function storedAlertSettings(db: Db, scope: string): Promise<AlertSettingsPatch | null> {
  const [row] = await db
    .select({ settings: alertSettings.settings })
    .from(alertSettings)
    .where(eq(alertSettings.scope, scope))
    .limit(1);
  return row?.settings ?? null;
}

/** A scope's stored patch with its version (0 when the scope has no row yet). */
export async function storedAlertSettingsRow(
  db: Db,
  scope: string,
): Promise<{ settings: AlertSettingsPatch | null; version: number }> {
  const [row] = await db
    .select({ settings: alertSettings.settings, version: alertSettings.version })
    .from(alertSettings)
    .where(eq(alertSettings.scope, scope))
    .limit(1);
  return { settings: row?.settings ?? null, version: row?.version ?? 0 };
}

/**
 * Compare-and-set: writes `settings` as version `expected + 1` only if the stored version is
 * still `expected` (0: no row yet). Returns whether it wrote; false means someone else did first.
 */
export async function writeAlertSettingsIfVersion(
  db: Db,
  w: {
    scope: string;
    clientId: string | null;
    settings: AlertSettingsPatch;
    expected: number;
    userId: string;
    at: string;
  },
): Promise<boolean> {
  if (w.expected === 0) {
    const res = await db
      .insert(alertSettings)
      .values({
        id: crypto.randomUUID(),
        scope: w.scope,
        client_id: w.clientId,
        settings: w.settings,
        version: 1,
        updated_by_id: w.userId,
        created_at: w.at,
        updated_at: w.at,
      })
      .onConflictDoNothing({ target: alertSettings.scope });
    return (res.meta.changes ?? 0) > 0;
  }
  const res = await db
    .update(alertSettings)
    .set({ settings: w.settings, version: w.expected + 1, updated_by_id: w.userId, updated_at: w.at })
    .where(and(eq(alertSettings.scope, w.scope), eq(alertSettings.version, w.expected)));
  return (res.meta.changes ?? 0) > 0;
}

export async function settingsByClient(db: Db, clientIds: string[]): Promise<(clientId: string) => AlertSettings> {
  const rows = await db
    .select({ scope: alertSettings.scope, settings: alertSettings.settings })
    .from(alertSettings)
    .where(clientIds.length <= 90 ? inArray(alertSettings.scope, ["global", ...clientIds]) : undefined);
  const by = new Map<string, AlertSettingsPatch>(rows.map((r) => [r.scope, r.settings]));
  return (clientId: string) => effectiveSettings(by.get("global") ?? null, by.get(clientId) ?? null);
}
