import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";

import { acmeId, ADMIN, asUser, JANE, json, VP, VP_SALES } from "./helpers";

const configs = async () =>
  (await env.DB.prepare("SELECT * FROM health_score_configs ORDER BY created_at").all()).results;
const defaultId = async () =>
  (await env.DB.prepare("SELECT id FROM health_score_configs WHERE is_default AND is_active").first<{ id: string }>())!
    .id;
const weights = {
  usage_weight: 40,
  adoption_weight: 20,
  support_weight: 10,
  relationship_weight: 10,
  contract_weight: 10,
  outcome_weight: 10,
};

function spyRecalc() {
  return vi.spyOn(env.RECALC_QUEUE, "sendBatch").mockImplementation(async () => ({}) as never);
}

describe("health-score configuration", () => {
  it("is readable by VPs and admins only", async () => {
    expect((await asUser(JANE, "/config/health-score")).status).toBe(403);
    const res = await asUser(VP_SALES, "/config/health-score");
    expect(res.status).toBe(200);
    expect((await res.json<{ data: { is_default: boolean }[] }>()).data.some((c) => c.is_default)).toBe(true);
  });

  it("refuses writes from other roles and bad input, changing nothing", async () => {
    const before = await configs();
    expect(
      (await asUser(JANE, "/config/health-score", json("POST", { name: "x", applies_to_tier: "STARTER", ...weights })))
        .status,
    ).toBe(403);
    expect(
      (
        await asUser(
          VP_SALES,
          "/config/health-score",
          json("POST", { name: "x", applies_to_tier: "STARTER", ...weights }),
        )
      ).status,
    ).toBe(403);
    const sum = await asUser(
      VP,
      "/config/health-score",
      json("POST", { name: "x", applies_to_tier: "STARTER", ...weights, usage_weight: 41 }),
    );
    expect(sum.status).toBe(422);
    expect(await sum.json()).toMatchObject({
      error: { code: "UNPROCESSABLE", details: [{ message: "weights must sum to 100, they sum to 101" }] },
    });
    expect(
      (await asUser(VP, "/config/health-score", json("POST", { name: "x", applies_to_tier: "GOLD", ...weights })))
        .status,
    ).toBe(400);
    expect(
      (
        await asUser(
          VP,
          "/config/health-score",
          json("POST", { name: "x", applies_to_tier: "STARTER", usage_weight: "40" }),
        )
      ).status,
    ).toBe(400);
    expect((await asUser(VP, "/config/health-score", json("POST", { name: "x", ...weights }))).status).toBe(422); // no scope
    expect(
      (await asUser(VP, "/config/health-score", json("POST", { name: "x", is_default: true, ...weights }))).status,
    ).toBe(409);
    expect((await asUser(VP, "/config/health-score", { method: "POST", body: "{" })).status).toBe(400);
    expect(await configs()).toEqual(before);
  });

  it("creates a tier config that then wins over the default, and re-scores the portfolio", async () => {
    const sent = spyRecalc();
    const res = await asUser(
      ADMIN,
      "/config/health-score",
      json("POST", { name: "Enterprise", applies_to_tier: "ENTERPRISE", ...weights }),
    );
    expect(res.status).toBe(201);
    const created = await res.json<{ id: string; version: number; created_by_id: string }>();
    expect(created).toMatchObject({ version: 1, created_by_id: "usr_admin" });
    await vi.waitFor(() => expect(sent).toHaveBeenCalled());
    const acme = await acmeId();
    const health = await (
      await asUser(VP, `/clients/${acme}/health/refresh`, { method: "POST" })
    ).json<{ config: { id: string; scope: string }; components: { usage: { weight: number } } }>();
    expect(health.config).toMatchObject({ id: created.id, scope: "tier" });
    expect(health.components.usage.weight).toBe(40);
  });

  it("saves a new immutable version that retires the old one", async () => {
    spyRecalc();
    const id = await defaultId();
    const res = await asUser(
      VP,
      `/config/health-score/${id}`,
      json("PUT", { ...weights, usage_weight: 30, adoption_weight: 30 }),
    );
    expect(res.status).toBe(200);
    const v2 = await res.json<{ id: string; version: number; previous_version_id: string; is_active: boolean }>();
    expect(v2).toMatchObject({ version: 2, previous_version_id: id, is_active: true });
    const old = await env.DB.prepare("SELECT is_active, usage_weight FROM health_score_configs WHERE id = ?")
      .bind(id)
      .first();
    expect(old).toEqual({ is_active: 0, usage_weight: 25 });
    expect((await asUser(VP, `/config/health-score/${id}`, json("PUT", weights))).status).toBe(409);
    const before = await configs();
    expect((await asUser(VP, `/config/health-score/${v2.id}`, json("PUT", { usage_weight: 99 }))).status).toBe(422);
    expect(await configs()).toEqual(before);
    expect((await asUser(VP, "/config/health-score/nope", json("PUT", weights))).status).toBe(404);
  });

  it("simulates proposed weights over the portfolio or a filter, writing nothing", async () => {
    const id = await defaultId();
    const state = async () => [
      (await env.DB.prepare("SELECT id, current_health_score, health_status, updated_at FROM clients").all()).results,
      await configs(),
    ];
    const before = await state();
    const res = await asUser(
      VP,
      `/config/health-score/${id}/simulate`,
      json("POST", {
        usage_weight: 100,
        adoption_weight: 0,
        support_weight: 0,
        relationship_weight: 0,
        contract_weight: 0,
        outcome_weight: 0,
      }),
    );
    expect(res.status).toBe(200);
    const sim = await res.json<{
      clients: { client_id: string; simulated_score: number }[];
      distribution: {
        current: Record<string, number>;
        simulated: Record<string, number>;
        shift: Record<string, number>;
      };
    }>();
    const usage = await env.DB.prepare(
      "SELECT client_id, usage_score FROM client_health_scores h WHERE date = (SELECT max(date) FROM client_health_scores h2 WHERE h2.client_id = h.client_id)",
    ).all<{ client_id: string; usage_score: number }>();
    const byId = new Map(usage.results.map((r) => [r.client_id, r.usage_score]));
    for (const c of sim.clients) expect(c.simulated_score).toBe(byId.get(c.client_id));
    const total = (d: Record<string, number>) => Object.values(d).reduce((a, b) => a + b, 0);
    expect(total(sim.distribution.simulated)).toBe(total(sim.distribution.current));
    expect(total(sim.distribution.shift)).toBe(0);
    expect(await state()).toEqual(before);

    const ent = await (
      await asUser(VP, `/config/health-score/${id}/simulate`, json("POST", { filter: { contract_tier: "ENTERPRISE" } }))
    ).json<{ clients: { client_id: string }[] }>();
    const entCount = await env.DB.prepare(
      "SELECT count(*) AS n FROM clients WHERE contract_tier = 'ENTERPRISE' AND account_status = 'ACTIVE'",
    ).first<{ n: number }>();
    expect(ent.clients).toHaveLength(entCount!.n);
    expect((await asUser(VP, `/config/health-score/${id}/simulate`, json("POST", { usage_weight: 90 }))).status).toBe(
      422,
    );
    expect(
      (await asUser(VP, `/config/health-score/${id}/simulate`, json("POST", { filter: { colour: "red" } }))).status,
    ).toBe(400);
    expect((await asUser(JANE, `/config/health-score/${id}/simulate`, json("POST", {}))).status).toBe(403);
  });
});
