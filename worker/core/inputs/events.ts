import { AppError } from "#worker/core/errors";
import { batchProblem, checkEvent, type PlatformEvent } from "#worker/core/platform-events";

// POST /events: the batch as a whole must be { events: [...] } (a 400 otherwise); each event is
// then checked on its own, and a bad one is reported by index without refusing the others.

export interface CheckedEventBatch {
  valid: { index: number; event: PlatformEvent }[];
  rejected: { index: number; reason: string }[];
}

export function parseEventBatch(body: unknown, now: Date): CheckedEventBatch {
  const problem = batchProblem(body);
  if (problem) throw new AppError("BAD_REQUEST", "Body is not an event batch", [{ field: "events", message: problem }]);
  const rejected: CheckedEventBatch["rejected"] = [];
  const valid = (body as { events: unknown[] }).events.flatMap((e, index) => {
    const check = checkEvent(e, now);
    if (check.ok) return [{ index, event: check.event }];
    rejected.push({ index, reason: check.reason });
    return [];
  });
  return { valid, rejected };
}
