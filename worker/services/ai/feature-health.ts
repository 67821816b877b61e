import { can } from "#worker/core/access-policy";
import { featureHealth } from "#worker/core/ai/feature-health";
import { type AiModelConfig, aiModelConfig } from "#worker/core/ai/model-catalog";
import { AppError } from "#worker/core/errors";
import type { Db } from "#worker/db/client";
import { aiCallStats } from "#worker/db/queries/ai-health";
import type { EthicoUserRow } from "#worker/db/queries/users";
import { recordAudit } from "#worker/services/audit";

// GET /system/ai and /admin/ai-health: the health of each AI feature (admins and the VP of
// Client Success). The model ids are the configured ones (wrangler.toml vars).

/** Per feature: last successful model call, fallback rate over 24 h, last error, model check. */
export async function aiFeatureHealth(db: Db, now: Date, models: AiModelConfig = aiModelConfig({})) {
  const since = new Date(now.getTime() - 24 * 3600 * 1000).toISOString();
  const features = featureHealth(await aiCallStats(db, since), models);
  return { as_of: now.toISOString(), window_hours: 24, models, features };
}

export async function aiFeatureHealthFor(
  db: Db,
  user: EthicoUserRow,
  env: { AI_TEXT_MODEL?: string; AI_CHAT_MODEL?: string; AI?: unknown },
  now: Date,
) {
  if (!can(user.role, "ai_health.read")) {
    await recordAudit(db, { user, action: "read", resourceType: "system.ai", outcome: "DENIED", statusCode: 403 });
    throw new AppError("FORBIDDEN", "Only an admin or the VP of Client Success can see AI health");
  }
  const health = await aiFeatureHealth(db, now, aiModelConfig(env));
  await recordAudit(db, { user, action: "read", resourceType: "system.ai", outcome: "SUCCESS" });
  return { ...health, workers_ai_bound: Boolean(env.AI) };
}
