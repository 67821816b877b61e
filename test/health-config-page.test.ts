import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";

import { ADMIN, asUser, form, JANE, type Json, PAGE, VP, VP_SALES } from "./helpers";

// The health-score configuration page (/admin/health-score, US-015-020): the VP of Client
// Success and admins see the formula, preview a draft (the live preview route and the no-JS GET
// form give the same figures), save versions, get a clear 409 on a stale save, revert in one
// click; everyone else is refused and nothing changes.

const page = (email: string, query = "") => asUser(email, `${PAGE}/admin/health-score${query}`);
const preview = (email: string, q: Record<string, string>) =>
  asUser(email, `${PAGE}/admin/health-score/preview?${new URLSearchParams(q)}`);
const post = (email: string, fields: Record<string, string>) =>
  asUser(email, `${PAGE}/admin/health-score`, form(fields));
const text = async (res: Response) => (await res.text()).replaceAll("<!-- -->", "");
const configs = async () =>
  (await env.DB.prepare("SELECT * FROM health_score_configs ORDER BY created_at, version").all<Json>()).results;
const activeDefault = async () =>
  (await env.DB.prepare("SELECT * FROM health_score_configs WHERE is_default AND is_active").first<Json>())!;
const DEFAULTS = {
  usage_weight: "25",
  adoption_weight: "20",
  support_weight: "15",
  relationship_weight: "15",
  contract_weight: "15",
  outcome_weight: "10",
  healthy_threshold: "80",
  monitor_threshold: "60",
  at_risk_threshold: "40",
};
const USAGE_HEAVY = {
  ...DEFAULTS,
  usage_weight: "60",
  adoption_weight: "5",
  support_weight: "10",
  relationship_weight: "10",
  contract_weight: "10",
  outcome_weight: "5",
};

beforeAll(() => {
  // Saving re-scores the portfolio through the queue; the consumer is not what is tested here.
  vi.spyOn(env.RECALC_QUEUE, "sendBatch").mockImplementation(async () => ({}) as never);
});

describe("the health-score configuration page", () => {
  it("shows the formula, thresholds, suggestion and history to the VP of Client Success and admins", async () => {
    const res = await page(VP);
    expect(res.status).toBe(200);
    const html = await text(res);
    expect(html).toContain(
      "Health = 25% × Usage + 20% × Feature adoption + 15% × Support + 15% × Relationship + 15% × Contract + 10% × Outcomes",
    );
    expect(html).toContain("Bands: Healthy ≥ 80 · Monitor 60–79 · At risk 40–59 · Critical &lt; 40");
    expect(html).toContain("Suggested from churn history");
    expect(html).toContain("would change band");
    expect(html).toContain("Save as version 2");
    expect((await page(ADMIN)).status).toBe(200);
  });

  it("refuses everyone else clearly, pages and preview alike, and audits the refusal", async () => {
    for (const who of [JANE, VP_SALES, "ae@ethico.test"]) {
      const res = await page(who);
      expect(res.status).toBe(403);
      expect(await text(res)).toContain("Only the VP of Client Success or an admin can configure the health score");
      expect((await preview(who, { scope: "default" })).status).toBe(403);
    }
    const before = await configs();
    expect(
      (await post(JANE, { intent: "save", scope: "default", base_id: (await activeDefault()).id, ...USAGE_HEAVY }))
        .status,
    ).toBe(403);
    expect(await configs()).toEqual(before);
    const denied = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE user_id = 'usr_jane_smith' AND resource_type = 'health_score_config' AND outcome = 'DENIED'",
    ).first<Json>();
    expect(denied!.n).toBeGreaterThanOrEqual(3);
  });

  it("previews a draft: the sum is enforced and the portfolio's bands move, the same with and without JavaScript", async () => {
    const off = await (await preview(VP, { scope: "default", ...DEFAULTS, usage_weight: "30" })).json<Json>();
    expect(off).toMatchObject({ valid: false, sum_problem: "Weights sum to 105%: remove 5 points", preview: null });
    expect(off.problems).toContain("weights must sum to 100, they sum to 105");

    const same = await (await preview(VP, { scope: "default", ...DEFAULTS })).json<Json>();
    expect(same.valid).toBe(true);
    expect(same.preview.clients_changing_band).toBe(0);
    expect(same.preview.distribution.shift).toEqual({ HEALTHY: 0, MONITOR: 0, AT_RISK: 0, CRITICAL: 0 });

    const moved = await (await preview(VP, { scope: "default", ...USAGE_HEAVY })).json<Json>();
    expect(moved.valid).toBe(true);
    expect(moved.preview.clients_changing_band).toBeGreaterThan(0);
    expect(moved.preview.changes[0]).toMatchObject({
      client_id: expect.any(String),
      current_status: expect.any(String),
      draft_status: expect.any(String),
    });
    expect(moved.preview.changes.every((c: Json) => c.current_status !== c.draft_status)).toBe(true);
    const total = (d: Record<string, number>) => Object.values(d).reduce((a, b) => a + b, 0);
    expect(total(moved.preview.distribution.simulated)).toBe(total(moved.preview.distribution.current));
    expect(moved.backtest).toMatchObject({ draft_auc: expect.any(Number) });

    // The no-JS path: the GET form puts the draft in the URL and the page shows the same count.
    const html = await text(await page(VP, `?${new URLSearchParams({ scope: "default", ...USAGE_HEAVY })}`));
    expect(html).toContain(
      `<strong>${moved.preview.clients_changing_band}</strong> of the ${moved.preview.governed} clients this formula governs would change band`,
    );
    expect((await preview(VP, { scope: "tier:GOLD" })).status).toBe(400);
  });

  it("saves the draft as a new version, refuses an invalid one, and says 409 when the base went stale", async () => {
    const base = await activeDefault();
    const bad = await post(VP, { intent: "save", scope: "default", base_id: base.id, ...DEFAULTS, usage_weight: "30" });
    expect(bad.status).toBe(422);
    expect(await text(bad)).toContain("weights must sum to 100, they sum to 105");
    expect((await activeDefault()).id).toBe(base.id);

    const ok = await post(VP, {
      intent: "save",
      scope: "default",
      base_id: base.id,
      ...USAGE_HEAVY,
      description: "Usage predicts renewals",
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe(`/admin/health-score?scope=default&saved=${base.version + 1}`);
    const v2 = await activeDefault();
    expect(v2).toMatchObject({
      version: base.version + 1,
      usage_weight: 60,
      previous_version_id: base.id,
      description: "Usage predicts renewals",
      created_by_id: "usr_vp_cs",
    });
    const audit = await env.DB.prepare("SELECT outcome FROM audit_log WHERE action = 'new_version' AND resource_id = ?")
      .bind(v2.id)
      .first<Json>();
    expect(audit).toEqual({ outcome: "SUCCESS" });

    // A second tab still holding the old version: nothing is saved, the page says why.
    const stale = await post(ADMIN, { intent: "save", scope: "default", base_id: base.id, ...DEFAULTS });
    expect(stale.status).toBe(409);
    expect(await text(stale)).toContain("Someone saved a newer version of this formula while you were editing");
    expect((await activeDefault()).id).toBe(v2.id);

    const html = await text(await page(VP, "?scope=default"));
    expect(html).toContain("Usage weight <del");
    expect(html).toMatch(/Usage weight <del[^>]*>25<\/del> → <ins[^>]*>60<\/ins>/);
    expect(html).toContain(`Revert to v${base.version}`);
  });

  it("reverts to an earlier version in one click, as a new version", async () => {
    const active = await activeDefault();
    const first = (await configs()).find((c) => c.is_default && c.version === 1)!;
    const res = await post(VP, { intent: "revert", scope: "default", version_id: first.id, active_id: active.id });
    expect(res.status).toBe(302);
    const now = await activeDefault();
    expect(now).toMatchObject({
      version: active.version + 1,
      usage_weight: first.usage_weight,
      adoption_weight: first.adoption_weight,
      previous_version_id: active.id,
      description: "Reverted to version 1.",
    });
  });

  it("creates a tier's own formula from the default and previews only that tier's clients", async () => {
    const starters = (await env.DB.prepare(
      "SELECT count(*) AS n FROM clients WHERE contract_tier = 'STARTER' AND account_status = 'ACTIVE'",
    ).first<Json>())!.n;
    const p = await (await preview(VP, { scope: "tier:STARTER", ...USAGE_HEAVY })).json<Json>();
    expect(p.preview.governed).toBe(starters);
    const html = await text(await page(VP, "?scope=tier:STARTER"));
    expect(html).toContain("No formula of its own yet");
    expect(html).toContain("Save as version 1");
    const res = await post(ADMIN, { intent: "save", scope: "tier:STARTER", base_id: "", ...USAGE_HEAVY });
    expect(res.status).toBe(302);
    const row = await env.DB.prepare(
      "SELECT * FROM health_score_configs WHERE applies_to_tier = 'STARTER' AND is_active",
    ).first<Json>();
    expect(row).toMatchObject({ version: 1, usage_weight: 60, is_default: 0 });
    expect(await text(await page(VP, "?scope=tier:STARTER"))).toContain("Starter tier · v1");
  });
});
