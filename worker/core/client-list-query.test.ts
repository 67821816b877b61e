import { describe, expect, it } from "vitest";

import { parseClientListQuery } from "./client-list-query";
import { AppError } from "./errors";

const parse = (q: string) => parseClientListQuery(new URLSearchParams(q));

function errorOf(q: string) {
  try {
    parse(q);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error(`expected ${q} to be refused`);
}

describe("parseClientListQuery", () => {
  it("defaults to needs-attention-first, 25 a page", () => {
    expect(parse("")).toEqual({
      health_status: [],
      contract_tier: [],
      industry: [],
      tags: [],
      csm_id: null,
      search: null,
      renewal_within_days: null,
      sort: "priority",
      order: "desc",
      page: 1,
      limit: 25,
      format: "json",
    });
  });

  it("reads comma-separated lists, trims and drops empty items", () => {
    const q = parse("health_status=AT_RISK, CRITICAL,&tags=a,b&industry=Retail,Energy");
    expect(q.health_status).toEqual(["AT_RISK", "CRITICAL"]);
    expect(q.tags).toEqual(["a", "b"]);
    expect(q.industry).toEqual(["Retail", "Energy"]);
  });

  it("picks the natural direction per sort unless told", () => {
    expect(parse("sort=arr").order).toBe("desc");
    expect(parse("sort=churn_risk").order).toBe("desc");
    expect(parse("sort=health_score").order).toBe("asc");
    expect(parse("sort=renewal_date").order).toBe("asc");
    expect(parse("sort=last_contact").order).toBe("asc");
    expect(parse("sort=arr&order=asc").order).toBe("asc");
  });

  it.each([
    ["limit=abc", "limit", "whole number"],
    ["limit=1.5", "limit", "whole number"],
    ["limit=0", "limit", "at least 1"],
    ["limit=201", "limit", "at most 200"],
    ["page=0", "page", "at least 1"],
    ["renewal_within_days=-5", "renewal_within_days", "whole number"],
    ["renewal_within_days=99999", "renewal_within_days", "at most 3650"],
    ["health_status=bad", "health_status", 'got "bad"'],
    ["contract_tier=enterprise", "contract_tier", "one of"],
    ["sort=random", "sort", "one of"],
    ["order=sideways", "order", "asc or desc"],
    ["csm_id=" + "x".repeat(65), "csm_id", "at most 64"],
    ["unknown=1", "unknown", "not a known parameter"],
    ["tags=" + Array.from({ length: 51 }, (_, i) => `t${i}`).join(","), "tags", "at most 50"],
  ])("refuses %s", (q, param, message) => {
    const err = errorOf(q);
    expect(err.status).toBe(400);
    const details = err.details as { param: string; message: string }[];
    expect(details).toContainEqual({ param, message: expect.stringContaining(message) });
  });

  it("reports every bad parameter at once, and repeated parameters", () => {
    const err = errorOf("limit=x&sort=y");
    expect((err.details as { param: string }[]).map((d) => d.param).sort()).toEqual(["limit", "sort"]);
    expect(errorOf("page=1&page=2").details).toEqual([
      { param: "page", message: expect.stringContaining("more than once") },
    ]);
  });

  it("treats empty values as not set, as a filter form sends them", () => {
    expect(parse("search=&health_status=&sort=&limit=%20")).toEqual(parse(""));
    expect(parse("tags=,,").tags).toEqual([]);
  });

  it("keeps search text as typed (escaping is the query's job)", () => {
    expect(parse("search=50%25_off%5C").search).toBe("50%_off\\");
  });
});
