import * as v from "valibot";

// Webhook bodies, checked after their signature. HubSpot sends an array of events
// (v3 webhooks: eventId, subscriptionType, objectId, propertyName/propertyValue for property
// changes, occurredAt in epoch ms). Our Salesforce relay forwards Change Data Capture events
// (ChangeEventHeader + the changed fields) as { "events": [...] }.

export const HubspotEventsSchema = v.pipe(
  v.array(
    v.looseObject({
      eventId: v.number(),
      subscriptionType: v.pipe(v.string(), v.maxLength(100)),
      objectId: v.number(),
      occurredAt: v.number(),
      propertyName: v.optional(v.pipe(v.string(), v.maxLength(200))),
      propertyValue: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(5000)))),
    }),
    "must be an array of events",
  ),
  v.minLength(1, "must hold at least one event"),
  v.maxLength(1000, "at most 1000 events"),
);

export const SalesforceRelaySchema = v.strictObject(
  {
    events: v.pipe(
      v.array(
        v.looseObject({
          ChangeEventHeader: v.looseObject({
            entityName: v.pipe(v.string(), v.maxLength(100)),
            recordIds: v.pipe(
              v.array(v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{15,18}$/, "must be Salesforce ids"))),
              v.minLength(1),
            ),
            changeType: v.string(),
            commitTimestamp: v.number(),
            changedFields: v.optional(v.array(v.string())),
          }),
        }),
      ),
      v.minLength(1, "must hold at least one event"),
      v.maxLength(1000, "at most 1000 events"),
    ),
  },
  "is not a known field",
);
