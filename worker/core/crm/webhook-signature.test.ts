import { describe, expect, it } from "vitest";

import {
  constantTimeEqual,
  hubspotV3Signature,
  relaySignature,
  verifyHubspotV3,
  verifyRelay,
} from "./webhook-signature";

// The v3 vectors of ../shared/reference/hubspot/webhook-signature/test-vectors.json (derived there
// by the documented algorithm; HubSpot publishes none for v3), copied so the test stands alone.
const vectors = {
  derived_v3_vectors: [
    {
      method: "POST",
      uri: "https://www.example.com/webhook_uri",
      body: '{"example_field":"example_value"}',
      timestamp: "1564113600000",
      clientSecret: "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy",
      "expected_X-HubSpot-Signature-v3": "eT0ip2TKVpsIi1vb5C2Uu42eNdHL+oTE3NRZOF67O2U=",
    },
    {
      method: "POST",
      uri: "https://www.example.com/webhook_uri",
      body: '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]',
      timestamp: "1564113600000",
      clientSecret: "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy",
      "expected_X-HubSpot-Signature-v3": "DxmVAjFNa2xfF3YgQjdZP6TNcok9k1oaH7UXombPtvw=",
    },
    {
      method: "GET",
      uri: "https://www.example.com/webhook_uri",
      body: "",
      timestamp: "1564113600000",
      clientSecret: "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy",
      "expected_X-HubSpot-Signature-v3": "Gkm1X/9XKW8USz3+Zmf3yrn0IrT/aQ596p5Jt9o7xsY=",
    },
  ],
};

describe("HubSpot v3 signatures", () => {
  it.each(vectors.derived_v3_vectors.map((v, i) => [i, v] as const))("matches reference vector %i", async (_i, v) => {
    expect(await hubspotV3Signature(v.clientSecret, v.method, v.uri, v.body, v.timestamp)).toBe(
      v["expected_X-HubSpot-Signature-v3"],
    );
  });
  it("accepts a fresh valid request, and refuses tampered, stale, future and unsigned ones", async () => {
    const v = vectors.derived_v3_vectors[0];
    const now = Number(v.timestamp) + 60_000;
    const req = {
      method: v.method,
      uri: v.uri,
      body: v.body,
      signature: v["expected_X-HubSpot-Signature-v3"],
      timestamp: v.timestamp,
    };
    expect(await verifyHubspotV3(v.clientSecret, req, now)).toEqual({ ok: true });
    expect(await verifyHubspotV3(v.clientSecret, { ...req, body: v.body.replace("value", "valuE") }, now)).toEqual({
      ok: false,
      reason: "the signature does not match",
    });
    expect(await verifyHubspotV3("other-secret", req, now)).toEqual({
      ok: false,
      reason: "the signature does not match",
    });
    expect(await verifyHubspotV3(v.clientSecret, req, Number(v.timestamp) + 300_001)).toEqual({
      ok: false,
      reason: "the request is older than 5 minutes",
    });
    expect(await verifyHubspotV3(v.clientSecret, req, Number(v.timestamp) - 300_001)).toEqual({
      ok: false,
      reason: "the timestamp is in the future",
    });
    expect(await verifyHubspotV3(v.clientSecret, { ...req, signature: null }, now)).toEqual({
      ok: false,
      reason: "X-HubSpot-Signature-v3 is missing",
    });
    expect(await verifyHubspotV3(v.clientSecret, { ...req, timestamp: null }, now)).toEqual({
      ok: false,
      reason: "the timestamp header is missing",
    });
  });
  it("decodes the documented characters of the URI before signing", async () => {
    expect(await hubspotV3Signature("s", "POST", "https://x.test/h%3Aa%2Fb%40c", "", "1")).toBe(
      await hubspotV3Signature("s", "POST", "https://x.test/h:a/b@c", "", "1"),
    );
  });
});

describe("relay signatures (Salesforce)", () => {
  it("signs timestamp.body and checks freshness the same way", async () => {
    const ts = "1764000000000";
    const sig = await relaySignature("relay-secret", ts, '{"events":[]}');
    expect(
      await verifyRelay("relay-secret", { body: '{"events":[]}', signature: sig, timestamp: ts }, Number(ts)),
    ).toEqual({ ok: true });
    expect(
      await verifyRelay("relay-secret", { body: '{"events":[1]}', signature: sig, timestamp: ts }, Number(ts)),
    ).toEqual({ ok: false, reason: "the signature does not match" });
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "abc")).toBe(true);
  });
});
