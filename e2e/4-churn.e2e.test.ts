import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { driverContradiction } from "../test/helpers/risk-driver-direction";
import { pageAs, SHOTS_DIR, useBrowser } from "./browser";
import { useLocalWorker } from "./local-worker";

// Churn prediction on the default demo portfolio (250 clients, 400 days), trained by the same
// step as `npm start`: honest accuracy, the client's explained risk, the VP's model page.

const worker = await useLocalWorker(import.meta.url, afterAll);
const base = worker.baseUrl;
const chromium = useBrowser(beforeAll, afterAll);
const api = (path: string, email = "vp-cs@ethico.test", init: RequestInit = {}) => worker.api(email, path, init);

const as = (email: string) => pageAs(chromium.get(), base, email);

describe("churn model on the demo portfolio", () => {
  it("ranks the next renewal's outcome well above chance in the time-based backtest", async () => {
    const report = await (await api("/analytics/churn-model")).json();
    const b = report.backtest.next_renewal;
    // Rolling-origin folds (decision 014): 0.732 on the demo seed of 2026-12-05 (590 test
    // observations, 86 before a churn; the single-cutoff backtest of decision 009 read 0.71–0.75
    // on four as-of dates). The AUC's standard error is about 0.03, so 0.65 is about two and a
    // half standard errors under it, and far above chance (0.5).
    expect(b.auc).toBeGreaterThan(0.65);
    // Which model won, beside plain LR, on the same folds; the winner never ranks below LR.
    const lr = report.backtest.candidates.find((c: { model: string }) => c.model === "logistic_regression");
    const won = report.backtest.candidates.find((c: { chosen: boolean }) => c.chosen);
    expect(won.model).toBe(report.model);
    expect(won.auc).toBeGreaterThanOrEqual(lr.auc);
    // Better than predicting the base rate for everyone.
    const base = b.churns / b.rows;
    expect(b.brier).toBeLessThan(base * (1 - base));
    expect(b.top_decile.precision).toBeGreaterThan(base);
  });

  it("shows Jane why Acme is at risk, and the VP the model's performance; a retrain adds a version", async () => {
    const { context, page, errors } = await as("jane.smith@ethico.test");
    await page.goto(`${base}/`);
    await page.getByRole("link", { name: "Acme Corporation", exact: true }).first().click();
    const panel = page.getByRole("region", { name: "Churn risk" });
    await panel.waitFor();
    await expect(panel.textContent()).resolves.toMatch(/\d+%.*risk of not renewing on .* \(in \d+ days\)/);
    // Drivers in words, each consistent with its own figures; the arithmetic folded away.
    const drivers = panel.getByRole("list", { name: "Risk drivers" }).getByRole("listitem");
    expect(await drivers.count()).toBeGreaterThan(0);
    for (const text of await drivers.allTextContents())
      expect(text).not.toMatch(/DAU up|Season|ARR about|0 high-severity/);
    await expect(panel.getByRole("row", { name: /^Total/ }).count()).resolves.toBe(0);
    await panel.getByText("How the model got there").click();
    await expect(panel.getByRole("row", { name: /^Total/ }).textContent()).resolves.toMatch(/chance of not renewing/);
    await expect(panel.getByRole("list", { name: "Similar past clients" }).getByRole("listitem").count()).resolves.toBe(
      5,
    );
    await panel.screenshot({ path: `${SHOTS_DIR}client-acme-churn-risk.png` });
    // Jane sees her book's churn outlook, but neither retraining nor the health-score weights.
    await page.getByRole("link", { name: "Model performance" }).click();
    await page.getByRole("heading", { name: "Model performance" }).waitFor();
    await expect(page.getByRole("button", { name: "Retrain now" }).count()).resolves.toBe(0);
    await expect(page.getByRole("region", { name: "Health-score weights" }).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await context.close();

    const vp = await as("vp-cs@ethico.test");
    await vp.page.goto(`${base}/`);
    await vp.page.getByRole("link", { name: "Churn risk" }).click();
    await vp.page.getByRole("heading", { name: "Model performance" }).waitFor();
    // CSMs and VPs first: who is at risk and why in words; the internals stay folded.
    await expect(vp.page.getByRole("table", { name: "Highest churn risk" }).textContent()).resolves.not.toMatch(
      /Season Sin|Active Share|ARR about/,
    );
    await expect(vp.page.getByRole("table", { name: "Calibration" }).count()).resolves.toBe(0);
    await vp.page.getByText("Model details for analysts").click();
    await expect(vp.page.getByRole("table", { name: "Candidate models" }).getByRole("row").count()).resolves.toBe(3);
    await expect(vp.page.getByRole("table", { name: "Calibration" }).getByRole("row").count()).resolves.toBe(8);
    const versions = vp.page.getByRole("table", { name: "Versions" }).getByRole("row");
    const before = await versions.count();
    await vp.page.getByRole("button", { name: "Retrain now" }).click();
    // Remix revalidates in place: the analyst section stays open.
    // Training compares two candidates over time folds: seconds, more on a busy machine.
    await expect.poll(() => versions.count(), { timeout: 60_000 }).toBe(before + 1);
    await expect(
      vp.page
        .getByRole("table", { name: "Versions" })
        .getByRole("row", { name: /\(current\)/ })
        .textContent(),
    ).resolves.toMatch(/manual/);
    const weights = vp.page.getByRole("region", { name: "Health-score weights" });
    await expect(weights.textContent()).resolves.toMatch(
      /AUC \d\.\d{3} with the current weights \(v\d+\), \d\.\d{3} with weights fitted before/,
    );
    await expect(weights.getByRole("button", { name: /Apply as a new version/ }).count()).resolves.toBe(1);
    await vp.page.screenshot({ path: `${SHOTS_DIR}vp-churn-model.png`, fullPage: true });
    expect(vp.errors).toEqual([]);
    await vp.context.close();
  });

  it("shows no risk driver that contradicts its own detail anywhere in the demo book, and High is never empty", async () => {
    const list = await (await api("/clients?limit=100&page=1")).json();
    const pages = list.pagination.pages as number;
    const all = [...list.data];
    for (let p = 2; p <= pages; p++) all.push(...(await (await api(`/clients?limit=100&page=${p}`)).json()).data);
    let shown = 0;
    for (const c of all) {
      for (const f of c.ai_risk_factors) {
        shown++;
        expect(driverContradiction(f), `${c.name}: ${f.factor}`).toBeNull();
      }
    }
    expect(shown).toBeGreaterThan(all.length / 2);
    for (const c of all.filter((x: { churn_risk_score: number | null }) => x.churn_risk_score !== null).slice(0, 40)) {
      const r = await (await api(`/clients/${c.id}/churn-risk`)).json();
      expect(r.drivers.map((d: { factor: string }) => d.factor)).toEqual(
        c.ai_risk_factors.map((f: { factor: string }) => f.factor),
      );
      for (const d of r.drivers) expect(d.contribution).toBeGreaterThan(0);
    }
    const p = await (await api("/analytics/churn-risk")).json();
    const high = p.by_category.find((c: { category: string }) => c.category === "HIGH").clients;
    expect(high).toBeGreaterThanOrEqual(Math.floor(p.scored / 10));
    // A client a month from renewal, at-risk health and two months without contact is not green.
    // The demo is seeded as of today, so which clients fit changes by the day: check every one.
    const dayMs = 86_400_000;
    const stale = (at: string | null) => at === null || Date.now() - Date.parse(at) >= 60 * dayMs;
    const fits = all.filter(
      (c: {
        churn_risk_score: number | null;
        health_status: string;
        days_to_renewal: number | null;
        last_csm_contact_at: string | null;
      }) =>
        c.churn_risk_score !== null &&
        ["AT_RISK", "CRITICAL"].includes(c.health_status) &&
        c.days_to_renewal !== null &&
        c.days_to_renewal <= 30 &&
        stale(c.last_csm_contact_at),
    );
    for (const c of fits) {
      const detail = await (await api(`/clients/${c.id}`)).json();
      expect(detail.churn_risk_category, c.name).not.toBe("LOW");
    }
  });
});
