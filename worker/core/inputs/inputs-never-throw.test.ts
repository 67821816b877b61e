import fc from "fast-check";
import type * as v from "valibot";
import { describe, expect, it } from "vitest";

import { parseAuditQuery } from "#worker/core/audit-query";
import { parseClientListQuery } from "#worker/core/client-list-query";
import { AppError } from "#worker/core/errors";
import { batchProblem, checkEvent } from "#worker/core/platform-events";

import { hostileQuery, hostileString, hostileValue } from "../../../test/helpers/hostile";
import * as activity from "./activity";
import * as ai from "./ai";
import * as alerts from "./alerts";
import * as analytics from "./analytics";
import * as crm from "./crm";
import * as notesContacts from "./notes-contacts";
import { parseInput } from "./parse";
import * as savedView from "./saved-view";
import * as timeline from "./timeline";
import * as webhooks from "./webhooks";

// Every input schema and query parser, fed hostile values many times over: each one either
// accepts or refuses with an AppError (a 400 naming the field), and never throws anything else.
// Anything else would reach the API as a 500. valibot keeps running a pipe's checks after an
// earlier one failed, so a check that assumes the earlier ones passed (new URL() on text v.url
// refused) throws here. The workerd fuzz (test/hostile-input.test.ts) runs a few cases per route
// through the whole Worker; this tier runs hundreds per schema, all of them in under a second.

const RUNS = 400;
type Schema = v.GenericSchema & { entries?: Record<string, unknown>; pipe?: readonly unknown[] };

const modules = { activity, ai, alerts, analytics, crm, notesContacts, savedView, timeline, webhooks };
const schemas = Object.entries(modules).flatMap(([mod, exports]) =>
  Object.entries(exports as Record<string, unknown>)
    .filter(([, x]) => typeof x === "object" && x !== null && (x as { kind?: string }).kind === "schema")
    .map(([name, x]) => [`${mod}.${name}`, x as Schema] as const),
);

/** The object's field names, looking through a pipe (a schema whose first step is the object). */
function fieldsOf(schema: Schema): string[] {
  const inner = (schema.pipe?.[0] as Schema | undefined) ?? schema;
  return Object.keys(inner.entries ?? {});
}

function refusesCleanly(run: () => unknown): true {
  try {
    run();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    expect(err.code).toBe("BAD_REQUEST");
  }
  return true;
}

it("finds the input schemas to test", () => {
  expect(schemas.length).toBeGreaterThan(25);
  expect(schemas.map(([n]) => n)).toContain("crm.HubspotConnectionSchema");
});

describe.each(schemas)("%s", (_name, schema) => {
  const fields = fieldsOf(schema);

  it("refuses any hostile value as a whole with a 400, never a throw", () => {
    fc.assert(
      fc.property(hostileValue, (body) => refusesCleanly(() => parseInput(schema, body, "input"))),
      { numRuns: RUNS },
    );
  });

  // A schema that is not an object (the HubSpot webhook's array of events) has no fields.
  if (fields.length === 0) return;
  it("refuses each field made hostile with a 400, never a throw", () => {
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.oneof(hostileValue, hostileString), (field, value) =>
        refusesCleanly(() => parseInput(schema, { [field]: value }, "input")),
      ),
      { numRuns: RUNS },
    );
  });
});

describe("webhook events (objects inside arrays)", () => {
  const hubspot = {
    eventId: 1,
    subscriptionType: "company.propertyChange",
    objectId: 2,
    occurredAt: 1_764_000_000_000,
    propertyName: "name",
    propertyValue: "Acme",
  };
  const salesforce = {
    ChangeEventHeader: {
      entityName: "Account",
      changeType: "UPDATE",
      recordIds: ["001Dn00000A1b2cAAB"],
      commitTimestamp: 1_764_000_000_000,
    },
    Name: "Acme",
  };
  it.each([
    ["HubspotEventsSchema", webhooks.HubspotEventsSchema, (e: object) => [e], hubspot],
    ["SalesforceRelaySchema", webhooks.SalesforceRelaySchema, (e: object) => ({ events: [e] }), salesforce],
  ] as const)("%s refuses an event with a hostile field with a 400, never a throw", (_n, schema, wrap, valid) => {
    expect(() => parseInput(schema, wrap(valid), "webhook")).not.toThrow(); // the base event is valid
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(valid)), hostileValue, (field, value) =>
        refusesCleanly(() => parseInput(schema, wrap({ ...valid, [field]: value }), "webhook")),
      ),
      { numRuns: RUNS },
    );
  });
});

describe("query-string parsers", () => {
  const parsers: [string, (p: URLSearchParams) => unknown][] = [
    ["parseClientListQuery", parseClientListQuery],
    ["parseAuditQuery", parseAuditQuery],
  ];
  it.each(parsers)("%s refuses hostile query strings with a 400, never a throw", (_n, parse) => {
    fc.assert(
      fc.property(hostileQuery(), (q) => refusesCleanly(() => parse(new URLSearchParams(q)))),
      { numRuns: RUNS },
    );
  });
});

describe("platform events", () => {
  const now = new Date("2026-11-25T12:00:00Z");
  it("checkEvent answers ok or a reason for any value, never a throw", () => {
    fc.assert(
      fc.property(hostileValue, (raw) => {
        const r = checkEvent(raw, now);
        expect(r.ok || typeof (r as { reason: string }).reason === "string").toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
  it("checkEvent with one field of a valid event made hostile, never a throw", () => {
    const valid = { event_type: "login", client_id: "cl_1", user_id: "u1", occurred_at: "2026-11-25T11:00:00Z" };
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(valid)), hostileValue, (field, value) => {
        const r = checkEvent({ ...valid, [field]: value }, now);
        expect(typeof r.ok).toBe("boolean");
      }),
      { numRuns: RUNS },
    );
  });
  it("batchProblem answers null or a reason for any value, never a throw", () => {
    fc.assert(
      fc.property(hostileValue, (body) =>
        [null, "string"].includes(batchProblem(body) === null ? null : typeof batchProblem(body)),
      ),
      { numRuns: RUNS },
    );
  });
});

describe("CRM base URLs (the 500 the workerd fuzz found)", () => {
  it.each(["xxxx", "https://", "http://", "https://a b", "x".repeat(100_001), "NaN", "javascript:alert(1)"])(
    "%j is a 400 naming base_url",
    (base_url) => {
      for (const schema of [crm.HubspotConnectionSchema, crm.SalesforceConnectionSchema]) {
        const err = (() => {
          try {
            parseInput(schema, { base_url }, "connection");
          } catch (e) {
            return e as AppError;
          }
        })();
        expect(err).toBeInstanceOf(AppError);
        expect(err?.details).toContainEqual(expect.objectContaining({ field: "base_url" }));
      }
    },
  );
  it("an http URL is refused unless it is a loopback address; https is taken without its trailing slash", () => {
    expect(() => parseInput(crm.HubspotConnectionSchema, { base_url: "http://api.hubapi.com" }, "connection")).toThrow(
      AppError,
    );
    expect(parseInput(crm.HubspotConnectionSchema, { base_url: "http://127.0.0.1:9999/" }, "connection").base_url).toBe(
      "http://127.0.0.1:9999",
    );
    expect(
      parseInput(crm.HubspotConnectionSchema, { base_url: " https://api.hubapi.com/ " }, "connection").base_url,
    ).toBe("https://api.hubapi.com");
  });
});
