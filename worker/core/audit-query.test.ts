import { describe, expect, it } from "vitest";

import { AUDIT_MAX_PAGE_SIZE, parseAuditQuery } from "./audit-query";
import { AppError } from "./errors";

const parse = (q: string) => parseAuditQuery(new URLSearchParams(q));
const problem = (q: string) => {
  try {
    parse(q);
  } catch (err) {
    if (err instanceof AppError)
      return { status: err.status, params: (err.details as { param: string }[]).map((d) => d.param) };
    throw err;
  }
  throw new Error(`${q} was accepted`);
};

describe("parseAuditQuery", () => {
  it("defaults to every entry, newest page first, as JSON", () => {
    expect(parse("")).toEqual({
      user: null,
      action: null,
      resource_type: null,
      resource_id: null,
      outcome: null,
      from: null,
      to: null,
      as_of: null,
      page: 1,
      limit: 50,
      format: "json",
    });
  });

  it("treats empty fields (the form's 'any') as not set", () => {
    expect(parse("user=&outcome=&from=").user).toBeNull();
  });

  it("reads a date as a whole UTC day: from its start, to the end of the 'to' day", () => {
    expect(parse("from=2026-11-01&to=2026-11-24")).toMatchObject({
      from: "2026-11-01T00:00:00.000Z",
      to: "2026-11-25T00:00:00.000Z",
    });
    expect(parse("from=2026-11-24T09:30:00%2B02:00")).toMatchObject({ from: "2026-11-24T07:30:00.000Z" });
    expect(parse("from=2026-11-24&to=2026-11-24").to).toBe("2026-11-25T00:00:00.000Z");
  });

  it("keeps emails and ids as given", () => {
    expect(parse("user=Jane.Smith%2Bcs@ethico.test&resource_id=cl_0001&action=update&outcome=DENIED")).toMatchObject({
      user: "Jane.Smith+cs@ethico.test",
      resource_id: "cl_0001",
      action: "update",
      outcome: "DENIED",
    });
  });

  it.each([
    ["outcome=ok", "outcome"],
    ["from=2026-13-01", "from"],
    ["from=2026-02-30", "from"],
    ["to=tomorrow", "to"],
    ["from=2026-11-24&to=2026-11-01", "to"],
    ["page=0", "page"],
    ["page=-1", "page"],
    [`limit=${AUDIT_MAX_PAGE_SIZE + 1}`, "limit"],
    ["limit=1e3", "limit"],
    ["format=xml", "format"],
    ["sort=at", "sort"],
    ["user=a&user=b", "user"],
    ["action=read'--", "action"],
    ["resource_type=<script>", "resource_type"],
    [`user=${"a".repeat(255)}`, "user"],
  ])("refuses %s (param %s)", (q, param) => {
    expect(problem(q)).toEqual({ status: 400, params: expect.arrayContaining([param]) });
  });
});
