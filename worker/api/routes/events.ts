import { Hono } from "hono";

import { jsonBody } from "#worker/api/body";
import { AppError } from "#worker/core/errors";
import { parseEventBatch } from "#worker/core/inputs/events";
import { getDb } from "#worker/db/client";
import { ingestEvents, isValidIngestToken } from "#worker/services/ingestion";
import { enforceRateLimit } from "#worker/services/rate-limits";

// Platform → dashboard usage events. Authenticated by the platform's service token, not a user:
// this router is mounted before the user-identity middleware.

/** A full batch of 1,000 events fits with room to spare. */
const MAX_BODY_BYTES = 1_048_576;

export const eventRoutes = new Hono<{ Bindings: Env }>().post("/", async (c) => {
  const token = c.req.header("authorization")?.match(/^Bearer (.+)$/)?.[1] ?? null;
  if (!(await isValidIngestToken(token, c.env.INGEST_TOKEN)))
    throw new AppError("UNAUTHENTICATED", "A valid platform service token is required");
  // One platform token: its batches are counted together.
  await enforceRateLimit(c.env, "ingest", "platform");
  const batch = parseEventBatch(await jsonBody(c.req.raw, MAX_BODY_BYTES), new Date());
  return c.json(await ingestEvents(getDb(c.env.DB), c.env.EVENTS_QUEUE, batch), 202);
});
