import { can, clientScopeFor } from "#worker/core/access-policy";
import { parseClientListQuery } from "#worker/core/client-list-query";
import { isoDate } from "#worker/core/dates";
import { AppError, notFound } from "#worker/core/errors";
import { validateConfig } from "#worker/core/health/config";
import { simulatePortfolio } from "#worker/core/health/simulation";
import {
  type HealthConfigCreateInput,
  type HealthConfigSimulateInput,
  type HealthConfigUpdateInput,
  type HealthFormulaFields,
} from "#worker/core/inputs/health-config";
import type { HealthWeights } from "#worker/core/types";
import type { Db } from "#worker/db/client";
import { listConditions } from "#worker/db/queries/clients";
import {
  findActiveForScope,
  findConfig,
  type HealthConfigRecord,
  insertVersion,
  latestComponents,
  listConfigs,
} from "#worker/db/queries/health-configs";
import type { EthicoUserRow } from "#worker/db/queries/users";
import type { RequestContext } from "#worker/request-context";
import { recordAudit } from "#worker/services/audit";
import { deny } from "#worker/services/client-access";

import { rescorePortfolio } from "./recalculation-queue";

// Health-score configuration (US-015-020). Versions are immutable: saving adds a row that points
// at the one it replaces and retires it. Precedence is in core/health/config.ts.

export async function requireRole(
  db: Db,
  user: EthicoUserRow,
  permission: "health_config.read" | "health_config.write",
  what: string,
) {
  if (!can(user.role, permission))
    await deny(db, user, { action: what, resourceType: "health_score_config" }, `Your role may not ${what}`);
}

type Numbers = Partial<Record<keyof typeof HealthFormulaFields, number>>;

/** Proposed values over a base config; 422 when the result is not a valid formula. */
function mergeFormula(base: HealthConfigRecord | null, p: Numbers) {
  const pick = (k: keyof Numbers, fallback: number) => p[k] ?? (base ? (base[k] as number) : fallback);
  const weights: HealthWeights = {
    usage: pick("usage_weight", 25),
    adoption: pick("adoption_weight", 20),
    support: pick("support_weight", 15),
    relationship: pick("relationship_weight", 15),
    contract: pick("contract_weight", 15),
    outcome: pick("outcome_weight", 10),
  };
  const thresholds = {
    healthy: pick("healthy_threshold", 80),
    monitor: pick("monitor_threshold", 60),
    atRisk: pick("at_risk_threshold", 40),
  };
  const problems = validateConfig(weights, thresholds);
  if (problems.length)
    throw new AppError(
      "UNPROCESSABLE",
      "The formula is not valid",
      problems.map((message) => ({ message })),
    );
  return { weights, thresholds };
}

function toRow(f: ReturnType<typeof mergeFormula>) {
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

export async function listHealthConfigs(db: Db, user: EthicoUserRow) {
  await requireRole(db, user, "health_config.read", "view the health-score configuration");
  await recordAudit(db, { user, action: "list", resourceType: "health_score_config", outcome: "SUCCESS" });
  return { data: await listConfigs(db) };
}

/** A scope's first formula; the portfolio is re-scored with it. */
export async function createHealthConfig(ctx: RequestContext, b: HealthConfigCreateInput) {
  const { db, user, now } = ctx;
  await requireRole(db, user, "health_config.write", "change the health-score configuration");
  const scopes = [
    b.is_default ? "default" : null,
    b.applies_to_tier,
    b.applies_to_segment,
    b.applies_to_client_id,
  ].filter(Boolean);
  if (scopes.length !== 1)
    throw new AppError(
      "UNPROCESSABLE",
      "Give exactly one scope: is_default, applies_to_tier, applies_to_segment or applies_to_client_id",
    );
  const scope = {
    is_default: b.is_default ?? false,
    applies_to_tier: b.applies_to_tier ?? null,
    applies_to_segment: b.applies_to_segment ?? null,
    applies_to_client_id: b.applies_to_client_id ?? null,
  };
  if (
    scope.applies_to_client_id &&
    !(await db.query.clients.findFirst({ where: (c, { eq }) => eq(c.id, scope.applies_to_client_id!) }))
  ) {
    throw new AppError("UNPROCESSABLE", `No client ${scope.applies_to_client_id}`);
  }
  const existing = await findActiveForScope(db, scope);
  if (existing)
    throw new AppError(
      "CONFLICT",
      "This scope already has an active configuration; save a new version of it with PUT",
      { id: existing.id },
    );
  const formula = mergeFormula(null, b);
  const stamp = now.toISOString();
  const row = {
    id: crypto.randomUUID(),
    name: b.name,
    description: b.description ?? null,
    ...scope,
    ...toRow(formula),
    is_active: true,
    version: 1,
    previous_version_id: null,
    created_at: stamp,
    updated_at: stamp,
    created_by_id: user.id,
  };
  // The unique index on active scopes decides between parallel creates: the loser is a 409.
  if (!(await insertVersion(db, row, null))) {
    const winner = await findActiveForScope(db, scope);
    throw new AppError(
      "CONFLICT",
      "This scope already has an active configuration; save a new version of it with PUT",
      { id: winner?.id ?? null },
    );
  }
  await recordAudit(db, {
    user,
    action: "create",
    resourceType: "health_score_config",
    resourceId: row.id,
    outcome: "SUCCESS",
    details: { weights: formula.weights },
  });
  rescorePortfolio(ctx);
  return row;
}

/** A formula's next version (an edit, applied suggested weights, a revert); the portfolio is re-scored with it. */
export async function saveHealthConfigVersion(ctx: RequestContext, id: string, b: HealthConfigUpdateInput) {
  const { db, user, now } = ctx;
  await requireRole(db, user, "health_config.write", "change the health-score configuration");
  const base = await findConfig(db, id);
  if (!base) throw notFound("Health-score configuration");
  if (!base.is_active) throw new AppError("CONFLICT", "Only the active version can be superseded", { id: base.id });
  const formula = mergeFormula(base, b);
  const stamp = now.toISOString();
  const { id: _old, ...inherited } = base;
  const row = {
    ...inherited,
    ...toRow(formula),
    id: crypto.randomUUID(),
    name: b.name ?? base.name,
    description: b.description === undefined ? base.description : b.description,
    version: base.version + 1,
    previous_version_id: base.id,
    is_active: true,
    created_at: stamp,
    updated_at: stamp,
    created_by_id: user.id,
  };
  // Retiring the base must change exactly one row: a parallel save that got there first wins.
  if (!(await insertVersion(db, row, base.id))) {
    const current = await findActiveForScope(db, base);
    throw new AppError(
      "CONFLICT",
      "This version was superseded while you were saving; reload and save on top of the current version",
      { id: base.id, current_id: current?.id ?? null },
    );
  }
  await recordAudit(db, {
    user,
    action: "new_version",
    resourceType: "health_score_config",
    resourceId: row.id,
    outcome: "SUCCESS",
    details: { previous_version_id: base.id, weights: formula.weights },
  });
  rescorePortfolio(ctx);
  return row;
}

export async function simulateHealthConfig(
  db: Db,
  user: EthicoUserRow,
  id: string,
  b: HealthConfigSimulateInput,
  now: Date,
) {
  await requireRole(db, user, "health_config.read", "simulate health-score configurations");
  const base = await findConfig(db, id);
  if (!base) throw notFound("Health-score configuration");
  const formula = mergeFormula(base, b);
  const query = parseClientListQuery(new URLSearchParams(b.filter ?? {}));
  const rows = await latestComponents(db, listConditions(clientScopeFor(user), query, isoDate(now)));
  const result = simulatePortfolio(
    rows.map((r) => ({
      id: r.id,
      name: r.name,
      current_score: r.current_score,
      current_status: r.current_status,
      components: {
        usage: r.usage,
        adoption: r.adoption,
        support: r.support,
        relationship: r.relationship,
        contract: r.contract,
        outcome: r.outcome,
      },
    })),
    formula.weights,
    formula.thresholds,
  );
  await recordAudit(db, {
    user,
    action: "simulate",
    resourceType: "health_score_config",
    resourceId: id,
    outcome: "SUCCESS",
    details: { clients: rows.length },
  });
  return { config_id: id, weights: formula.weights, thresholds: formula.thresholds, ...result };
}
