import { can, clientScopeFor } from "#worker/core/access-policy";
import { MAX_BUCKETS } from "#worker/core/churn/churn-model";
import { renewalCases, suggestWeights } from "#worker/core/churn/weight-suggestion";
import { parseClientListQuery } from "#worker/core/client-list-query";
import { isoDate } from "#worker/core/dates";
import { AppError, notFound } from "#worker/core/errors";
import { BUILT_IN_CONFIG, resolveHealthConfig, validateConfig } from "#worker/core/health/config";
import {
  type ConfigScope,
  DRAFT_FIELDS,
  type Formula,
  formulaDiff,
  formulaOf,
  parseScopeKey,
  previewDraft,
  sameScope,
  scopeColumns,
  scopeKey,
  scopeOfRow,
  weightSumProblem,
} from "#worker/core/health/config-draft";
import {
  HEALTH_CONFIG_INPUT,
  HealthConfigCreateSchema,
  HealthConfigUpdateSchema,
} from "#worker/core/inputs/health-config";
import { parseInput, WHOLE_NUMBER } from "#worker/core/inputs/parse";
import type { Db } from "#worker/db/client";
import { loadChurnHistories } from "#worker/db/queries/churn-history";
import { listConditions } from "#worker/db/queries/clients";
import { previewInputs, scopeChoices } from "#worker/db/queries/health-config-preview";
import { findConfig, type HealthConfigRecord, listConfigs } from "#worker/db/queries/health-configs";
import type { EthicoUserRow } from "#worker/db/queries/users";
import type { RequestContext } from "#worker/request-context";
import { recordAudit } from "#worker/services/audit";
import { deny } from "#worker/services/client-access";

import { createHealthConfig, saveHealthConfigVersion } from "./config";

// The health-score configuration page (US-015-020) for the VP of Client Success and admins:
// every scope's formula, a draft previewed on the portfolio (who would change band) with its
// churn backtest beside the suggested weights, saving as a new version, history with diffs, and
// revert. Saving and reverting go through the same services as the API (validation, audit).

const FIELDS = DRAFT_FIELDS;
type Field = (typeof FIELDS)[number];
export type DraftNumbers = Record<Field, number>;

async function gate(db: Db, user: EthicoUserRow, action: string) {
  if (!can(user.role, "health_config.write")) {
    await deny(
      db,
      user,
      { action, resourceType: "health_score_config" },
      "Only the VP of Client Success or an admin can configure the health score",
    );
  }
}

function numbersOf(f: Formula): DraftNumbers {
  return {
    usage_weight: f.weights.usage,
    adoption_weight: f.weights.adoption,
    support_weight: f.weights.support,
    relationship_weight: f.weights.relationship,
    contract_weight: f.weights.contract,
    outcome_weight: f.weights.outcome,
    healthy_threshold: f.thresholds.healthy,
    monitor_threshold: f.thresholds.monitor,
    at_risk_threshold: f.thresholds.atRisk,
  };
}

function formulaFromNumbers(n: DraftNumbers): Formula {
  return formulaOf(n);
}

/** The draft in the URL or form over a base formula: a missing field keeps the base; a non-number is NaN (reported). */
export function readDraft(params: URLSearchParams | FormData, base: Formula): DraftNumbers {
  const out = numbersOf(base);
  for (const f of FIELDS) {
    const raw = params.get(f);
    if (raw === null) continue;
    const s = String(raw).trim();
    out[f] = s === "" ? Number.NaN : Number(s);
  }
  return out;
}

export function scopeLabel(s: ConfigScope, clientName?: string): string {
  if (s.kind === "default") return "Default (all clients)";
  if (s.kind === "tier") return `${s.tier.charAt(0)}${s.tier.slice(1).toLowerCase()} tier`;
  if (s.kind === "segment") return `${s.segment} segment`;
  return `Client: ${clientName ?? s.clientId}`;
}

function parseScope(key: string | null): ConfigScope {
  const s = parseScopeKey(key);
  if (!s)
    throw new AppError("BAD_REQUEST", "Unknown scope", [
      { param: "scope", message: "must be default, tier:<TIER>, segment:<name> or client:<id>" },
    ]);
  return s;
}

async function context(db: Db, user: EthicoUserRow, scopeParam: string | null, now: Date) {
  const scope = parseScope(scopeParam);
  const where = listConditions(clientScopeFor(user), parseClientListQuery(new URLSearchParams()), isoDate(now));
  const [configs, clients] = await Promise.all([listConfigs(db), previewInputs(db, where)]);
  const rows = configs;
  const active = rows.find((c) => c.is_active && scopeKey(scopeOfRow(c)) === scopeKey(scope)) ?? null;
  // A scope without its own configuration starts from what governs it today: for a tier or
  // segment the default, for a client whatever resolves for that client.
  const client = scope.kind === "client" ? clients.find((c) => c.id === scope.clientId) : undefined;
  if (scope.kind === "client" && !client) throw notFound("Client");
  const inherited = active
    ? null
    : scope.kind === "client"
      ? resolveHealthConfig(rows, { id: client!.id, contract_tier: client!.contract_tier, segment: client!.segment })
      : resolveHealthConfig(
          rows.filter((c) => c.is_default),
          { id: "", contract_tier: "STARTER", segment: null },
        );
  const base: Formula = active
    ? formulaOf(active)
    : { weights: (inherited ?? BUILT_IN_CONFIG).weights, thresholds: (inherited ?? BUILT_IN_CONFIG).thresholds };
  return { scope, configs: rows, clients, active, base, where, clientName: client?.name };
}

/** The preview of a draft: problems (sum, thresholds), the portfolio's bands, and the draft's churn backtest. */
async function previewFor(
  db: Db,
  user: EthicoUserRow,
  ctx: Awaited<ReturnType<typeof context>>,
  draft: DraftNumbers,
  now: Date,
) {
  const formula = formulaFromNumbers(draft);
  const sumProblem = weightSumProblem(formula.weights);
  const problems = validateConfig(formula.weights, formula.thresholds);
  const anchor = isoDate(now);
  const cases = renewalCases(await loadChurnHistories(db, anchor, MAX_BUCKETS), anchor);
  const valid = problems.length === 0;
  const suggestion = suggestWeights(cases, valid ? formula.weights : ctx.base.weights, anchor);
  const preview = valid ? previewDraft(ctx.clients, ctx.configs, ctx.scope, formula) : null;
  await recordAudit(db, {
    user,
    action: "simulate",
    resourceType: "health_score_config",
    resourceId: ctx.active?.id ?? null,
    outcome: "SUCCESS",
    details: { scope: scopeKey(ctx.scope), clients: ctx.clients.length },
  });
  return {
    valid,
    sum_problem: sumProblem,
    problems,
    preview: preview && { ...preview, changes: preview.changes.slice(0, 100) },
    backtest: {
      cases: suggestion.cases,
      churned: suggestion.churned,
      cutoff: suggestion.backtest.cutoff,
      test_cases: suggestion.backtest.test_cases,
      test_churns: suggestion.backtest.test_churns,
      draft_auc: valid ? suggestion.backtest.current_auc : null,
      suggested_auc: suggestion.backtest.suggested_auc,
      suggested_weights: suggestion.suggested_weights,
      effect_per_point: suggestion.effect_per_point,
    },
  };
}

export async function healthConfigPreview(db: Db, user: EthicoUserRow, params: URLSearchParams, now: Date) {
  await gate(db, user, "simulate health-score configurations");
  const ctx = await context(db, user, params.get("scope"), now);
  return previewFor(db, user, ctx, readDraft(params, ctx.base), now);
}

export async function healthConfigWorkspace(db: Db, user: EthicoUserRow, params: URLSearchParams, now: Date) {
  await gate(db, user, "view the health-score configuration");
  const ctx = await context(db, user, params.get("scope"), now);
  const draft = readDraft(params, ctx.base);
  const [preview, choices] = await Promise.all([previewFor(db, user, ctx, draft, now), scopeChoices(db, ctx.where)]);
  const names = new Map(ctx.clients.map((c) => [c.id, c.name]));
  const scopes = ctx.configs
    .filter((c) => c.is_active)
    .map((c) => ({
      key: scopeKey(scopeOfRow(c)),
      label: scopeLabel(scopeOfRow(c), names.get(c.applies_to_client_id ?? "")),
      version: c.version,
      id: c.id,
    }))
    .sort((a, b) => (a.key === "default" ? -1 : b.key === "default" ? 1 : a.label.localeCompare(b.label)));
  const versions = ctx.configs
    .filter((c) => sameScope(c, scopeColumns(ctx.scope)))
    .sort((a, b) => b.version - a.version);
  const history = versions.map((v) => {
    const previous =
      versions.find((p) => p.id === v.previous_version_id) ?? versions.find((p) => p.version === v.version - 1) ?? null;
    return {
      id: v.id,
      version: v.version,
      name: v.name,
      description: v.description,
      is_active: v.is_active,
      created_at: v.created_at,
      created_by_id: v.created_by_id,
      formula: formulaOf(v),
      changes: previous ? formulaDiff(formulaOf(previous), formulaOf(v)) : null,
      // What reverting to this version would change against the active one.
      revert_changes: ctx.active && !v.is_active ? formulaDiff(formulaOf(ctx.active), formulaOf(v)) : [],
    };
  });
  const authors = await db.query.ethicoUsers.findMany({ columns: { id: true, first_name: true, last_name: true } });
  const authorName = new Map(authors.map((a) => [a.id, `${a.first_name} ${a.last_name}`]));
  return {
    scope: { key: scopeKey(ctx.scope), kind: ctx.scope.kind, label: scopeLabel(ctx.scope, ctx.clientName) },
    active: ctx.active && {
      id: ctx.active.id,
      version: ctx.active.version,
      name: ctx.active.name,
      description: ctx.active.description,
      created_at: ctx.active.created_at,
    },
    current: numbersOf(ctx.base),
    draft,
    scopes,
    choices,
    history: history.map((h) => ({ ...h, author: authorName.get(h.created_by_id) ?? h.created_by_id })),
    ...preview,
  };
}

/** Save the draft as the scope's next version (or its first). A stale base is the services' 409. */
export async function saveHealthConfigDraft(ctx: RequestContext, form: FormData) {
  const { db, user } = ctx;
  await gate(db, user, "change the health-score configuration");
  const scope = parseScope(String(form.get("scope") ?? "default"));
  const baseId = String(form.get("base_id") ?? "");
  const numbers = Object.fromEntries(FIELDS.map((f) => [f, Number(String(form.get(f) ?? "").trim() || Number.NaN)]));
  for (const f of FIELDS)
    if (!Number.isFinite(numbers[f]))
      throw new AppError("UNPROCESSABLE", "The formula is not valid", [{ field: f, message: WHOLE_NUMBER }]);
  const description = String(form.get("description") ?? "").trim() || null;
  if (baseId) {
    const base = await findConfig(db, baseId);
    if (!base) throw notFound("Health-score configuration");
    if (!sameScope(base, scopeColumns(scope)))
      throw new AppError("BAD_REQUEST", "The configuration is not the one of this scope");
    return saveHealthConfigVersion(
      ctx,
      baseId,
      parseInput(HealthConfigUpdateSchema, { ...numbers, description }, HEALTH_CONFIG_INPUT),
    );
  }
  const name = String(form.get("name") ?? "").trim() || scopeLabel(scope);
  const cols = scopeColumns(scope);
  return createHealthConfig(
    ctx,
    parseInput(
      HealthConfigCreateSchema,
      {
        name,
        description,
        ...(cols.is_default ? { is_default: true } : {}),
        ...(cols.applies_to_tier ? { applies_to_tier: cols.applies_to_tier } : {}),
        ...(cols.applies_to_segment ? { applies_to_segment: cols.applies_to_segment } : {}),
        ...(cols.applies_to_client_id ? { applies_to_client_id: cols.applies_to_client_id } : {}),
        ...numbers,
      },
      HEALTH_CONFIG_INPUT,
    ),
  );
}

/** One click: the scope's next version takes an earlier version's formula. */
export async function revertHealthConfig(
  ctx: RequestContext,
  versionId: string,
  activeId: string,
): Promise<HealthConfigRecord> {
  const { db, user } = ctx;
  await gate(db, user, "change the health-score configuration");
  const [target, active] = await Promise.all([findConfig(db, versionId), findConfig(db, activeId)]);
  if (!target || !active) throw notFound("Health-score configuration");
  if (!sameScope(target, active)) throw new AppError("BAD_REQUEST", "That version belongs to another scope");
  const n = numbersOf(formulaOf(target));
  return saveHealthConfigVersion(
    ctx,
    activeId,
    parseInput(
      HealthConfigUpdateSchema,
      { ...n, description: `Reverted to version ${target.version}.` },
      HEALTH_CONFIG_INPUT,
    ),
  );
}
