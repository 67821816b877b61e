import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";

import { asUser, JANE, JOHN, json, VP } from "./helpers";

const post = (email: string, body: unknown) => asUser(email, "/views", json("POST", body));
const count = async () => (await env.DB.prepare("SELECT count(*) AS n FROM saved_views").first<{ n: number }>())!.n;

describe("saved views", () => {
  it("saves, lists and deletes a user's own views; others cannot see or delete them", async () => {
    const res = await post(JANE, {
      name: "Enterprise renewals",
      query: { contract_tier: "ENTERPRISE", renewal_within_days: "90", page: "3", search: "" },
    });
    expect(res.status).toBe(201);
    const view = await res.json<{ id: string; query: Record<string, string> }>();
    expect(view.query).toEqual({ contract_tier: "ENTERPRISE", renewal_within_days: "90" });
    expect((await (await asUser(JANE, "/views")).json<{ data: unknown[] }>()).data).toHaveLength(1);
    expect((await (await asUser(JOHN, "/views")).json<{ data: unknown[] }>()).data).toHaveLength(0);
    expect((await asUser(JOHN, `/views/${view.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await post(JANE, { name: "enterprise RENEWALS", query: {} })).status).toBe(409);
    expect((await asUser(JANE, `/views/${view.id}`, { method: "DELETE" })).status).toBe(200);
    expect(await count()).toBe(0);
  });

  it("refuses a view the portfolio could not open, and changes nothing", async () => {
    for (const body of [
      { name: "", query: {} },
      { name: "x", query: { contract_tier: "GOLD" } },
      { name: "x", query: { nonsense: "1" } },
      { name: "x", query: { sort: ["arr"] } },
      { name: "x", query: {}, owner: "usr_vp_cs" },
      "not an object",
    ]) {
      const res = await post(VP, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json<{ error: { code: string } }>()).error.code).toBe("BAD_REQUEST");
    }
    expect(await count()).toBe(0);
  });
});

describe("portfolio sorts on every column", () => {
  it("sorts by trend and by CSM", async () => {
    const trend = await (
      await asUser(VP, "/clients?sort=trend&order=asc&limit=200")
    ).json<{ data: { health_trend_change: number }[] }>();
    const changes = trend.data.map((c) => c.health_trend_change);
    expect(changes).toEqual([...changes].sort((a, b) => a - b));
    const csm = await (
      await asUser(VP, "/clients?sort=csm&limit=200")
    ).json<{ data: { csm: { name: string } | null }[] }>();
    const last = csm.data.map((c) => c.csm?.name.split(" ").at(-1) ?? "~");
    expect(last).toEqual([...last].sort((a, b) => a.localeCompare(b)));
  });
});
