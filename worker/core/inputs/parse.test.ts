import * as v from "valibot";
import { describe, expect, it } from "vitest";

import { AppError } from "#worker/core/errors";

import {
  parseInput,
  parseMessage,
  parseParam,
  parseQuery,
  queryObject,
  WHOLE_NUMBER,
  wholeNumber,
  wholeNumberText,
} from "./parse";

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    if (err instanceof AppError) return err.toBody().error;
    throw err;
  }
  throw new Error("expected a refusal");
};

describe("the one validation path", () => {
  const Body = v.strictObject(
    { name: v.string("must be a string"), auth: v.optional(v.strictObject({ token: v.string("must be a string") })) },
    "is not a known field",
  );

  it("reports every problem of a body at once, by dotted field", () => {
    expect(refusal(() => parseInput(Body, { name: 1, auth: { token: 2 }, extra: true }, "connection"))).toEqual({
      code: "BAD_REQUEST",
      message: "Invalid connection",
      details: [
        { field: "name", message: "must be a string" },
        { field: "auth.token", message: "must be a string" },
        { field: "extra", message: "is not a known field" },
      ],
    });
  });

  it("names no field when the whole input is wrong", () => {
    expect(refusal(() => parseInput(Body, "text", "connection")).details).toEqual([
      { field: null, message: expect.any(String) },
    ]);
  });

  it("reads a query string: empty means not set, a repeat is refused by param", () => {
    const Q = v.strictObject(
      { limit: v.optional(wholeNumberText({ digits: 3, min: 1, max: 200 }), "50") },
      "is not a known parameter",
    );
    expect(parseQuery(Q, "https://x.test/a?limit=")).toEqual({ limit: 50 });
    expect(parseQuery(Q, new URLSearchParams("limit=7"))).toEqual({ limit: 7 });
    expect(refusal(() => parseQuery(Q, "https://x.test/a?limit=1&limit=2"))).toEqual({
      code: "BAD_REQUEST",
      message: "Invalid query parameters",
      details: [{ param: "limit", message: "is given more than once" }],
    });
    expect(refusal(() => queryObject(new URLSearchParams("a=1&a=2"))).details).toHaveLength(1);
    expect(refusal(() => parseQuery(Q, "https://x.test/a?limt=3", "filter"))).toMatchObject({
      message: "Invalid filter",
      details: [{ field: "limt", message: "is not a known parameter" }],
    });
  });

  it("has one whole-number rule and one message, for text and for JSON", () => {
    const days = wholeNumberText({ digits: 3, min: 1, max: 120 });
    expect(v.parse(days, "30")).toBe(30);
    for (const bad of ["1.5", "-1", "1e2", "abc", "0030"])
      expect(v.safeParse(days, bad).issues?.[0].message).toBe(WHOLE_NUMBER);
    expect(v.safeParse(days, "0").issues?.map((i) => i.message)).toEqual(["must be at least 1"]);
    expect(v.safeParse(days, "121").issues?.map((i) => i.message)).toEqual(["must be at most 120"]);
    expect(
      v.safeParse(
        wholeNumberText({ digits: 4, min: 1, max: 1095, maxMessage: "must be at most 1095 (3 years)" }),
        "2000",
      ).issues?.[0].message,
    ).toBe("must be at most 1095 (3 years)");
    expect(v.safeParse(wholeNumberText({ digits: 6, min: 1 }), "999999").success).toBe(true);
    expect(v.safeParse(wholeNumber, 2.5).issues?.[0].message).toBe(WHOLE_NUMBER);
    expect(v.safeParse(wholeNumber, "3").issues?.[0].message).toBe("must be a number");
  });

  it("checks one parameter alone, with a fallback and the route's code", () => {
    const P = v.picklist(["json", "csv"], "must be json or csv");
    expect(parseParam(P, undefined, { param: "format", message: "Invalid query parameters", fallback: "json" })).toBe(
      "json",
    );
    expect(parseParam(P, "", { param: "format", message: "Invalid query parameters", fallback: "json" })).toBe("json");
    expect(refusal(() => parseParam(P, "xml", { param: "format", message: "Invalid query parameters" }))).toEqual({
      code: "BAD_REQUEST",
      message: "Invalid query parameters",
      details: [{ param: "format", message: "must be json or csv" }],
    });
    expect(
      refusal(() => parseParam(P, "", { param: "provider", message: "No such CRM connection", code: "NOT_FOUND" }))
        .code,
    ).toBe("NOT_FOUND");
  });

  it("reads a queue message without throwing", () => {
    const M = v.strictObject({ kind: v.literal("x") });
    expect(parseMessage(M, { kind: "x" })).toEqual({ ok: true, value: { kind: "x" } });
    expect(parseMessage(M, "junk")).toEqual({ ok: false, issue: expect.any(String) });
  });
});
