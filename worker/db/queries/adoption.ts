import { and, asc, eq, gte } from "drizzle-orm";

import type { Db } from "#worker/db/client";
import { clientFeatureAdoptions, featureDailyUsage } from "#worker/db/schema";

// A client's feature adoption rows (written by the recalculation) and one feature's daily use.

export async function featureAdoptionsOf(db: Db, clientId: string) {
  return db.select().from(clientFeatureAdoptions).where(eq(clientFeatureAdoptions.client_id, clientId));
}

/** One feature's adoption row and its daily uses since `from`, oldest first, in one batch. */
export async function featureAdoptionDetail(db: Db, clientId: string, featureKey: string, from: string) {
  return db.batch([
    db
      .select()
      .from(clientFeatureAdoptions)
      .where(and(eq(clientFeatureAdoptions.client_id, clientId), eq(clientFeatureAdoptions.feature_key, featureKey))),
    db
      .select({ date: featureDailyUsage.date, uses: featureDailyUsage.uses })
      .from(featureDailyUsage)
      .where(
        and(
          eq(featureDailyUsage.client_id, clientId),
          eq(featureDailyUsage.feature_key, featureKey),
          gte(featureDailyUsage.date, from),
        ),
      )
      .orderBy(asc(featureDailyUsage.date)),
  ]);
}
