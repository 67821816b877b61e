import * as v from "valibot";

import { CONTRACT_TIERS, HEALTH_STATUSES } from "#worker/core/enums";

// The assistant's one typed plan (docs/decisions/020): what a portfolio question asks for,
// whoever read it (the local parser or a Workers AI tool call, validated by this same schema).
// A plan is data, never SQL: the executor runs it through the list API's query and the
// analytics' definitions, in the caller's scope.

/** Metrics a question may compare, sort or aggregate on; each is one figure per client. */
export const PLAN_METRICS = [
  "health", // current health score 0–100
  "health_change", // score now minus the score `window_days` ago (negative = dropped)
  "churn_risk", // churn model's 90-day probability, in %
  "arr",
  "days_to_renewal",
  "days_since_contact", // days since the last CSM contact
  "days_since_login", // days since any of the client's contacts last logged in
  "adoption", // adoption component score 0–100
] as const;
export type PlanMetric = (typeof PLAN_METRICS)[number];

export const PLAN_OPS = ["lt", "lte", "gt", "gte"] as const;
export type PlanOp = (typeof PLAN_OPS)[number];

export const PLAN_FIELDS = ["health_status", "tier", "industry", "region"] as const;
export const PLAN_GROUPS = ["csm", "tier", "industry", "region", "health_status"] as const;
export const PLAN_MEASURES = ["count", "arr", "arr_at_risk", "avg_health", "avg_churn_risk", "expected_churn"] as const;
export type PlanMeasure = (typeof PLAN_MEASURES)[number];
export type PlanGroup = (typeof PLAN_GROUPS)[number];

const name = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120));

export const ConditionSchema = v.strictObject({
  metric: v.picklist(PLAN_METRICS),
  op: v.picklist(PLAN_OPS),
  value: v.pipe(v.number(), v.finite()),
  /** For health_change: how many days back the change is measured from. */
  window_days: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(730))),
});
export type PlanCondition = v.InferOutput<typeof ConditionSchema>;

/** "Enterprise", "not healthy", "not in technology": values of a category, or all but them. */
export const CategorySchema = v.variant("field", [
  v.strictObject({
    field: v.literal("health_status"),
    values: v.pipe(v.array(v.picklist(HEALTH_STATUSES)), v.minLength(1)),
    negate: v.boolean(),
  }),
  v.strictObject({
    field: v.literal("tier"),
    values: v.pipe(v.array(v.picklist(CONTRACT_TIERS)), v.minLength(1)),
    negate: v.boolean(),
  }),
  v.strictObject({ field: v.literal("industry"), values: v.pipe(v.array(name), v.minLength(1)), negate: v.boolean() }),
  v.strictObject({ field: v.literal("region"), values: v.pipe(v.array(name), v.minLength(1)), negate: v.boolean() }),
]);
export type PlanCategory = v.InferOutput<typeof CategorySchema>;

/** Whose book: the caller's own ("my clients"), one named CSM's, or everything the caller may see. */
export const BookSchema = v.strictObject({
  csm_id: v.nullable(v.pipe(v.string(), v.maxLength(64))),
  csm_name: v.nullable(name),
});

const where = {
  book: BookSchema,
  categories: v.pipe(v.array(CategorySchema), v.maxLength(8)),
  conditions: v.pipe(v.array(ConditionSchema), v.maxLength(8)),
};

export const ListPlanSchema = v.strictObject({
  kind: v.literal("list"),
  ...where,
  sort: v.nullable(
    v.strictObject({ metric: v.picklist([...PLAN_METRICS, "priority"]), dir: v.picklist(["asc", "desc"]) }),
  ),
  limit: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100))),
});

export const AggregatePlanSchema = v.strictObject({
  kind: v.literal("aggregate"),
  ...where,
  measure: v.picklist(PLAN_MEASURES),
  group_by: v.nullable(v.picklist(PLAN_GROUPS)),
  /** Groups ranked by the measure: "which CSM has the most" is desc with limit 1. */
  order: v.picklist(["asc", "desc"]),
  limit: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50))),
});

export const LookupPlanSchema = v.strictObject({
  kind: v.literal("lookup"),
  /** A contact's or a client's name as the user wrote it. */
  person: name,
  what: v.picklist(["last_contact", "last_login"]),
});

export const QueryPlanSchema = v.variant("kind", [ListPlanSchema, AggregatePlanSchema, LookupPlanSchema]);
export type QueryPlan = v.InferOutput<typeof QueryPlanSchema>;
export type ListPlan = v.InferOutput<typeof ListPlanSchema>;
export type AggregatePlan = v.InferOutput<typeof AggregatePlanSchema>;
export type LookupPlan = v.InferOutput<typeof LookupPlanSchema>;

export const DEFAULT_WINDOW_DAYS = 30;

export const emptyListPlan = (): ListPlan => ({
  kind: "list",
  book: { csm_id: null, csm_name: null },
  categories: [],
  conditions: [],
  sort: null,
  limit: null,
});

/** Checks a plan from outside (a model's tool call); throws a ValiError listing what is wrong. */
export const parsePlan = (input: unknown): QueryPlan => v.parse(QueryPlanSchema, input);

/**
 * The plan schema as the JSON Schema a Workers AI tool takes. Written out by hand (valibot has
 * no converter installed here); test/ai-plan-schema checks it accepts exactly what parsePlan does
 * on the phrasing table's plans.
 */
export const PLAN_TOOL_PARAMETERS = {
  type: "object",
  properties: {
    kind: {
      type: "string",
      enum: ["list", "aggregate", "lookup"],
      description:
        "list: clients matching filters; aggregate: a figure over the book, optionally per group; lookup: when we last talked to / saw a login from a person",
    },
    book: {
      type: "object",
      properties: {
        csm_id: { type: ["string", "null"] },
        csm_name: {
          type: ["string", "null"],
          description: "The CSM whose book is meant; null for everything the user may see",
        },
      },
      required: ["csm_id", "csm_name"],
    },
    categories: {
      type: "array",
      items: {
        type: "object",
        properties: {
          field: { type: "string", enum: [...PLAN_FIELDS] },
          values: {
            type: "array",
            items: { type: "string" },
            description: `health_status: ${HEALTH_STATUSES.join("/")}; tier: ${CONTRACT_TIERS.join("/")}`,
          },
          negate: { type: "boolean", description: "true for 'not …'" },
        },
        required: ["field", "values", "negate"],
      },
    },
    conditions: {
      type: "array",
      items: {
        type: "object",
        properties: {
          metric: { type: "string", enum: [...PLAN_METRICS] },
          op: { type: "string", enum: [...PLAN_OPS] },
          value: { type: "number", description: "health_change is negative for a drop; churn_risk in %" },
          window_days: { type: "integer", description: "health_change only; 'this month' is 30" },
        },
        required: ["metric", "op", "value"],
      },
    },
    sort: {
      type: ["object", "null"],
      properties: {
        metric: { type: "string", enum: [...PLAN_METRICS, "priority"] },
        dir: { type: "string", enum: ["asc", "desc"] },
      },
    },
    limit: { type: ["integer", "null"] },
    measure: {
      type: "string",
      enum: [...PLAN_MEASURES],
      description: "aggregate only; expected_churn is next quarter's predicted churn",
    },
    group_by: { type: ["string", "null"], enum: [...PLAN_GROUPS, null] },
    order: { type: "string", enum: ["asc", "desc"] },
    person: { type: "string", description: "lookup only" },
    what: { type: "string", enum: ["last_contact", "last_login"] },
  },
  required: ["kind"],
} as const;

/**
 * A model's tool arguments as a plan: it may leave out what does not apply (an empty list, a
 * null sort) or add fields of another kind; those are filled or dropped here, and everything
 * else must pass the same schema as the local parser's plans (or the call counts as invalid).
 */
export function planFromToolArguments(args: unknown): QueryPlan {
  const a = (typeof args === "string" ? JSON.parse(args) : args) as Record<string, unknown> | null;
  if (!a || typeof a !== "object") throw new Error("tool arguments are not an object");
  const where = {
    book: a.book ?? { csm_id: null, csm_name: null },
    categories: a.categories ?? [],
    conditions: a.conditions ?? [],
  };
  if (a.kind === "list") return parsePlan({ kind: "list", ...where, sort: a.sort ?? null, limit: a.limit ?? null });
  if (a.kind === "aggregate")
    return parsePlan({
      kind: "aggregate",
      ...where,
      measure: a.measure,
      group_by: a.group_by ?? null,
      order: a.order ?? "desc",
      limit: a.limit ?? null,
    });
  if (a.kind === "lookup") return parsePlan({ kind: "lookup", person: a.person, what: a.what ?? "last_contact" });
  return parsePlan(a);
}
