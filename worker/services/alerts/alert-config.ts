import { ALERT_CHANNELS, effectiveSettings, settingsProblems, THRESHOLDS, TYPE_DEFAULTS, type AlertSettingsPatch } from "../../core/alerts/alert-settings";
import { isoDate } from "../../core/dates";
import { AppError } from "../../core/errors";
import type { AlertSettingsBody } from "../../core/inputs/alerts";
import type { Db } from "../../db/client";
import { storedAlertSettings } from "../../db/queries/alert-settings";
import type { EthicoUserRow } from "../../db/queries/users";
import { alertSettings } from "../../db/schema";
import { recordAudit } from "../audit";
import { clientInScope, deny, SUPERVISOR_ROLES } from "../client-access";

// GET/PUT /config/alerts: the global settings (VPs of Client Success and admins change them) and
// a client's own (its CSM may change those too). A PUT merges into what is stored; null clears
// a client's quiet hours or mute.

function describe(global: AlertSettingsPatch | null, client: AlertSettingsPatch | null, clientId: string | null) {
  return {
    client_id: clientId,
    global: global ?? {},
    client: clientId ? client ?? {} : null,
    effective: effectiveSettings(global, client),
    reference: { channels: ALERT_CHANNELS, types: Object.fromEntries(Object.entries(THRESHOLDS).map(([t, th]) => [t, { ...th, severity: TYPE_DEFAULTS[t as keyof typeof TYPE_DEFAULTS].severity }])) },
  };
}

export async function getAlertConfig(db: Db, user: EthicoUserRow, clientId: string | null) {
  if (clientId) await clientInScope(db, user, clientId, { action: "read", resourceType: "alert_settings" });
  const [global, client] = await Promise.all([storedAlertSettings(db, "global"), clientId ? storedAlertSettings(db, clientId) : null]);
  return describe(global, client, clientId);
}

function merge(base: AlertSettingsPatch, patch: AlertSettingsPatch): AlertSettingsPatch {
  const types = { ...(base.types ?? {}) };
  for (const [t, s] of Object.entries(patch.types ?? {})) types[t as keyof typeof types] = { ...(types[t as keyof typeof types] ?? {}), ...s };
  const out: AlertSettingsPatch = { ...base, types };
  if (patch.quiet_hours !== undefined) out.quiet_hours = patch.quiet_hours;
  if (patch.muted_until !== undefined) out.muted_until = patch.muted_until;
  return out;
}

export async function putAlertConfig(db: Db, user: EthicoUserRow, body: AlertSettingsBody, now: Date) {
  const clientId = body.client_id ?? null;
  const audit = { action: "update", resourceType: "alert_settings", resourceId: clientId ?? "global" };
  if (clientId) await clientInScope(db, user, clientId, audit);
  else if (!SUPERVISOR_ROLES.includes(user.role)) await deny(db, user, audit, "Only a VP of Client Success or an admin can change the global alert settings");
  if (clientId && !SUPERVISOR_ROLES.includes(user.role) && user.role !== "CSM" && user.role !== "SENIOR_CSM") await deny(db, user, audit, "Only the client's CSM, a VP of Client Success or an admin can change its alert settings");
  const { client_id: _c, ...patch } = body;
  const problems = settingsProblems(patch, clientId ? "client" : "global", isoDate(now));
  if (problems.length) throw new AppError("UNPROCESSABLE", "The alert settings are not valid", problems);
  const scope = clientId ?? "global";
  const next = merge((await storedAlertSettings(db, scope)) ?? {}, patch);
  const stamp = now.toISOString();
  await db
    .insert(alertSettings)
    .values({ id: crypto.randomUUID(), scope, client_id: clientId, settings: next, updated_by_id: user.id, created_at: stamp, updated_at: stamp })
    .onConflictDoUpdate({ target: alertSettings.scope, set: { settings: next, updated_by_id: user.id, updated_at: stamp } });
  await recordAudit(db, { user, ...audit, outcome: "SUCCESS", details: { fields: Object.keys(patch) } });
  return getAlertConfig(db, user, clientId);
}
