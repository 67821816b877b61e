import * as v from "valibot";

import { isCalendarDate } from "./dates";
import { MODULES, PAYMENT_STATUSES, TICKET_SEVERITIES } from "./enums";
import { FEATURE_CATALOG } from "./feature-catalog";

// The platform's usage events (POST /events). Each event is checked on its own, so one bad
// event is reported by index while the rest of the batch goes through.

export const MAX_EVENTS_PER_BATCH = 1000;

export const MODULE_EVENT_TYPES = [
  "case_created",
  "case_closed",
  "report_run",
  "disclosure_submitted",
  "policy_viewed",
  "chatbot_conversation",
  "api_call",
] as const;
export const EVENT_TYPES = [
  "login",
  "action",
  "session_end",
  "support_ticket_opened",
  "support_ticket_closed",
  "nps_response",
  "csat_response",
  "payment_status",
  ...MODULE_EVENT_TYPES,
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Which catalog feature a module event counts toward (PRD F5). */
export const FEATURE_OF_EVENT: Partial<Record<EventType, string>> = {
  case_created: "case_creation",
  disclosure_submitted: "disclosure_review",
  report_run: "report_exports",
  chatbot_conversation: "chatbot_conversations",
  api_call: "api_calls",
};

const FEATURE_KEYS = FEATURE_CATALOG.map((f) => f.key) as [string, ...string[]];
const id = (label: string) =>
  v.pipe(
    v.string(`${label} must be a string`),
    v.trim(),
    v.minLength(1, `${label} is required`),
    v.maxLength(128, `${label} is too long`),
    v.regex(/^[\w.:@-]+$/, `${label} has characters other than letters, digits and _ . : @ -`),
  );
const isoInstant = v.pipe(
  v.string("occurred_at must be a string"),
  v.regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/,
    "occurred_at must be an ISO 8601 instant with a time zone",
  ),
  // Date.parse rolls 2026-02-30 over to March 2, so the calendar day is checked on its own.
  v.check((s) => isCalendarDate(s.slice(0, 10)) && !Number.isNaN(Date.parse(s)), "occurred_at is not a real date"),
);
const count = (label: string, max: number) =>
  v.pipe(
    v.number(`${label} must be a number`),
    v.integer(`${label} must be a whole number`),
    v.minValue(0, `${label} must not be negative`),
    v.maxValue(max, `${label} must be at most ${max}`),
  );

const common = {
  event_id: id("event_id"),
  client_id: v.optional(id("client_id")),
  organization_id: v.optional(id("organization_id")),
  occurred_at: isoInstant,
};
const userEvent = { ...common, user_id: id("user_id") };

const EventSchema = v.variant(
  "type",
  [
    v.strictObject({ ...userEvent, type: v.literal("login") }),
    v.strictObject({
      ...userEvent,
      type: v.literal("action"),
      module: v.picklist(MODULES, `module must be one of ${MODULES.join(", ")}`),
      feature: v.optional(v.picklist(FEATURE_KEYS, "feature is not in the feature catalog")),
    }),
    v.strictObject({
      ...userEvent,
      type: v.literal("session_end"),
      duration_seconds: count("duration_seconds", 86_400),
    }),
    v.strictObject({
      ...common,
      type: v.literal("support_ticket_opened"),
      ticket_id: id("ticket_id"),
      severity: v.picklist(TICKET_SEVERITIES, `severity must be one of ${TICKET_SEVERITIES.join(", ")}`),
      module: v.optional(v.picklist(MODULES)),
      subject: v.optional(v.pipe(v.string(), v.maxLength(200))),
    }),
    v.strictObject({ ...common, type: v.literal("support_ticket_closed"), ticket_id: id("ticket_id") }),
    v.strictObject({
      ...common,
      type: v.literal("nps_response"),
      user_id: v.optional(id("user_id")),
      score: count("score", 10),
    }),
    v.strictObject({
      ...common,
      type: v.literal("csat_response"),
      user_id: v.optional(id("user_id")),
      score: v.pipe(count("score", 5), v.minValue(1, "score must be at least 1")),
    }),
    v.strictObject({
      ...common,
      type: v.literal("payment_status"),
      status: v.picklist(PAYMENT_STATUSES, `status must be one of ${PAYMENT_STATUSES.join(", ")}`),
    }),
    ...MODULE_EVENT_TYPES.map((t) =>
      v.strictObject({ ...common, type: v.literal(t), user_id: v.optional(id("user_id")) }),
    ),
  ],
  `type must be one of ${EVENT_TYPES.join(", ")}`,
);

export type PlatformEvent = v.InferOutput<typeof EventSchema>;

export type EventCheck = { ok: true; event: PlatformEvent } | { ok: false; reason: string };

/** Validates one event; `now` bounds how far in the future occurred_at may be (clock skew). */
export function checkEvent(raw: unknown, now: Date): EventCheck {
  const r = v.safeParse(EventSchema, raw);
  if (!r.success) {
    const issue = r.issues[0];
    const path = issue.path?.map((p) => String(p.key)).join(".");
    if (issue.expected === "never" && path) return { ok: false, reason: `${path} is not a field of this event type` };
    if (issue.input === undefined && path) return { ok: false, reason: `${path} is required for this event type` };
    return { ok: false, reason: issue.message };
  }
  const e = r.output;
  if (!e.client_id && !e.organization_id) return { ok: false, reason: "client_id or organization_id is required" };
  if (Date.parse(e.occurred_at) > now.getTime() + 5 * 60_000)
    return { ok: false, reason: "occurred_at is in the future" };
  if (Date.parse(e.occurred_at) < now.getTime() - 400 * 86_400_000)
    return { ok: false, reason: "occurred_at is more than 400 days ago" };
  return { ok: true, event: { ...e, occurred_at: new Date(e.occurred_at).toISOString() } };
}

/** The body must be { "events": [ … ] } with 1–1,000 entries; null when it is not a batch at all. */
export function batchProblem(body: unknown): string | null {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return 'body must be an object { "events": [...] }';
  const events = (body as { events?: unknown }).events;
  if (!Array.isArray(events)) return "events must be an array";
  if (events.length === 0) return "events must not be empty";
  if (events.length > MAX_EVENTS_PER_BATCH) return `at most ${MAX_EVENTS_PER_BATCH} events per batch`;
  const extra = Object.keys(body).filter((k) => k !== "events");
  if (extra.length) return `unknown field ${extra[0]}`;
  return null;
}
