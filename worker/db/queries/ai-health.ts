import { sql } from "drizzle-orm";

import type { FeatureCallStats } from "#worker/core/ai/feature-health";
import type { Db } from "#worker/db/client";

// Per AI feature (ai_interactions.kind): calls that tried Workers AI in the window, how many fell
// back, and the latest success and error ever logged. A call "tried" Workers AI when it answered
// (provider workers-ai) or failed over (error set); a local-only call (no binding) tried nothing.

export async function aiCallStats(db: Db, since: string): Promise<FeatureCallStats[]> {
  const rows = await db.all<FeatureCallStats>(sql`
    SELECT k.kind AS kind,
      (SELECT count(*) FROM ai_interactions i WHERE i.kind = k.kind AND i.at >= ${since} AND (i.provider = 'workers-ai' OR i.error IS NOT NULL)) AS attempts_24h,
      (SELECT count(*) FROM ai_interactions i WHERE i.kind = k.kind AND i.at >= ${since} AND i.error IS NOT NULL) AS fallbacks_24h,
      s.at AS last_success_at, s.model AS last_success_model,
      e.at AS last_error_at, e.model AS last_error_model, e.error AS last_error
    FROM (SELECT DISTINCT kind FROM ai_interactions) k
    LEFT JOIN ai_interactions s ON s.id = (SELECT i.id FROM ai_interactions i WHERE i.kind = k.kind AND i.provider = 'workers-ai' AND i.error IS NULL ORDER BY i.at DESC LIMIT 1)
    LEFT JOIN ai_interactions e ON e.id = (SELECT i.id FROM ai_interactions i WHERE i.kind = k.kind AND i.error IS NOT NULL ORDER BY i.at DESC LIMIT 1)`);
  return rows.map((r) => ({ ...r, attempts_24h: Number(r.attempts_24h), fallbacks_24h: Number(r.fallbacks_24h) }));
}
