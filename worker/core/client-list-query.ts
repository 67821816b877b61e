import * as v from "valibot";

import { CONTRACT_TIERS, type ContractTier, HEALTH_STATUSES, type HealthStatus } from "./enums";
import { AppError } from "./errors";
import { wholeNumberText } from "./inputs/parse";

// Parses the portfolio list's query string (API `GET /clients` and the portfolio page share it,
// so a page URL and an API URL filter the same way). Unknown parameters are refused rather than
// ignored, so a typo never silently shows an unfiltered list. An empty value means "not set":
// that is what the filter form sends for "Any".

export const CLIENT_SORTS = [
  "priority",
  "health_score",
  "renewal_date",
  "arr",
  "last_contact",
  "churn_risk",
  "name",
  "trend",
  "csm",
] as const;
export type ClientSort = (typeof CLIENT_SORTS)[number];

export interface ClientListQuery {
  health_status: HealthStatus[];
  contract_tier: ContractTier[];
  industry: string[];
  tags: string[];
  csm_id: string | null;
  search: string | null;
  renewal_within_days: number | null;
  sort: ClientSort;
  order: "asc" | "desc";
  page: number;
  limit: number;
  format: "json" | "csv";
}

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 25;

const text = (max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, "must not be empty"),
    v.maxLength(max, `must be at most ${max} characters`),
  );

const list = <T extends string>(label: string, item: v.GenericSchema<string, T>) =>
  v.pipe(
    v.string(),
    v.transform((s) =>
      s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    ),
    v.maxLength(50, `at most 50 ${label}`),
    v.array(item),
  );

const wholeNumber = (min: number, max: number) => wholeNumberText({ digits: 9, min, max });

const QuerySchema = v.strictObject(
  {
    health_status: v.optional(
      list("statuses", v.picklist(HEALTH_STATUSES, `must be one of ${HEALTH_STATUSES.join(", ")}`)),
    ),
    contract_tier: v.optional(list("tiers", v.picklist(CONTRACT_TIERS, `must be one of ${CONTRACT_TIERS.join(", ")}`))),
    industry: v.optional(list("industries", text(80))),
    tags: v.optional(list("tags", text(60))),
    csm_id: v.optional(text(64)),
    search: v.optional(text(100)),
    renewal_within_days: v.optional(wholeNumber(0, 3650)),
    sort: v.optional(v.picklist(CLIENT_SORTS, `must be one of ${CLIENT_SORTS.join(", ")}`)),
    order: v.optional(v.picklist(["asc", "desc"], "must be asc or desc")),
    page: v.optional(wholeNumber(1, 100_000)),
    limit: v.optional(wholeNumber(1, MAX_PAGE_SIZE)),
    format: v.optional(v.picklist(["json", "csv"], "must be json or csv")),
  },
  "is not a known parameter",
);

/** Sorts whose natural first page is the largest values. */
const DESC_BY_DEFAULT: ReadonlySet<ClientSort> = new Set(["priority", "arr", "churn_risk"]);

export function parseClientListQuery(params: URLSearchParams): ClientListQuery {
  const raw: Record<string, string> = {};
  const repeated: string[] = [];
  for (const [key, value] of params) {
    if (value.trim() === "") continue;
    if (key in raw) repeated.push(key);
    raw[key] = value;
  }
  if (repeated.length > 0) {
    throw new AppError(
      "BAD_REQUEST",
      "Invalid query parameters",
      [...new Set(repeated)].map((param) => ({
        param,
        message: "is given more than once; use a comma-separated list",
      })),
    );
  }
  const result = v.safeParse(QuerySchema, raw);
  if (!result.success) {
    throw new AppError(
      "BAD_REQUEST",
      "Invalid query parameters",
      result.issues.map((issue) => {
        // List items report the list's parameter and the offending value, not an array index.
        const [first, second] = issue.path ?? [];
        const item = second !== undefined ? ` (got "${String(issue.input).slice(0, 40)}")` : "";
        return { param: first ? String(first.key) : null, message: `${issue.message}${item}` };
      }),
    );
  }
  const q = result.output;
  const sort = q.sort ?? "priority";
  return {
    health_status: q.health_status ?? [],
    contract_tier: q.contract_tier ?? [],
    industry: q.industry ?? [],
    tags: q.tags ?? [],
    csm_id: q.csm_id ?? null,
    search: q.search ?? null,
    renewal_within_days: q.renewal_within_days ?? null,
    sort,
    order: q.order ?? (DESC_BY_DEFAULT.has(sort) ? "desc" : "asc"),
    page: q.page ?? 1,
    limit: q.limit ?? DEFAULT_PAGE_SIZE,
    format: q.format ?? "json",
  };
}
