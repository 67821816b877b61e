import { ALERT_TYPES, type AlertSeverity, type AlertType } from "#worker/core/enums";

// Alert configuration (PRD "Alert Configuration"): per type on/off, threshold and channels;
// quiet hours with a time zone; muting a client until a date. Built-in defaults, then the
// global settings, then the client's own: the most specific wins, field by field.

export const ALERT_CHANNELS = ["in_app", "email", "slack"] as const;
export type AlertChannel = (typeof ALERT_CHANNELS)[number];

export interface TypeSetting {
  enabled: boolean;
  threshold: number | null;
  channels: AlertChannel[];
}
export interface QuietHours {
  start: string;
  end: string;
  time_zone: string;
}
export interface AlertSettings {
  types: Record<AlertType, TypeSetting>;
  quiet_hours: QuietHours | null;
  muted_until: string | null;
}
export interface AlertSettingsPatch {
  types?: Partial<Record<AlertType, Partial<TypeSetting>>>;
  quiet_hours?: QuietHours | null;
  muted_until?: string | null;
}

/** Each type's threshold: its unit, the PRD's default, and the range a setting may take. */
export const THRESHOLDS: Record<AlertType, { unit: string; default: number | null; min: number; max: number }> = {
  HEALTH_DROP: { unit: "points lost in 7 days", default: 10, min: 1, max: 100 },
  KEY_USER_INACTIVE: { unit: "days without a login", default: 14, min: 1, max: 365 },
  SUPPORT_SPIKE: { unit: "times the normal weekly ticket volume", default: 3, min: 1.5, max: 20 },
  USAGE_DECLINE: { unit: "% DAU decline, last 30 days vs the 30 before", default: 30, min: 5, max: 95 },
  FEATURE_ABANDONED: { unit: "days unused", default: 30, min: 7, max: 365 },
  RENEWAL_APPROACHING: { unit: "days to renewal (first reminder; then 60 and 30)", default: 90, min: 30, max: 365 },
  CONTRACT_UTILIZATION_LOW: { unit: "% of licensed users active", default: 50, min: 1, max: 100 },
  CHAMPION_RISK: { unit: "% drop in the champion's logins", default: 50, min: 10, max: 100 },
  NPS_DETRACTOR: { unit: "NPS score or lower", default: 6, min: 0, max: 8 },
  PAYMENT_ISSUE: { unit: "any payment status but current", default: null, min: 0, max: 0 },
  FOLLOW_UP_OVERDUE: { unit: "days past the follow-up date", default: 1, min: 0, max: 90 },
};

/** The PRD's severities and default channels ("In-app + email" for the urgent ones). */
export const TYPE_DEFAULTS: Record<AlertType, { severity: AlertSeverity; channels: AlertChannel[] }> = {
  HEALTH_DROP: { severity: "HIGH", channels: ["in_app", "email"] },
  KEY_USER_INACTIVE: { severity: "HIGH", channels: ["in_app", "email"] },
  SUPPORT_SPIKE: { severity: "MEDIUM", channels: ["in_app"] },
  USAGE_DECLINE: { severity: "MEDIUM", channels: ["in_app"] },
  FEATURE_ABANDONED: { severity: "LOW", channels: ["in_app"] },
  RENEWAL_APPROACHING: { severity: "MEDIUM", channels: ["in_app", "email"] },
  CONTRACT_UTILIZATION_LOW: { severity: "LOW", channels: ["in_app"] },
  CHAMPION_RISK: { severity: "HIGH", channels: ["in_app", "email"] },
  NPS_DETRACTOR: { severity: "MEDIUM", channels: ["in_app"] },
  PAYMENT_ISSUE: { severity: "HIGH", channels: ["in_app", "email"] },
  FOLLOW_UP_OVERDUE: { severity: "LOW", channels: ["in_app"] },
};

export function defaultAlertSettings(): AlertSettings {
  const types = Object.fromEntries(
    ALERT_TYPES.map((t) => [
      t,
      { enabled: true, threshold: THRESHOLDS[t].default, channels: [...TYPE_DEFAULTS[t].channels] },
    ]),
  ) as Record<AlertType, TypeSetting>;
  return { types, quiet_hours: null, muted_until: null };
}

/** Defaults ← global ← client. `muted_until` only means something per client. */
export function effectiveSettings(global: AlertSettingsPatch | null, client: AlertSettingsPatch | null): AlertSettings {
  const out = defaultAlertSettings();
  for (const patch of [global, client]) {
    if (!patch) continue;
    for (const [type, t] of Object.entries(patch.types ?? {}) as [AlertType, Partial<TypeSetting>][]) {
      if (!out.types[type]) continue;
      out.types[type] = {
        ...out.types[type],
        ...Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)),
      };
    }
    if (patch.quiet_hours !== undefined) out.quiet_hours = patch.quiet_hours;
  }
  out.muted_until = client?.muted_until ?? null;
  return out;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Why a settings change cannot be saved, one reason per problem (empty: it can). */
export function settingsProblems(
  patch: AlertSettingsPatch,
  scope: "global" | "client",
  today: string,
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  for (const [type, t] of Object.entries(patch.types ?? {}) as [AlertType, Partial<TypeSetting>][]) {
    const limits = THRESHOLDS[type];
    if (t.threshold !== undefined && t.threshold !== null) {
      if (limits.default === null)
        problems.push({ field: `types.${type}.threshold`, message: "this alert has no threshold" });
      else if (t.threshold < limits.min || t.threshold > limits.max)
        problems.push({
          field: `types.${type}.threshold`,
          message: `must be between ${limits.min} and ${limits.max} (${limits.unit})`,
        });
    }
    if (t.channels && !t.channels.includes("in_app"))
      problems.push({
        field: `types.${type}.channels`,
        message: "in_app is always on: every alert appears in the app",
      });
  }
  const q = patch.quiet_hours;
  if (q) {
    if (!HHMM.test(q.start)) problems.push({ field: "quiet_hours.start", message: "must be a time like 20:00" });
    if (!HHMM.test(q.end)) problems.push({ field: "quiet_hours.end", message: "must be a time like 07:00" });
    if (q.start === q.end) problems.push({ field: "quiet_hours", message: "start and end must differ" });
    if (!isTimeZone(q.time_zone))
      problems.push({ field: "quiet_hours.time_zone", message: "must be an IANA time zone such as America/Chicago" });
  }
  if (patch.muted_until !== undefined && patch.muted_until !== null) {
    if (scope === "global") problems.push({ field: "muted_until", message: "mutes are per client: send client_id" });
    else if (patch.muted_until < today)
      problems.push({ field: "muted_until", message: "must be today or later (null unmutes)" });
  }
  return problems;
}

/** Minutes since midnight at `at` in the time zone. */
function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return get("hour") * 60 + get("minute");
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** When quiet hours hold at `at`, the instant they end; otherwise null. Windows may cross midnight. */
export function quietUntil(at: Date, q: QuietHours | null): Date | null {
  if (!q) return null;
  const now = localMinutes(at, q.time_zone);
  const [start, end] = [minutes(q.start), minutes(q.end)];
  const inside = start < end ? now >= start && now < end : now >= start || now < end;
  if (!inside) return null;
  const wait = (end - now + 1440) % 1440;
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000 + wait * 60_000);
}

/** Queues accept delays of at most 12 hours; a longer wait is re-checked at delivery. */
export const MAX_QUEUE_DELAY_SECONDS = 12 * 3600;

/**
 * Whether a delivery at `at` waits for quiet hours to end, and how long to delay its queue
 * message (dispatch and the delivery consumer both ask, with their own clock).
 */
export function quietHoursDelay(at: Date, q: QuietHours | null): { until: Date; delaySeconds: number } | null {
  const until = quietUntil(at, q);
  if (!until) return null;
  return { until, delaySeconds: Math.min(MAX_QUEUE_DELAY_SECONDS, Math.ceil((until.getTime() - at.getTime()) / 1000)) };
}

export const isMuted = (s: AlertSettings, today: string) => s.muted_until !== null && s.muted_until >= today;
