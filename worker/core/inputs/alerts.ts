import * as v from "valibot";
import { ALERT_CHANNELS } from "../alerts/alert-settings";
import { ALERT_SEVERITIES, ALERT_STATUSES, ALERT_TYPES } from "../enums";
import { calendarDate, id, pageParams } from "./common";

// Alert endpoints' inputs: the list's query, the workflow bodies, and the settings.

const list = <T extends string>(values: readonly T[], label: string) =>
  v.pipe(v.string(), v.transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean)), v.array(v.picklist(values, `must be ${label}: ${values.join(", ")}`)));

export const AlertListQuerySchema = v.strictObject(
  {
    type: v.optional(list(ALERT_TYPES, "alert types")),
    severity: v.optional(list(ALERT_SEVERITIES, "severities")),
    status: v.optional(list(ALERT_STATUSES, "statuses")),
    client_id: v.optional(id),
    ...pageParams,
  },
  "is not a known parameter",
);

export const SnoozeSchema = v.strictObject({ duration: v.picklist(["1d", "1w"], "must be 1d or 1w") }, "is not a known field");
export const ResolveSchema = v.strictObject({ notes: v.optional(v.nullable(v.pipe(v.string("must be a string"), v.trim(), v.maxLength(2000, "must be at most 2000 characters")))) }, "is not a known field");

const TypeSettingSchema = v.strictObject(
  {
    enabled: v.optional(v.boolean("must be true or false")),
    threshold: v.optional(v.nullable(v.pipe(v.number("must be a number"), v.finite("must be a number")))),
    channels: v.optional(v.pipe(v.array(v.picklist(ALERT_CHANNELS, `must be one of ${ALERT_CHANNELS.join(", ")}`)), v.transform((c) => [...new Set(c)]))),
  },
  "is not a known field",
);

export const AlertSettingsBodySchema = v.strictObject(
  {
    client_id: v.optional(id),
    /** The version the change was made on (GET's `version`); a stale one is a 409. Without it the PUT is merged onto the latest settings. */
    version: v.optional(v.pipe(v.number("must be a number"), v.integer("must be a whole number"), v.minValue(0, "must be 0 or more"), v.maxValue(2 ** 31, "is too large"))),
    types: v.optional(v.strictObject(Object.fromEntries(ALERT_TYPES.map((t) => [t, v.optional(TypeSettingSchema)])) as Record<(typeof ALERT_TYPES)[number], v.OptionalSchema<typeof TypeSettingSchema, undefined>>, "is not an alert type")),
    quiet_hours: v.optional(v.nullable(v.strictObject({ start: v.string("must be a string"), end: v.string("must be a string"), time_zone: v.string("must be a string") }, "is not a known field"))),
    muted_until: v.optional(v.nullable(calendarDate)),
  },
  "is not a known field",
);
export type AlertSettingsBody = v.InferOutput<typeof AlertSettingsBodySchema>;
