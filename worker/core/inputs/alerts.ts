import * as v from "valibot";

import { ALERT_CHANNELS } from "#worker/core/alerts/alert-settings";
import { ALERT_SEVERITIES, ALERT_STATUSES, ALERT_TYPES } from "#worker/core/enums";
import { isTimeZone } from "#worker/core/time-zone";

import { calendarDate, id, instant, pageParams } from "./common";
import { wholeNumber } from "./parse";

// Alert endpoints' inputs: the list's query, the workflow bodies, and the settings.

const list = <T extends string>(values: readonly T[], label: string) =>
  v.pipe(
    v.string(),
    v.transform((s) =>
      s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    ),
    v.array(v.picklist(values, `must be ${label}: ${values.join(", ")}`)),
  );

export const AlertListQuerySchema = v.strictObject(
  {
    type: v.optional(list(ALERT_TYPES, "alert types")),
    severity: v.optional(list(ALERT_SEVERITIES, "severities")),
    status: v.optional(list(ALERT_STATUSES, "statuses")),
    client_id: v.optional(id),
    /** "client": a page of cards (one per client and cause), grouped by client. */
    group: v.optional(v.picklist(["client"], "must be client")),
    ...pageParams,
  },
  "is not a known parameter",
);

const duration = v.picklist(["1d", "1w"], "must be 1d or 1w");
/** Until an instant, or the start of a day in `time_zone` (UTC unless given). */
const until = v.union(
  [instant, calendarDate],
  "must be an ISO 8601 instant with a time zone or a date like 2026-02-15",
);
const snoozeFields = {
  duration: v.optional(duration),
  until: v.optional(until),
  time_zone: v.optional(
    v.pipe(
      v.string("must be a string"),
      v.check((tz: string) => isTimeZone(tz), "must be an IANA time zone such as Europe/Paris"),
    ),
  ),
};
const oneEnd = (s: { duration?: string; until?: string }) => (s.duration === undefined) !== (s.until === undefined);
export const SnoozeSchema = v.pipe(
  v.strictObject(snoozeFields, "is not a known field"),
  v.check((s) => oneEnd(s), "give either duration (1d or 1w) or until"),
);

export const BULK_ACTIONS = ["acknowledge", "snooze", "dismiss", "resolve"] as const;
export const BulkAlertSchema = v.pipe(
  v.strictObject(
    {
      action: v.picklist(BULK_ACTIONS, `must be one of ${BULK_ACTIONS.join(", ")}`),
      alert_ids: v.pipe(
        v.array(id, "must be a list of alert ids"),
        v.minLength(1, "must name at least one alert"),
        v.maxLength(200, "at most 200 alerts at once"),
      ),
      ...snoozeFields,
      notes: v.optional(
        v.nullable(
          v.pipe(v.string("must be a string"), v.trim(), v.maxLength(2000, "must be at most 2000 characters")),
        ),
      ),
    },
    "is not a known field",
  ),
  v.check(
    (b) => (b.action === "snooze" ? oneEnd(b) : b.duration === undefined && b.until === undefined),
    "a snooze takes either duration or until; other actions take neither",
  ),
);
export type BulkAlertBody = v.InferOutput<typeof BulkAlertSchema>;
export const ResolveSchema = v.strictObject(
  {
    notes: v.optional(
      v.nullable(v.pipe(v.string("must be a string"), v.trim(), v.maxLength(2000, "must be at most 2000 characters"))),
    ),
  },
  "is not a known field",
);

const TypeSettingSchema = v.strictObject(
  {
    enabled: v.optional(v.boolean("must be true or false")),
    threshold: v.optional(v.nullable(v.pipe(v.number("must be a number"), v.finite("must be a number")))),
    channels: v.optional(
      v.pipe(
        v.array(v.picklist(ALERT_CHANNELS, `must be one of ${ALERT_CHANNELS.join(", ")}`)),
        v.transform((c) => [...new Set(c)]),
      ),
    ),
  },
  "is not a known field",
);

export const AlertSettingsBodySchema = v.strictObject(
  {
    client_id: v.optional(id),
    /** The version the change was made on (GET's `version`); a stale one is a 409. Without it the PUT is merged onto the latest settings. */
    version: v.optional(v.pipe(wholeNumber, v.minValue(0, "must be 0 or more"), v.maxValue(2 ** 31, "is too large"))),
    types: v.optional(
      v.strictObject(
        Object.fromEntries(ALERT_TYPES.map((t) => [t, v.optional(TypeSettingSchema)])) as Record<
          (typeof ALERT_TYPES)[number],
          v.OptionalSchema<typeof TypeSettingSchema, undefined>
        >,
        "is not an alert type",
      ),
    ),
    quiet_hours: v.optional(
      v.nullable(
        v.strictObject(
          {
            start: v.string("must be a string"),
            end: v.string("must be a string"),
            time_zone: v.string("must be a string"),
          },
          "is not a known field",
        ),
      ),
    ),
    muted_until: v.optional(v.nullable(calendarDate)),
  },
  "is not a known field",
);
export type AlertSettingsBody = v.InferOutput<typeof AlertSettingsBodySchema>;
