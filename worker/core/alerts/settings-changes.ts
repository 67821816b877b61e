import { ALERT_TYPES, type AlertType } from "#worker/core/enums";

import type { AlertSettings, AlertSettingsPatch, QuietHours, TypeSetting } from "./alert-settings";

// The settings page submits the whole form. Saving all of it would overwrite, with the values
// the page was loaded with, whatever someone else saved meanwhile (issue 20). So the page sends
// only what its user changed (a patch against the settings it showed), with the version it was
// loaded at; on a 409 it re-sends the same patch on the current version, unless someone else
// changed one of the very fields this user changed: that is a real conflict, for a person.

/** What the form holds: per type, on/off, channels and (when the type has one) a threshold. */
export interface SubmittedSettings {
  types: Partial<Record<AlertType, { enabled: boolean; channels: TypeSetting["channels"]; threshold?: number }>>;
  quiet_hours: QuietHours | null;
  muted_until?: string | null;
}

const sameChannels = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();
const sameQuiet = (a: QuietHours | null, b: QuietHours | null) => JSON.stringify(a) === JSON.stringify(b);

/** The fields the user changed, as a patch (empty object: nothing to save). */
export function settingsChanges(loaded: AlertSettings, submitted: SubmittedSettings): AlertSettingsPatch {
  const patch: AlertSettingsPatch = {};
  const types: NonNullable<AlertSettingsPatch["types"]> = {};
  for (const t of ALERT_TYPES) {
    const was = loaded.types[t];
    const now = submitted.types[t];
    if (!was || !now) continue;
    const change: Partial<TypeSetting> = {};
    if (now.enabled !== was.enabled) change.enabled = now.enabled;
    if (!sameChannels(now.channels, was.channels)) change.channels = now.channels;
    if (now.threshold !== undefined && now.threshold !== was.threshold) change.threshold = now.threshold;
    if (Object.keys(change).length) types[t] = change;
  }
  if (Object.keys(types).length) patch.types = types;
  if (!sameQuiet(submitted.quiet_hours, loaded.quiet_hours)) patch.quiet_hours = submitted.quiet_hours;
  if (submitted.muted_until !== undefined && (submitted.muted_until ?? null) !== (loaded.muted_until ?? null))
    patch.muted_until = submitted.muted_until;
  return patch;
}

/** Fields of `patch` that someone else changed between `loaded` and `current` (named for the user). */
export function conflictingChanges(loaded: AlertSettings, current: AlertSettings, patch: AlertSettingsPatch): string[] {
  const out: string[] = [];
  for (const [t, change] of Object.entries(patch.types ?? {}) as [AlertType, Partial<TypeSetting>][]) {
    const was = loaded.types[t];
    const is = current.types[t];
    if (change.enabled !== undefined && was.enabled !== is.enabled) out.push(`${t}.enabled`);
    if (change.channels !== undefined && !sameChannels(was.channels, is.channels)) out.push(`${t}.channels`);
    if (change.threshold !== undefined && was.threshold !== is.threshold) out.push(`${t}.threshold`);
  }
  if (patch.quiet_hours !== undefined && !sameQuiet(loaded.quiet_hours, current.quiet_hours)) out.push("quiet_hours");
  if (patch.muted_until !== undefined && (loaded.muted_until ?? null) !== (current.muted_until ?? null))
    out.push("muted_until");
  return out;
}
