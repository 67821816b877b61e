import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { pageAs, SHOTS_DIR, useBrowser } from "./browser";

// The AI panel beside a client, offline: the local narrator writes the summary from computed
// facts and says so; a recommended action opens the Log activity form with it as the subject.

const base = inject("baseUrl");
const chromium = useBrowser(beforeAll, afterAll);

describe("AI panel", () => {
  it("writes Acme's summary, names its provider, and turns a recommended action into an activity", async () => {
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
    await expect(page.getByRole("form", { name: "Log activity" }).getByLabel("Subject").inputValue()).resolves.toBe(subject);
    await page.screenshot({ path: `${SHOTS_DIR}client-acme-ai-panel.png` });
    expect(errors).toEqual([]);
    await context.close();
  });
});
