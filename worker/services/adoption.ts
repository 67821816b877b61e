import { addDays, isoDate } from "#worker/core/dates";
import type { Module } from "#worker/core/enums";
import { AppError, notFound } from "#worker/core/errors";
import { FEATURE_CATALOG, isActivelyUsed, MODULE_NAMES } from "#worker/core/feature-catalog";
import { modulesUsed } from "#worker/core/metrics/modules-used";
import type { Db } from "#worker/db/client";
import { featureAdoptionDetail, featureAdoptionsOf } from "#worker/db/queries/adoption";
import type { EthicoUserRow } from "#worker/db/queries/users";

import { clientForRead } from "./usage";

// The feature adoption matrix (PRD F5, US-015-011) and one feature's detail.

export async function getAdoption(db: Db, user: EthicoUserRow, clientId: string, module: string | undefined) {
  if (module !== undefined && !(module in MODULE_NAMES)) {
    throw new AppError("BAD_REQUEST", "Invalid query parameters", [
      { param: "module", message: `must be one of ${Object.keys(MODULE_NAMES).join(", ")}` },
    ]);
  }
  const client = await clientForRead(db, user, clientId, "client_adoption");
  const rows = await featureAdoptionsOf(db, client.id);
  const order = new Map(FEATURE_CATALOG.map((f, i) => [f.key, i]));
  const all = rows.sort((a, b) => (order.get(a.feature_key) ?? 99) - (order.get(b.feature_key) ?? 99));
  const licensed = all.filter((r) => r.is_licensed);
  const used = licensed.filter((r) => isActivelyUsed(r.adoption_status));
  const shown = module ? all.filter((r) => r.module === module) : all;
  return {
    client_id: client.id,
    adoption_score: licensed.length ? Math.round((used.length / licensed.length) * 100) : null,
    licensed_features_used: used.length,
    licensed_features: licensed.length,
    // The same count as the Usage tab's feature breadth (core/metrics/modules-used).
    modules_in_use: modulesUsed(all),
    // Licensed but idle features are where a CSM can help now; unlicensed modules are expansion.
    underused_licensed: licensed
      .filter((r) => !isActivelyUsed(r.adoption_status))
      .map((r) => ({ feature_key: r.feature_key, feature_name: r.feature_name, adoption_status: r.adoption_status })),
    expansion_opportunities: [...new Set(all.filter((r) => !r.is_licensed).map((r) => r.module))].map((m) => ({
      module: m,
      module_name: MODULE_NAMES[m as Module],
    })),
    modules: [...new Set(shown.map((r) => r.module))].map((m) => ({
      module: m,
      module_name: MODULE_NAMES[m as Module],
      features: shown
        .filter((r) => r.module === m)
        .map((r) => ({
          feature_key: r.feature_key,
          feature_name: r.feature_name,
          adoption_status: r.adoption_status,
          usage_30_days: r.usage_30_days,
          usage_trend: r.usage_trend,
          expected_usage: r.expected_usage,
          adoption_percentile: r.adoption_percentile,
          last_used_at: r.last_used_at,
          is_licensed: r.is_licensed,
          is_configured: r.is_configured,
        })),
    })),
  };
}

export async function getAdoptionFeature(db: Db, user: EthicoUserRow, clientId: string, featureKey: string, now: Date) {
  const def = FEATURE_CATALOG.find((f) => f.key === featureKey);
  if (!def) throw notFound("Feature");
  const client = await clientForRead(db, user, clientId, "client_adoption");
  const from = addDays(isoDate(now), -59);
  const [row, daily] = await featureAdoptionDetail(db, client.id, featureKey, from);
  if (!row[0]) throw notFound("Feature");
  return {
    ...row[0],
    module_name: MODULE_NAMES[def.module],
    metric: def.metric,
    expected_per_30_days_base: def.expectedPer30Days,
    daily_usage_60d: daily,
  };
}
