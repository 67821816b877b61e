import { sql } from "drizzle-orm";
import { ARR_AT_RISK_STATUSES } from "../core/metrics/contact-and-risk";

// The core metric definitions as SQL, for queries that aggregate many clients in D1: built from
// the same constants, so a summary card and a per-client figure cannot drift apart.

/** `('AT_RISK', 'CRITICAL')`: the health statuses whose ARR is "at risk". */
export const AT_RISK_STATUSES_SQL = sql.raw(`(${ARR_AT_RISK_STATUSES.map((s) => `'${s}'`).join(", ")})`);
