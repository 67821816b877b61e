import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { pageAs, SHOTS_DIR, useBrowser } from "./browser";
import { useLocalWorker } from "./local-worker";

// The AI panel beside a client, offline: the local narrator writes the summary from computed
// facts and says so; a recommended action opens the Log activity form with it as the subject.

const worker = await useLocalWorker(import.meta.url, afterAll);
const base = worker.baseUrl;
const chromium = useBrowser(beforeAll, afterAll);

describe("AI panel", () => {
  it("writes Acme's summary, names its provider, turns a recommended action into an activity, and rewrites the summary once the facts move", async () => {
    const { context, page, errors } = await pageAs(chromium.get(), base, "jane.smith@ethico.test");
    await page.goto(`${base}/`);
    await page.getByRole("link", { name: "Acme Corporation", exact: true }).first().click();
    const panel = page.locator(".ai-panel");
    await panel.getByRole("button", { name: /Write summary|Refresh summary/ }).click();
    await panel.getByText(/Written .* by the local narrator/).waitFor();
    const text = await panel.locator("p").first().textContent();
    const health = (await page.locator(".headline .score").textContent())!.trim();
    expect(text).toContain(`Acme Corporation (enterprise, $120K) is at health ${health}`);
    const action = panel.locator("ol.actions a").first();
    const subject = (await action.textContent())!;
    await action.click();
    await expect(page.getByRole("form", { name: "Log activity" }).getByLabel("Subject").inputValue()).resolves.toBe(
      subject,
    );
    await page.screenshot({ path: `${SHOTS_DIR}client-acme-ai-panel.png` });

    // Log it, then reload the client page: the summary states the header's current facts (issue 18.4).
    const clientUrl = page.url().split("?")[0];
    await page.getByRole("form", { name: "Log activity" }).getByRole("button", { name: "Save activity" }).click();
    await page.waitForURL(/tab=timeline/);
    // The first page after the change (the timeline tab, beside the same panel) rewrites it and says why.
    await panel.getByText(/Rewritten automatically from the current facts because they changed/).waitFor();
    await page.goto(clientUrl);
    // Still said on the Overview, until someone refreshes the summary.
    await panel.getByText(/Rewritten automatically from the current facts/).waitFor();
    const fresh = await panel.locator("p").first().textContent();
    const healthNow = (await page.locator(".headline .score").textContent())!.trim();
    expect(fresh).toContain(`is at health ${healthNow}`);
    expect(fresh).toContain("Last CSM contact was 0 days ago");
    expect(errors).toEqual([]);
    await context.close();
  });
});
