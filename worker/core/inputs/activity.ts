import * as v from "valibot";

import { ACTIVITY_OUTCOMES, ACTIVITY_TYPES } from "#worker/core/enums";
import { isTimeZone } from "#worker/core/time-zone";

import { calendarDate, id, instant, optionalText, pageParams, text } from "./common";
import { wholeNumber } from "./parse";

// PRD ClientActivity as a CSM logs it (POST /clients/:id/activities) and edits it (PUT /activities/:id).

const fields = {
  activity_type: v.picklist(ACTIVITY_TYPES, `must be one of ${ACTIVITY_TYPES.join(", ")}`),
  subject: text(200),
  description: optionalText(5000),
  occurred_at: instant,
  duration_minutes: v.optional(
    v.nullable(v.pipe(wholeNumber, v.minValue(0, "must not be negative"), v.maxValue(1440, "must be at most 1440"))),
  ),
  client_contacts: v.optional(
    v.pipe(v.array(id, "must be a list of contact ids"), v.maxLength(50, "at most 50 contacts")),
  ),
  outcome: v.optional(v.nullable(v.picklist(ACTIVITY_OUTCOMES, `must be one of ${ACTIVITY_OUTCOMES.join(", ")}`))),
  outcome_notes: optionalText(5000),
  follow_up_required: v.optional(v.boolean("must be true or false")),
  follow_up_date: v.optional(v.nullable(calendarDate)),
};

export const NewActivitySchema = v.strictObject(fields, "is not a known field");
export type NewActivity = v.InferOutput<typeof NewActivitySchema>;

export const ActivityUpdateSchema = v.strictObject(
  {
    ...(Object.fromEntries(Object.entries(fields).map(([k, s]) => [k, v.optional(s as v.GenericSchema)])) as {
      [K in keyof typeof fields]: v.OptionalSchema<(typeof fields)[K], undefined>;
    }),
    follow_up_completed: v.optional(v.boolean("must be true or false")),
  },
  "is not a known field",
);
export type ActivityUpdate = v.InferOutput<typeof ActivityUpdateSchema>;

/** Cross-field rules, as 422 problems: a follow-up needs a date, and an activity is not in the future. */
export function activityProblems(
  a: { follow_up_required?: boolean | null; follow_up_date?: string | null; occurred_at?: string },
  now: Date,
): string[] {
  const problems: string[] = [];
  if (a.follow_up_required && !a.follow_up_date)
    problems.push("follow_up_date is required when follow_up_required is true");
  if (a.occurred_at && Date.parse(a.occurred_at) > now.getTime() + 24 * 3_600_000)
    problems.push("occurred_at is more than a day in the future; schedule it as a follow-up instead");
  return problems;
}

export const ActivityListQuerySchema = v.strictObject(
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
        v.array(v.picklist(ACTIVITY_TYPES, `type must be among ${ACTIVITY_TYPES.join(", ")}`)),
      ),
    ),
    from: v.optional(instant),
    to: v.optional(instant),
    ...pageParams,
  },
  "is not a known parameter",
);

export const TaskQuerySchema = v.strictObject(
  {
    time_zone: v.optional(
      v.pipe(
        v.string(),
        v.check((tz: string) => isTimeZone(tz), "must be an IANA time zone such as Europe/Paris"),
      ),
    ),
  },
  "is not a known parameter",
);
