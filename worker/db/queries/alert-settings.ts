import { eq, inArray } from "drizzle-orm";
import { effectiveSettings, type AlertSettings, type AlertSettingsPatch } from "../../core/alerts/alert-settings";
import type { Db } from "../client";
import { alertSettings } from "../schema";

// The one place alert settings are read: a scope's stored patch ("global" or a client id), and
// the effective settings per client (defaults ← global ← client) for evaluation and delivery.

export async function storedAlertSettings(db: Db, scope: string): Promise<AlertSettingsPatch | null> {
  const [row] = await db.select({ settings: alertSettings.settings }).from(alertSettings).where(eq(alertSettings.scope, scope)).limit(1);
  return row?.settings ?? null;
}

export async function settingsByClient(db: Db, clientIds: string[]): Promise<(clientId: string) => AlertSettings> {
  const rows = await db
    .select({ scope: alertSettings.scope, settings: alertSettings.settings })
    .from(alertSettings)
    .where(clientIds.length <= 90 ? inArray(alertSettings.scope, ["global", ...clientIds]) : undefined);
  const by = new Map<string, AlertSettingsPatch>(rows.map((r) => [r.scope, r.settings]));
  return (clientId: string) => effectiveSettings(by.get("global") ?? null, by.get(clientId) ?? null);
}
