import * as v from "valibot";

import { CRM_PROVIDERS } from "#worker/core/crm/field-mapping";
import { getDb } from "#worker/db/client";
import { deadLetterCount, keepDeadLetter } from "#worker/db/queries/crm-dead-letters";
import { CrmCallError } from "#worker/integrations/crm-http";
import { backoffSeconds } from "#worker/integrations/http-failure";
import { pushToCrm } from "#worker/services/crm/push";
import { CRM_PUSH } from "#worker/services/crm/sync";
import { log } from "#worker/services/observability/log";
import { metricSink, recordMetric } from "#worker/services/observability/metrics";

import { parseMessageOrDrop } from "./messages";

// CRM pushes from the queue. A retryable failure (429 with Retry-After, REQUEST_LIMIT_EXCEEDED,
// 5xx, network) waits and retries; after 3 retries the queue dead-letters the message and the
// dead-letter consumer keeps it in D1 for an admin to replay. A CRM that refuses the request as
// it is gets logged per client (GET /sync/status) and acknowledged: retrying cannot fix it.

const CrmPushSchema = v.strictObject({
  kind: v.literal(CRM_PUSH),
  provider: v.picklist(CRM_PROVIDERS),
  client_ids: v.pipe(v.array(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/))), v.minLength(1), v.maxLength(200)),
});

export async function consumeCrmSync(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = getDb(env.DB);
  for (const message of batch.messages) {
    const body = parseMessageOrDrop(message, CrmPushSchema, "CRM sync");
    if (!body) continue;
    try {
      await pushToCrm(env, db, body.provider, body.client_ids, new Date());
      message.ack();
    } catch (err) {
      if (err instanceof CrmCallError && !err.retryable) {
        log.warn("CRM push refused for good", { provider: body.provider, reason: err.message });
        await recordMetric(metricSink(env, db), "crm_failure", 1, `${body.provider}:push`);
        message.ack();
      } else {
        const delay =
          err instanceof CrmCallError && err.retryAfterSeconds
            ? err.retryAfterSeconds
            : backoffSeconds(message.attempts);
        if (!(err instanceof CrmCallError))
          log.error("CRM push crashed; will retry", { message_id: message.id, error: err });
        await recordMetric(metricSink(env, db), "crm_failure", 1, `${body.provider}:push`);
        message.retry({ delaySeconds: delay });
      }
    }
  }
}

/** The last stop: the message is kept whole so it can be replayed (POST /sync/dead-letters/replay). */
export async function consumeCrmDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = getDb(env.DB);
  for (const message of batch.messages) {
    await keepDeadLetter(db, {
      id: message.id,
      body: message.body as Record<string, unknown>,
      error: "Gave up after 3 retries",
      attempts: String(message.attempts),
    });
    message.ack();
  }
  // Dead-letter depth: the messages kept and not yet replayed by an admin.
  const n = await deadLetterCount(db);
  await recordMetric(metricSink(env, db), "dead_letter_depth", n, batch.queue);
}
