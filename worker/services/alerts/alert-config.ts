import { can } from "#worker/core/access-policy";
import {
  ALERT_CHANNELS,
  type AlertSettingsPatch,
  effectiveSettings,
  settingsProblems,
  THRESHOLDS,
  TYPE_DEFAULTS,
} from "#worker/core/alerts/alert-settings";
import { isoDate } from "#worker/core/dates";
import { AppError } from "#worker/core/errors";
import type { AlertSettingsBody } from "#worker/core/inputs/alerts";
import type { Db } from "#worker/db/client";
import { storedAlertSettingsRow, writeAlertSettingsIfVersion } from "#worker/db/queries/alert-settings";
import type { EthicoUserRow } from "#worker/db/queries/users";
import { recordAudit } from "#worker/services/audit";
import { clientInScope, deny } from "#worker/services/client-access";

// GET/PUT /config/alerts: the global settings (VPs of Client Success and admins change them) and
// a client's own (its CSM may change those too). A PUT merges into what is stored; null clears
// a client's quiet hours or mute. Writes are compare-and-set on the scope's version: a PUT that
// names the version it was edited from gets 409 with the current state if that is stale (the
// settings page merges and retries); a PUT without one is a patch, re-merged onto the latest
// state until its write lands, so parallel patches of different keys are all kept.

function describe(
  global: AlertSettingsPatch | null,
  client: AlertSettingsPatch | null,
  clientId: string | null,
  version: number,
) {
  return {
    client_id: clientId,
    /** The edited scope's version (the client's when client_id is given, else the global one); send it back with a PUT. */
    version,
    global: global ?? {},
    client: clientId ? (client ?? {}) : null,
    effective: effectiveSettings(global, client),
    reference: {
      channels: ALERT_CHANNELS,
      types: Object.fromEntries(
        Object.entries(THRESHOLDS).map(([t, th]) => [
          t,
          { ...th, severity: TYPE_DEFAULTS[t as keyof typeof TYPE_DEFAULTS].severity },
        ]),
      ),
    },
  };
}

export async function getAlertConfig(db: Db, user: EthicoUserRow, clientId: string | null) {
  if (clientId) await clientInScope(db, user, clientId, { action: "read", resourceType: "alert_settings" });
  return currentAlertConfig(db, clientId);
}

async function currentAlertConfig(db: Db, clientId: string | null) {
  const [global, client] = await Promise.all([
    storedAlertSettingsRow(db, "global"),
    clientId ? storedAlertSettingsRow(db, clientId) : null,
  ]);
  return describe(global.settings, client?.settings ?? null, clientId, (client ?? global).version);
}

const MAX_ATTEMPTS = 12;

function merge(base: AlertSettingsPatch, patch: AlertSettingsPatch): AlertSettingsPatch {
  const types = { ...(base.types ?? {}) };
  for (const [t, s] of Object.entries(patch.types ?? {}))
    types[t as keyof typeof types] = { ...(types[t as keyof typeof types] ?? {}), ...s };
  const out: AlertSettingsPatch = { ...base, types };
  if (patch.quiet_hours !== undefined) out.quiet_hours = patch.quiet_hours;
  if (patch.muted_until !== undefined) out.muted_until = patch.muted_until;
  return out;
}

export async function putAlertConfig(db: Db, user: EthicoUserRow, body: AlertSettingsBody, now: Date) {
  const clientId = body.client_id ?? null;
  const audit = { action: "update", resourceType: "alert_settings", resourceId: clientId ?? "global" };
  if (clientId) await clientInScope(db, user, clientId, audit);
  else if (!can(user.role, "alert_settings.change_global"))
    await deny(db, user, audit, "Only a VP of Client Success or an admin can change the global alert settings");
  if (clientId && !can(user.role, "alert_settings.change_client"))
    await deny(
      db,
      user,
      audit,
      "Only the client's CSM, a VP of Client Success or an admin can change its alert settings",
    );
  const { client_id: _c, version: expected, ...patch } = body;
  const problems = settingsProblems(patch, clientId ? "client" : "global", isoDate(now));
  if (problems.length) throw new AppError("UNPROCESSABLE", "The alert settings are not valid", problems);
  const scope = clientId ?? "global";
  const stamp = now.toISOString();
  const stale = async () =>
    new AppError(
      "CONFLICT",
      "The alert settings changed since you loaded them; merge your changes into the current settings and save again",
      { current: await currentAlertConfig(db, clientId) },
    );
  // Each round at least one writer lands, so N parallel patches finish within N rounds.
  for (let attempt = 0; ; attempt++) {
    const stored = await storedAlertSettingsRow(db, scope);
    if (expected !== undefined && expected !== stored.version) throw await stale();
    const next = merge(stored.settings ?? {}, patch);
    if (
      await writeAlertSettingsIfVersion(db, {
        scope,
        clientId,
        settings: next,
        expected: stored.version,
        userId: user.id,
        at: stamp,
      })
    )
      break;
    if (expected !== undefined || attempt >= MAX_ATTEMPTS - 1) throw await stale();
  }
  await recordAudit(db, { user, ...audit, outcome: "SUCCESS", details: { fields: Object.keys(patch) } });
  return getAlertConfig(db, user, clientId);
}
