import * as v from "valibot";

import { isoDate } from "#worker/core/dates";

import { calendarDate, instant, text } from "./common";

// A client's contract fields (name, industry, ARR, renewal date) as any writer must give them:
// the app's own bodies and every CRM value (webhooks and the hourly pull) go through these
// schemas, so a CRM cannot store what the app would refuse (issue 20: a signed HubSpot change
// stored "2027-99-99", "not-a-date", epoch milliseconds as text, ARR −5 and 1e300).

/** Above any real contract (ten billion USD a year); money is whole USD (decision 001). */
export const MAX_ARR_USD = 10_000_000_000;

/** Epoch milliseconds of a plausible contract date, 2000 to 2199 (HubSpot date properties are ms): a small number is not a date. */
const EPOCH_MS_MIN = Date.UTC(2000, 0, 1);
const EPOCH_MS_MAX = Date.UTC(2200, 0, 1) - 1;

const numeric = v.union(
  [
    v.number("must be a number"),
    // CRMs send numbers as text (HubSpot properties are strings).
    v.pipe(v.string(), v.trim(), v.regex(/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/, "must be a number"), v.transform(Number)),
  ],
  "must be a number",
);

/** ARR in whole USD: a finite number, not negative, at most MAX_ARR_USD, rounded. */
export const arrUsd = v.pipe(
  numeric,
  v.finite("must be a finite number"),
  v.minValue(0, "must not be negative"),
  v.maxValue(MAX_ARR_USD, `must be at most ${MAX_ARR_USD} USD`),
  v.transform((n) => Math.round(n)),
);

const epochMs = v.pipe(
  v.number(),
  v.integer(),
  v.minValue(EPOCH_MS_MIN),
  v.maxValue(EPOCH_MS_MAX),
  v.transform((n) => isoDate(new Date(n))),
);

/** A calendar date given as 2027-03-31, an ISO instant or epoch milliseconds (number or digits); always out as YYYY-MM-DD. */
export const contractDate = v.union(
  [
    calendarDate,
    v.pipe(
      instant,
      v.transform((s) => s.slice(0, 10)),
    ),
    epochMs,
    v.pipe(v.string(), v.regex(/^\d{12,13}$/), v.transform(Number), epochMs),
  ],
  "must be a date like 2027-03-31, an ISO 8601 instant or epoch milliseconds",
);

export const accountName = text(200);
/** A CRM's industry label (mapped onto our taxonomy by core/crm/inbound.ts mapIndustry). */
export const industryLabel = v.pipe(v.string("must be a string"), v.maxLength(200, "must be at most 200 characters"));
