import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { pageAs, SHOTS_DIR, useBrowser } from "./browser";
import { useLocalWorker } from "./local-worker";

// The portfolio as a CSM works it (At Risk, sort by renewal, hide a column, act on a row, save
// a view), and the VP's executive summary and benchmarks.

const worker = await useLocalWorker(import.meta.url, afterAll);
const base = worker.baseUrl;
const chromium = useBrowser(beforeAll, afterAll);

const as = (email: string) => pageAs(chromium.get(), base, email, { acceptDownloads: true });

async function firstWithAtRisk(emails: string[]): Promise<string> {
  for (const email of emails) {
    const res = await worker.api(email, "/clients?health_status=AT_RISK,CRITICAL&limit=2");
    const body = (await res.json()) as { data: unknown[] };
    if (body.data.length >= 2) return email;
  }
  throw new Error("no one has two clients at risk in the demo");
}

describe("Jane's portfolio", () => {
  it("marks the page busy while a slow page loads, and works a row's dialog from the keyboard", async () => {
    const { context, page, errors } = await as("jane.smith@ethico.test");
    await page.goto(`${base}/`);
    // Hold the client page's data request, so the loading state stays on screen to be seen.
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route(/\.data(\?|$)/, async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole("link", { name: "Acme Corporation", exact: true }).first().click();
    await page.locator("main[aria-busy=true]").waitFor();
    await expect(page.getByRole("progressbar", { name: "Loading page" }).isVisible()).resolves.toBe(true);
    release();
    await page.getByRole("heading", { name: "Acme Corporation", level: 1 }).waitFor();
    await expect(page.locator("main").getAttribute("aria-busy")).resolves.toBe("false");
    await expect(page.getByRole("progressbar", { name: "Loading page" }).count()).resolves.toBe(0);
    await page.unroute(/\.data(\?|$)/);

    // Keyboard only: Enter on a row's Log link opens the dialog with focus inside, Escape
    // closes it and focus goes back to the link.
    await page.goto(`${base}/`);
    const log = page.getByRole("link", { name: "Log activity for Acme Corporation" });
    await log.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Log activity: Acme Corporation" });
    await dialog.waitFor();
    await expect(page.evaluate(() => Boolean(document.activeElement?.closest("dialog")))).resolves.toBe(true);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await page.waitForFunction(
      () => document.activeElement?.getAttribute("aria-label") === "Log activity for Acme Corporation",
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it("filters At Risk, sorts by renewal from the header, hides a column and keeps it hidden", async () => {
    // The demo's history is simulated up to today, so on some days Jane's book has no client at
    // risk: then the check runs on the first of John's and the VP's views that has two or more.
    const who = await firstWithAtRisk(["jane.smith@ethico.test", "john.doe@ethico.test", "vp-cs@ethico.test"]);
    const { context, page, errors } = await as(who);
    await page.goto(`${base}/`);
    await page.getByRole("link", { name: "At Risk", exact: true }).click();
    await page.waitForURL(/health_status=AT_RISK/);
    const rows = page.locator("table.portfolio tbody tr");
    await expect(rows.count()).resolves.toBeGreaterThan(0);
    await page
      .getByRole("columnheader")
      .getByRole("link", { name: /^Renewal/ })
      .click();
    await page.waitForURL(/sort=renewal_date/);
    const days = await page.locator("table.portfolio tbody tr td:nth-child(6)").allTextContents();
    const numbers = days.map((d) => Number.parseInt(d, 10));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    await expect(page.locator("th[aria-sort=ascending]").textContent()).resolves.toContain("Renewal");

    await page.getByText("Columns", { exact: true }).click();
    await page.locator(".columns-menu label", { hasText: "Churn" }).locator("input").uncheck();
    await expect(page.locator("table.portfolio th", { hasText: "Churn" }).count()).resolves.toBe(0);
    await page.reload();
    await page.locator("table.portfolio").waitFor();
    // The choice is kept in the browser (localStorage) and applied once the page hydrates.
    await expect.poll(() => page.locator("table.portfolio th", { hasText: "Churn" }).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS_DIR}portfolio-at-risk-by-renewal.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("logs a call with a follow-up from a row's dialog and comes back to the portfolio", async () => {
    const { context, page, errors } = await as("jane.smith@ethico.test");
    await page.goto(`${base}/?search=beta`);
    await page.getByRole("link", { name: "Log activity for Beta Industries" }).click();
    const dialog = page.getByRole("dialog", { name: /Log activity: Beta Industries/ });
    await dialog.waitFor();
    await dialog.getByLabel("Subject").fill("Quarterly check-in from the portfolio");
    await dialog.getByLabel("Outcome").selectOption("FOLLOW_UP_REQUIRED");
    await dialog.getByLabel("Follow-up date").fill(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
    await page.screenshot({ path: `${SHOTS_DIR}portfolio-row-dialog.png` });
    await dialog.getByRole("button", { name: "Save activity" }).click();
    // The action sends the browser back to this same portfolio URL, now showing today's contact.
    const today = new Date().toLocaleDateString("en-US", {
      year: "numeric",
      month: "short",
      day: "numeric",
      timeZone: "UTC",
    });
    await page.locator("table.portfolio tbody tr", { hasText: "Beta Industries" }).filter({ hasText: today }).waitFor();
    expect(new URL(page.url()).search).toBe("?search=beta");

    await page.getByRole("link", { name: "Schedule call with Beta Industries" }).click();
    const call = page.getByRole("dialog", { name: /Schedule call: Beta Industries/ });
    const download = page.waitForEvent("download");
    await call.getByRole("button", { name: /Schedule and download invite/ }).click();
    expect((await download).suggestedFilename()).toMatch(/\.ics$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("saves the current filters as a view, opens it from its tab, and deletes it", async () => {
    const { context, page, errors } = await as("jane.smith@ethico.test");
    await page.goto(`${base}/?contract_tier=ENTERPRISE&sort=arr`);
    await page.getByText("+ Add view").click();
    await page.getByRole("form", { name: "Save this view" }).getByLabel("Name").fill("My enterprise book");
    await page.getByRole("button", { name: "Save current filters" }).click();
    // Saved: its tab appears (the URL already held these filters, so it cannot be waited on).
    await page.getByRole("link", { name: "My enterprise book" }).waitFor();
    await page.goto(`${base}/`);
    await page.getByRole("link", { name: "My enterprise book" }).click();
    await page.waitForURL(/contract_tier=ENTERPRISE/);
    // The URL changes before the transition renders the new tab state: wait for the tab itself.
    await page.locator("nav[aria-label=Views] a[aria-current=page]", { hasText: "My enterprise book" }).waitFor();
    await expect(page.locator("nav[aria-label=Views] a[aria-current=page]").textContent()).resolves.toBe(
      "My enterprise book",
    );
    await page.getByRole("button", { name: "Delete view My enterprise book" }).click();
    await page.getByRole("link", { name: "My enterprise book" }).waitFor({ state: "detached" });
    expect(new URL(page.url()).search).toBe("");
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("the VP", () => {
  it("opens the executive summary, narrows it to Jane's book, then an industry and a client benchmark", async () => {
    const { context, page, errors } = await as("vp-cs@ethico.test");
    await page.goto(`${base}/`);
    await page.getByRole("link", { name: "Executive summary" }).click();
    await page.waitForURL(/\/executive/);
    await page.locator('figure.chart[aria-label^="Clients by health band"] svg').waitFor();
    await expect(page.locator(".cards .card").first().textContent()).resolves.toMatch(/Total clients\s*250/i);
    await page.screenshot({ path: `${SHOTS_DIR}vp-executive-summary.png`, fullPage: true });
    await page.getByLabel("CSM", { exact: true }).selectOption({ label: "Jane Smith" });
    await page.getByRole("button", { name: "Apply" }).click();
    await page.locator("h1", { hasText: "Executive summary: Jane Smith's portfolio" }).waitFor();
    expect(page.url()).toContain("csm_id=usr_jane_smith");

    await page.getByRole("link", { name: "Benchmarks" }).click();
    await page.getByLabel("Industry", { exact: true }).selectOption("Manufacturing");
    await page.getByRole("button", { name: "Show" }).click();
    await page.locator("h1", { hasText: "Industry benchmarks: Manufacturing" }).waitFor();
    expect(page.url()).toContain("industry=Manufacturing");
    await page.screenshot({ path: `${SHOTS_DIR}vp-industry-benchmark.png`, fullPage: true });

    await page.goto(`${base}/?search=acme`);
    await page.getByRole("link", { name: "Acme Corporation", exact: true }).first().click();
    await page.locator("h1", { hasText: "Acme Corporation" }).waitFor();
    await page.getByRole("link", { name: "Benchmark", exact: true }).click();
    await page.waitForURL(/tab=benchmark/);
    await page.locator('figure.chart[aria-label^="Radar of Acme Corporation"] svg').waitFor();
    await expect(page.locator("table", { hasText: "Where behind" }).textContent()).resolves.toContain(
      "Usage intensity",
    );
    await page.screenshot({ path: `${SHOTS_DIR}vp-client-benchmark.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
