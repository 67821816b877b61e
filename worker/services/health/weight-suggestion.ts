import { can } from "#worker/core/access-policy";
import { MAX_BUCKETS } from "#worker/core/churn/churn-model";
import { renewalCases, suggestWeights } from "#worker/core/churn/weight-suggestion";
import { isoDate } from "#worker/core/dates";
import { AppError, notFound } from "#worker/core/errors";
import { HEALTH_CONFIG_INPUT, HealthConfigUpdateSchema } from "#worker/core/inputs/health-config";
import { parseInput } from "#worker/core/inputs/parse";
import type { Db } from "#worker/db/client";
import { loadChurnHistories } from "#worker/db/queries/churn-history";
import { findActiveForScope, findConfig } from "#worker/db/queries/health-configs";
import type { EthicoUserRow } from "#worker/db/queries/users";
import type { RequestContext } from "#worker/request-context";
import { recordAudit } from "#worker/services/audit";

import { requireRole, saveHealthConfigVersion } from "./config";

// Suggested health-score weights from the portfolio's churn history (US-015-020), for one
// configuration: GET shows the suggestion with its backtest against the current weights; apply
// saves it as that configuration's next version (which re-scores the portfolio).

async function suggestionFor(db: Db, id: string, now: Date) {
  const config = await findConfig(db, id);
  if (!config) throw notFound("Health-score configuration");
  const anchor = isoDate(now);
  const cases = renewalCases(await loadChurnHistories(db, anchor, MAX_BUCKETS), anchor);
  const current = {
    usage: config.usage_weight,
    adoption: config.adoption_weight,
    support: config.support_weight,
    relationship: config.relationship_weight,
    contract: config.contract_weight,
    outcome: config.outcome_weight,
  };
  return {
    config,
    suggestion: { config_id: id, config_version: config.version, ...suggestWeights(cases, current, anchor) },
  };
}

export async function suggestHealthWeights(db: Db, user: EthicoUserRow, id: string, now: Date) {
  await requireRole(db, user, "health_config.read", "view the health-score configuration");
  const { suggestion } = await suggestionFor(db, id, now);
  await recordAudit(db, {
    user,
    action: "suggest_weights",
    resourceType: "health_score_config",
    resourceId: id,
    outcome: "SUCCESS",
  });
  return suggestion;
}

/** Saves the suggestion as the configuration's next version (saveHealthConfigVersion re-scores the portfolio). */
export async function applySuggestedWeights(ctx: RequestContext, id: string) {
  const { db, user, now } = ctx;
  await requireRole(db, user, "health_config.write", "change the health-score configuration");
  const { suggestion: s } = await suggestionFor(db, id, now);
  if (!s.suggested_weights)
    throw new AppError(
      "UNPROCESSABLE",
      "No suggestion: the history needs renewals and churns with component scores before them, and a component that separates them.",
    );
  const w = s.suggested_weights;
  const row = await saveHealthConfigVersion(
    ctx,
    id,
    parseInput(
      HealthConfigUpdateSchema,
      {
        usage_weight: w.usage,
        adoption_weight: w.adoption,
        support_weight: w.support,
        relationship_weight: w.relationship,
        contract_weight: w.contract,
        outcome_weight: w.outcome,
        description:
          `Weights suggested from ${s.cases} past renewals (${s.churned} churned); backtest AUC ${s.backtest.current_auc ?? "n/a"} with the previous weights, ${s.backtest.suggested_auc ?? "n/a"} suggested.`.slice(
            0,
            500,
          ),
      },
      HEALTH_CONFIG_INPUT,
    ),
  );
  return { config: row, suggestion: s };
}

/** The portfolio-wide (default) configuration's suggestion, for the churn page; null when the role may not see configurations. */
export async function defaultConfigSuggestion(db: Db, user: EthicoUserRow, now: Date) {
  if (!can(user.role, "health_config.read")) return null;
  const active = await findActiveForScope(db, {
    is_default: true,
    applies_to_tier: null,
    applies_to_segment: null,
    applies_to_client_id: null,
  });
  return active ? suggestHealthWeights(db, user, active.id, now) : null;
}
