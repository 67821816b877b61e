import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { pageAs, SHOTS_DIR, useBrowser } from "./browser";
import { useLocalWorker } from "./local-worker";

// Alerts as a CSM lives with them: the bell's unread count, the inbox with analysis and
// actions, and a new alert arriving live (an ingested NPS answer → queue → recalculation →
// alert → Durable Object → WebSocket) without a reload, in two tabs at once.

const worker = await useLocalWorker(import.meta.url, afterAll);
const base = worker.baseUrl;
const chromium = useBrowser(beforeAll, afterAll);
const bellCount = async (page: Page) => Number(await page.locator(".alert-bell .unread-count").textContent());

describe("alerts", () => {
  it("shows the inbox, acknowledges an alert, and receives a new one live in two tabs", async () => {
    const { context, page, errors } = await pageAs(chromium.get(), base, "jane.smith@ethico.test");
    await page.goto(`${base}/alerts`);
    await page.locator('.alert-bell[data-stream="live"]').waitFor();
    const before = await bellCount(page);
    expect(before).toBeGreaterThan(0);
    const first = page.locator(".alert-card").first();
    await expect(first.locator("p").nth(1).textContent()).resolves.toBeTruthy();
    await first.getByRole("button", { name: "Acknowledge" }).click();
    await page.locator('.alert-card[data-status="ACKNOWLEDGED"]').first().waitFor();
    // Acknowledged is still open (issue 19: the bell, the list and the title count open alerts).
    await expect.poll(() => bellCount(page)).toBe(Number(await page.locator(".open-count").getAttribute("data-count")));
    expect(await bellCount(page)).toBe(before);

    const other = await context.newPage();
    await other.goto(`${base}/`);
    await other.locator('.alert-bell[data-stream="live"]').waitFor();
    const otherBefore = await bellCount(other);

    // The platform reports a detractor NPS answer for Acme (one of Jane's clients).
    const me = await (await worker.api("jane.smith@ethico.test", "/clients?search=Acme%20Corporation")).json();
    const acme = me.data[0].id as string;
    const res = await fetch(`${base}/api/v1/client-success/events`, {
      method: "POST",
      headers: { authorization: "Bearer dev-ingest-token", "content-type": "application/json" },
      body: JSON.stringify({
        events: [
          {
            event_id: `e2e-nps-${Date.now()}`,
            client_id: acme,
            type: "nps_response",
            occurred_at: new Date(Date.now() - 60_000).toISOString(),
            score: 2,
          },
        ],
      }),
    });
    expect(res.status).toBe(202);
    await page
      .locator(".alert-toast")
      .getByText(/NPS 2 \(detractor\)/)
      .waitFor({ timeout: 20_000 });
    await page.locator(".alert-card").filter({ hasText: "NPS 2 (detractor)" }).first().waitFor();
    // The other tab hears it too (its count may stay level: the new answer resolves the alert on Acme's previous one).
    await other
      .locator(".alert-toast")
      .getByText(/NPS 2 \(detractor\)/)
      .waitFor({ timeout: 10_000 });
    expect(await bellCount(other)).toBeGreaterThanOrEqual(otherBefore);
    await page.screenshot({ path: `${SHOTS_DIR}alerts-live.png`, fullPage: false });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("lets the VP change the global alert settings and refuses a bad threshold with the reason", async () => {
    const { context, page, errors } = await pageAs(chromium.get(), base, "vp-cs@ethico.test");
    await page.goto(`${base}/alerts/settings`);
    const version = () => page.locator('form[aria-label="Alert settings"] input[name="version"]').inputValue();
    const before = Number(await version());
    await page.getByLabel("Health drop threshold").fill("15");
    await page.getByRole("button", { name: "Save settings" }).click();
    // Saved once the page shows the next version of the settings (the form is rebuilt from it).
    await expect.poll(async () => Number(await version())).toBe(before + 1);
    await expect(page.getByLabel("Health drop threshold").inputValue()).resolves.toBe("15");
    await page.getByLabel("Health drop threshold").fill("500");
    await page.getByLabel("Health drop threshold").evaluate((el) => el.removeAttribute("max"));
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText(/must be between 1 and 100/).waitFor();
    expect(errors.filter((e) => !e.includes("422"))).toEqual([]);
    await context.close();
  });
});
