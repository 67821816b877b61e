import * as v from "valibot";

import { calendarDate, pageParams } from "./common";

export const TIMELINE_TYPES = [
  "activity",
  "support_ticket",
  "health_change",
  "alert",
  "note",
  "renewal",
  "survey",
] as const;
export type TimelineType = (typeof TIMELINE_TYPES)[number];

/** A day-to-day move of at least this many points (or a change of band) is a timeline event. */
export const HEALTH_CHANGE_POINTS = 5;

export const TimelineQuerySchema = v.strictObject(
  {
    type: v.optional(
      v.pipe(
        v.string(),
        v.transform((s) =>
          s
            .split(",")
            .map((x) => x.trim())
            .filter(Boolean),
        ),
        v.array(v.picklist(TIMELINE_TYPES, `type must be among ${TIMELINE_TYPES.join(", ")}`)),
      ),
    ),
    q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100, "must be at most 100 characters"))),
    from: v.optional(calendarDate),
    to: v.optional(calendarDate),
    format: v.optional(v.picklist(["json", "csv"], "must be json or csv")),
    ...pageParams,
  },
  "is not a known parameter",
);
