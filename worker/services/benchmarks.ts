import { canSeeClient, clientScopeFor } from "#worker/core/access-policy";
import {
  type CohortType,
  compareToCohort,
  criteriaFor,
  type Criterion,
  describeCohort,
  featuresTheyUse,
  GAP_ADVICE,
  inCohort,
  lookAlikes,
  similarity,
  sizeBand,
} from "#worker/core/benchmark";
import { addDays, isoDate } from "#worker/core/dates";
import { AppError, notFound } from "#worker/core/errors";
import { FEATURE_CATALOG, MODULE_NAMES } from "#worker/core/feature-catalog";
import type { Db } from "#worker/db/client";
import { benchmarkCandidates, featureStatuses, industryDetail, industryOverview } from "#worker/db/queries/benchmarks";
import type { EthicoUserRow } from "#worker/db/queries/users";

import { recordAudit } from "./audit";
import { clientInScope } from "./client-access";

// Benchmarking (PRD F7): a client against its cohort, and industries against each other.
// Cohort figures are aggregates; a look-alike or best-in-class client the caller may not see
// is described, never named.

const featureName = (key: string) => FEATURE_CATALOG.find((f) => f.key === key);
const titleCase = (s: string) => s.charAt(0) + s.slice(1).toLowerCase().replace(/_/g, " ");

function anonymousDescription(c: { contract_tier: string; industry?: string | null; employee_count: number | null }) {
  const tier = titleCase(c.contract_tier);
  return `${/^[AEIOU]/.test(tier) ? "An" : "A"} ${tier} client${c.industry ? ` in ${c.industry}` : ""}${c.employee_count ? ` (${sizeBand(c.employee_count)})` : ""}`;
}

export async function clientBenchmark(
  db: Db,
  user: EthicoUserRow,
  clientId: string,
  q: { cohort: CohortType; criteria?: Criterion[] },
  now: Date,
) {
  const client = await clientInScope(db, user, clientId, { action: "read", resourceType: "benchmark" });
  if (q.cohort === "custom" && !q.criteria?.length) {
    throw new AppError("BAD_REQUEST", "Invalid query parameters", [
      { param: "criteria", message: "a custom cohort needs at least one of tier, industry, size, tenure, region" },
    ]);
  }
  if (q.cohort !== "custom" && q.criteria?.length) {
    throw new AppError("BAD_REQUEST", "Invalid query parameters", [
      { param: "criteria", message: "applies only to cohort=custom" },
    ]);
  }
  const today = isoDate(now);
  const criteria = criteriaFor(q.cohort, q.criteria ?? []);
  const candidates = await benchmarkCandidates(db, {
    tier: criteria.includes("tier") ? client.contract_tier : undefined,
    industry: criteria.includes("industry") ? (client.industry ?? "Other") : undefined,
    region: criteria.includes("region") ? (client.region ?? undefined) : undefined,
  });
  const subject = candidates.find((c) => c.id === client.id);
  if (!subject)
    throw new AppError("UNPROCESSABLE", "Benchmarks compare active clients; this client is no longer active");
  const cohort = candidates.filter((c) => inCohort(subject, c, criteria, today));
  const metrics = compareToCohort(subject, cohort);
  const similar = lookAlikes(subject, cohort, today);
  const features = await featureStatuses(db, [subject.id, ...similar.map((s) => s.id)]);
  const scope = clientScopeFor(user);
  await recordAudit(db, {
    user,
    action: "read",
    resourceType: "benchmark",
    resourceId: client.id,
    outcome: "SUCCESS",
    details: { cohort: q.cohort, criteria, size: cohort.length },
  });
  return {
    client_id: client.id,
    as_of: today,
    cohort: { type: q.cohort, criteria, label: describeCohort(subject, criteria, today), size: cohort.length },
    metrics,
    radar: metrics
      .filter((m) => m.unit === "points")
      .map((m) => ({
        metric: m.metric,
        label: m.label,
        client: m.value,
        cohort_average: m.cohort_average,
        best_in_class: m.best_in_class,
      })),
    gaps: metrics
      .filter((m) => m.behind)
      .sort((a, b) => (b.gap ?? 0) / (b.unit === "days" ? 3 : 1) - (a.gap ?? 0) / (a.unit === "days" ? 3 : 1))
      .map((m) => ({
        metric: m.metric,
        label: m.label,
        value: m.value,
        cohort_average: m.cohort_average,
        gap: m.gap,
        unit: m.unit,
        percentile: m.percentile,
        recommendation: GAP_ADVICE[m.metric],
      })),
    look_alikes: similar.map((s) => {
      const visible = canSeeClient(scope, s);
      return {
        client_id: visible ? s.id : null,
        name: visible ? s.name : anonymousDescription(s),
        contract_tier: s.contract_tier,
        industry: s.industry,
        employee_count: s.employee_count,
        health: s.health,
        adoption: s.adoption,
        similarity: Math.round(100 / (1 + similarity(subject, s, today))),
        features_they_use: featuresTheyUse(features.get(subject.id) ?? {}, features.get(s.id) ?? {}).map((key) => {
          const f = featureName(key);
          return {
            feature_key: key,
            name: f?.name ?? key,
            module: f ? MODULE_NAMES[f.module] : null,
            this_client_status: features.get(subject.id)?.[key] ?? "NOT_LICENSED",
          };
        }),
      };
    }),
  };
}

const asMetrics = (r: Record<string, unknown> | undefined) =>
  r
    ? {
        clients: Number(r.clients),
        arr: Number(r.arr),
        avg_health: r.avg_health === null ? null : Math.round(Number(r.avg_health)),
        avg_adoption: r.avg_adoption === null ? null : Math.round(Number(r.avg_adoption)),
        churned_last_year: Number(r.churned_last_year),
        // Annual churn rate: churned in the last year over those active at any point in it.
        churn_rate_pct:
          Number(r.clients) + Number(r.churned_last_year) > 0
            ? Math.round((1000 * Number(r.churned_last_year)) / (Number(r.clients) + Number(r.churned_last_year))) / 10
            : null,
      }
    : null;

/** Monthly dates (the 1st) for the last `months` months, plus today. */
function monthlyDates(today: string, months: number): string[] {
  const [y, m] = today.split("-").map(Number);
  const out: string[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(isoDate(d));
  }
  if (!out.includes(today)) out.push(today);
  return out;
}

/**
 * An industry against all industries, for all clients and for the caller's portfolio. With no
 * industry named, the one with the most active clients.
 */
export async function industryBenchmark(
  db: Db,
  user: EthicoUserRow,
  requested: string | null,
  q: { csm_id?: string; months: number },
  now: Date,
) {
  const today = isoDate(now);
  const s = { scope: clientScopeFor(user), csmId: q.csm_id ?? null };
  const overview = await industryOverview(db, s, addDays(today, -365));
  const industry =
    requested ??
    String([...overview.all].sort((a, b) => Number(b.clients) - Number(a.clients))[0]?.industry ?? "Other");
  const all = overview.all.find((r) => r.industry === industry);
  if (!all || Number(all.clients) === 0) {
    await recordAudit(db, {
      user,
      action: "read",
      resourceType: "benchmark.industry",
      resourceId: industry.slice(0, 80),
      outcome: "NOT_FOUND",
      statusCode: 404,
    });
    throw notFound("Industry");
  }
  const dates = monthlyDates(today, q.months);
  const detail = await industryDetail(db, industry, s, dates);
  const scope = clientScopeFor(user);
  const mineByDate = new Map(detail.trendMine.map((r) => [r.date as string, r]));
  await recordAudit(db, {
    user,
    action: "read",
    resourceType: "benchmark.industry",
    resourceId: industry.slice(0, 80),
    outcome: "SUCCESS",
    details: { csm_id: s.csmId },
  });
  return {
    industry,
    as_of: today,
    csm_id: s.csmId,
    all: asMetrics(all),
    portfolio: asMetrics(overview.mine.find((r) => r.industry === industry)),
    best_in_class: detail.best.map((b) => {
      const visible = canSeeClient(scope, b as { csm_user_id: string | null; ae_user_id: string | null });
      return {
        client_id: visible ? (b.id as string) : null,
        name: visible
          ? (b.name as string)
          : anonymousDescription({
              contract_tier: b.contract_tier as string,
              employee_count: b.employee_count as number | null,
            }),
        contract_tier: b.contract_tier as string,
        health: Number(b.health),
        adoption: b.adoption === null ? null : Number(b.adoption),
      };
    }),
    trend: detail.trendAll.map((r) => {
      const mine = mineByDate.get(r.date as string);
      return {
        date: r.date as string,
        all_avg_health: Math.round(Number(r.avg_health)),
        portfolio_avg_health: mine ? Math.round(Number(mine.avg_health)) : null,
      };
    }),
    industries: overview.all
      .filter((r) => Number(r.clients) > 0)
      .map((r) => ({
        industry: r.industry as string,
        all: asMetrics(r),
        portfolio: asMetrics(overview.mine.find((m) => m.industry === r.industry)),
      })),
  };
}
