import { can } from "#worker/core/access-policy";
import { type AiModelConfig, aiModelConfig } from "#worker/core/ai/model-catalog";
import type { Db } from "#worker/db/client";
import { deadLetterCount } from "#worker/db/queries/crm-dead-letters";
import type { EthicoUserRow } from "#worker/db/queries/users";
import { aiFeatureHealth } from "#worker/services/ai/feature-health";
import { deny } from "#worker/services/client-access";

import { type MetricName, type MetricSummary, summarizeMetrics } from "./metrics";

// The admin's system page (/admin/system, GET /system): the operational figures of the last 24
// hours from metric_points (services/observability/metrics.ts). The answer is a list of
// sections, each a small table, so the page renders any section the same way and a new area
// (e.g. "AI models") is one more entry in SECTION_BUILDERS.

export const SYSTEM_WINDOW_HOURS = 24;

export interface SystemColumn {
  key: string;
  label: string;
  /** How the page shows it: a count, milliseconds, or text. */
  kind: "count" | "ms" | "text" | "time";
}

export interface SystemSection {
  key: string;
  title: string;
  description: string;
  columns: SystemColumn[];
  rows: Record<string, string | number | null>[];
  /** Shown when rows is empty. */
  empty: string;
}

export interface SystemStatus {
  generated_at: string;
  window: { from: string; to: string; hours: number };
  sections: SystemSection[];
}

type Builder = (ctx: { db: Db; now: Date; metrics: MetricSummary[]; models: AiModelConfig }) => Promise<SystemSection>;

const of = (metrics: MetricSummary[], name: MetricName) => metrics.filter((m) => m.name === name);

const recalculation: Builder = async ({ metrics }) => ({
  key: "recalculation",
  title: "Health recalculation",
  description: "Time to recalculate one delivered queue batch of clients (up to 10 messages of 100 clients).",
  columns: [
    { key: "batches", label: "Batches", kind: "count" },
    { key: "avg_ms", label: "Average", kind: "ms" },
    { key: "max_ms", label: "Slowest", kind: "ms" },
    { key: "last_ms", label: "Latest", kind: "ms" },
    { key: "last_at", label: "Latest at", kind: "time" },
  ],
  rows: of(metrics, "recalc_duration_ms").map((m) => ({
    batches: m.count,
    avg_ms: m.avg,
    max_ms: m.max,
    last_ms: m.last,
    last_at: m.last_at,
  })),
  empty: "No recalculation batch in the last 24 hours.",
});

const queues: Builder = async ({ metrics }) => ({
  key: "queues",
  title: "Queue lag",
  description: "How long the oldest message of each delivered batch waited in its queue.",
  columns: [
    { key: "queue", label: "Queue", kind: "text" },
    { key: "batches", label: "Batches", kind: "count" },
    { key: "avg_ms", label: "Average lag", kind: "ms" },
    { key: "max_ms", label: "Worst lag", kind: "ms" },
    { key: "last_at", label: "Latest batch", kind: "time" },
  ],
  rows: of(metrics, "queue_lag_ms").map((m) => ({
    queue: m.label,
    batches: m.count,
    avg_ms: m.avg,
    max_ms: m.max,
    last_at: m.last_at,
  })),
  empty: "No queue batch in the last 24 hours.",
});

const deadLetters: Builder = async ({ db, metrics }) => {
  const crmNow = await deadLetterCount(db);
  const seen = of(metrics, "dead_letter_depth");
  const rows = seen.map((m) => ({
    queue: m.label,
    depth: m.label === "client-success-crm-sync-dlq" ? crmNow : m.last,
    max: m.max,
    last_at: m.last_at,
  }));
  if (crmNow > 0 && !seen.some((m) => m.label === "client-success-crm-sync-dlq"))
    rows.push({ queue: "client-success-crm-sync-dlq", depth: crmNow, max: crmNow, last_at: null as unknown as string });
  return {
    key: "dead_letters",
    title: "Dead letters",
    description:
      "CRM pushes waiting for an admin to replay (CRM sync page), and alert deliveries given up on in the last 24 hours.",
    columns: [
      { key: "queue", label: "Dead-letter queue", kind: "text" },
      { key: "depth", label: "Depth now", kind: "count" },
      { key: "max", label: "Deepest (24 h)", kind: "count" },
      { key: "last_at", label: "Latest dead letter", kind: "time" },
    ],
    rows,
    empty: "Nothing dead-lettered.",
  };
};

const crmFailures: Builder = async ({ metrics }) => ({
  key: "crm_failures",
  title: "CRM failures",
  description:
    "Failed Salesforce and HubSpot calls (pushes are retried, then dead-lettered; pulls read the same window next hour).",
  columns: [
    { key: "call", label: "Provider and call", kind: "text" },
    { key: "failures", label: "Failures", kind: "count" },
    { key: "last_at", label: "Latest", kind: "time" },
  ],
  rows: of(metrics, "crm_failure").map((m) => ({ call: m.label, failures: m.sum, last_at: m.last_at })),
  empty: "No CRM call failed in the last 24 hours.",
});

// The AI section reads the call log (ai_interactions), the same figures as GET /system/ai and
// /admin/ai-health, so the fallback rate is counted in one place (the ai_fallback data points go
// to Analytics Engine for longer ranges only).
const aiModels: Builder = async ({ db, now, models }) => {
  const health = await aiFeatureHealth(db, now, models);
  return {
    key: "ai_models",
    title: "AI models",
    description:
      "Per AI feature: the configured Workers AI model, calls and fallbacks to the local narrator in the last 24 hours, the last successful call and the last error (details on AI health).",
    columns: [
      { key: "feature", label: "Feature", kind: "text" },
      { key: "model", label: "Model", kind: "text" },
      { key: "status", label: "Status", kind: "text" },
      { key: "calls", label: "Calls", kind: "count" },
      { key: "fallbacks", label: "Fallbacks", kind: "count" },
      { key: "last_success_at", label: "Last success", kind: "time" },
      { key: "last_error", label: "Last error", kind: "text" },
    ],
    rows: health.features
      .filter((f) => f.calls_24h > 0 || f.last_error || f.status === "failing")
      .map((f) => ({
        feature: f.label,
        model: f.configured_model,
        status: f.status,
        calls: f.calls_24h,
        fallbacks: f.fallbacks_24h,
        last_success_at: f.last_success?.at ?? null,
        last_error: f.model_problem ?? f.last_error?.error ?? null,
      })),
    empty: "No Workers AI call in the last 24 hours and every configured model is current.",
  };
};

/** The page's sections, in order. A new area adds its builder here. */
export const SECTION_BUILDERS: Builder[] = [recalculation, queues, deadLetters, crmFailures, aiModels];

/** ADMIN only: operational figures are not for client-facing roles. */
export async function systemStatus(
  db: Db,
  user: EthicoUserRow,
  now: Date,
  models: AiModelConfig = aiModelConfig({}),
): Promise<SystemStatus> {
  if (!can(user.role, "system.read"))
    await deny(db, user, { action: "read", resourceType: "system_status" }, "The system page is for admins");
  const from = new Date(now.getTime() - SYSTEM_WINDOW_HOURS * 3_600_000);
  const metrics = await summarizeMetrics(db, from, new Date(now.getTime() + 1));
  const sections: SystemSection[] = [];
  for (const build of SECTION_BUILDERS) sections.push(await build({ db, now, metrics, models }));
  return {
    generated_at: now.toISOString(),
    window: { from: from.toISOString(), to: now.toISOString(), hours: SYSTEM_WINDOW_HOURS },
    sections,
  };
}
