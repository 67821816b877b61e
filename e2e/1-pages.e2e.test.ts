import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SHOTS_DIR, signIn, useBrowser } from "./browser";
import { useLocalWorker } from "./local-worker";

// The two pages as a person uses them: with JavaScript, and without it.

const worker = await useLocalWorker(import.meta.url, afterAll);
const base = worker.baseUrl;
const shots = SHOTS_DIR;
const chromium = useBrowser(beforeAll, afterAll);

async function open(
  path: string,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await chromium.get().newContext({ viewport: { width: 1360, height: 900 }, ...options });
  await signIn(context, base, "vp-cs@ethico.test");
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(`${base}${path}`);
  return { context, page, errors };
}

const rowNames = (page: Page) => page.locator("table.portfolio tbody tr td:first-child a").allTextContents();

describe("signing in (local development)", () => {
  it("with no one signed in, shows the choice of seeded users; choosing Jane opens her portfolio at the page asked for", async () => {
    const context = await chromium.get().newContext({ viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const res = await page.goto(`${base}/?search=acme`);
    expect(res?.status()).toBe(401);
    await expect(page.locator("h1").textContent()).resolves.toBe("Sign in (local development)");
    await page.getByRole("button", { name: /Jane Smith/ }).click();
    await page.waitForURL(/\/\?search=acme$/);
    await expect(page.locator("h1").textContent()).resolves.toBe("Portfolio");
    expect(await rowNames(page)).toEqual(["Acme Corporation"]);
    await expect(page.getByLabel("Local user").inputValue()).resolves.toBe("jane.smith@ethico.test");
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("portfolio page", () => {
  it("shows the VP all 250 demo clients, needs-attention first, Acme among them", async () => {
    const { context, page, errors } = await open("/");
    await expect(page.locator("h1").textContent()).resolves.toBe("Portfolio");
    await expect(page.locator(".count").textContent()).resolves.toBe("250 clients");
    await expect(page.locator("table.portfolio tbody tr").count()).resolves.toBe(25);
    await page.getByLabel("Search").fill("acme");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/search=acme/);
    await page.locator(".count", { hasText: /^1 client$/ }).waitFor();
    expect(await rowNames(page)).toEqual(["Acme Corporation"]);
    await page.screenshot({ path: `${shots}portfolio-search.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("switches to Jane Smith and lists only her clients; John cannot open Acme", async () => {
    const { context, page } = await open("/?limit=50");
    await page.getByLabel("Local user").selectOption("jane.smith@ethico.test");
    await page.getByRole("button", { name: "Switch" }).click();
    await page.waitForLoadState("load");
    await page.locator(".count", { hasText: /^20 clients/ }).waitFor();
    const count = Number((await page.locator(".count").textContent())!.split(" ")[0]);
    expect(count).toBe(20);
    const names = await rowNames(page);
    expect(names).toContain("Acme Corporation");
    expect(names).toContain("Beta Industries");
    await page.screenshot({ path: `${shots}portfolio-jane.png`, fullPage: true });
    const acmeHref = await page
      .getByRole("link", { name: "Acme Corporation", exact: true })
      .first()
      .getAttribute("href");

    await page.getByLabel("Local user").selectOption("john.doe@ethico.test");
    await page.getByRole("button", { name: "Switch" }).click();
    await page.waitForLoadState("load");
    expect(await rowNames(page)).not.toContain("Acme Corporation");
    const res = await page.goto(`${base}${acmeHref}`);
    expect(res?.status()).toBe(404);
    await expect(page.locator("h1").textContent()).resolves.toBe("Not found");
    await context.close();
  });

  it("works without JavaScript: filter, sort and open a client", async () => {
    const { context, page } = await open("/", { javaScriptEnabled: false });
    const filters = page.getByRole("form", { name: "Filter clients" });
    await filters.getByLabel("Health", { exact: true }).selectOption("AT_RISK");
    await filters.getByLabel("Sort", { exact: true }).selectOption("arr");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/health_status=AT_RISK/);
    const scores = await page.locator("table.portfolio tbody tr td:nth-child(2)").allTextContents();
    expect(scores.length).toBeGreaterThan(0);
    expect(scores.every((s) => Number(s) >= 40 && Number(s) < 60)).toBe(true);
    const arr = (await page.locator("table.portfolio tbody tr td:nth-child(5)").allTextContents()).map((v) =>
      Number(v.replace(/[$K]/g, "")),
    );
    expect(arr).toEqual([...arr].sort((a, b) => b - a));
    const first = page.locator("table.portfolio tbody tr td:first-child a").first();
    const name = await first.textContent();
    await first.click();
    await page.waitForURL(/\/clients\/cli_/);
    await expect(page.locator("h1").textContent()).resolves.toBe(name);
    await context.close();
  });

  it("explains bad filter input instead of failing", async () => {
    const { context, page } = await open("/?limit=abc");
    await expect(page.getByRole("alert").textContent()).resolves.toContain("must be a whole number");
    await context.close();
  });

  it("lets the browser keep the hashed scripts for a year (public/_headers)", async () => {
    const { context, page } = await open("/");
    const scripts = [...(await page.content()).matchAll(/"(\/assets\/[\w.-]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    const res = await fetch(`${base}${scripts[0]}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    // The page itself is never cached: it is per user and changes with the data.
    expect((await fetch(`${base}/`)).headers.get("cache-control") ?? "").not.toContain("immutable");
    await context.close();
  });
});

describe("portfolio dashboard", () => {
  it("shows the summary cards, switches views and exports what is filtered", async () => {
    const { context, page } = await open("/");
    const cards = await page.getByRole("region", { name: "Portfolio summary" }).textContent();
    for (const label of ["Total clients", "At risk", "Avg health", "ARR at risk"]) expect(cards).toContain(label);
    expect(cards).toMatch(/250/);
    // Each view's URL changes before its transition commits: wait for the page rendered from it.
    await page.getByRole("link", { name: "Renewals < 90d" }).click();
    await page.waitForURL(/renewal_within_days=90/);
    await page.locator('a[download][href*="renewal_within_days=90"]').waitFor();
    const days = (await page.locator("table.portfolio tbody tr td:nth-child(6)").allTextContents()).map((d) =>
      Number(d.replace("d", "")),
    );
    expect(days.length).toBeGreaterThan(0);
    expect(days.every((d) => d >= 0 && d <= 90)).toBe(true);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    await page.getByRole("link", { name: "At Risk" }).click();
    await page.waitForURL(/health_status=AT_RISK/);
    await page.locator('a[download][href*="health_status=AT_RISK"]').waitFor();
    const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    const csv = await (await page.context().request.get(`${base}${href}`)).text();
    const rows = csv.trim().split("\r\n").slice(1);
    expect(rows.length).toBe(Number((await page.locator(".count").textContent())!.split(" ")[0]));
    expect(rows.every((r) => /,(AT_RISK|CRITICAL),/.test(r))).toBe(true);
    await page.screenshot({ path: `${shots}portfolio-at-risk.png`, fullPage: true });
    await context.close();
  });
});

describe("client page", () => {
  it("shows Acme's header, health trend, components, contacts and activity", async () => {
    const { context, page, errors } = await open("/?search=acme");
    await page.getByRole("link", { name: "Acme Corporation", exact: true }).first().click();
    await page.waitForURL(/\/clients\/cli_/);
    const facts = await page.locator(".facts").textContent();
    expect(facts).toContain("Enterprise");
    expect(facts).toContain("Manufacturing");
    expect(facts).toContain("5,000 employees");
    expect(facts).toContain("Chicago, IL");
    const headline = await page.locator(".headline").textContent();
    expect(headline).toContain("$120,000");
    expect(headline).toMatch(/9[01] days/);
    expect(headline).toContain("CSM: Jane Smith");
    expect(headline).toContain("last CSM contact 45 days ago");
    await expect(page.locator('figure.chart[aria-label^="Health score over 90 days"] svg').count()).resolves.toBe(1);
    await expect(page.locator(".cohort-compare").textContent()).resolves.toMatch(
      /vs Enterprise avg: \d+ \(\d+(st|nd|rd|th) %ile of \d+\)/,
    );
    await expect(page.locator(".bars li").count()).resolves.toBe(6);
    await expect(page.locator(".bars li", { hasText: "Usage" }).textContent()).resolves.toMatch(
      /DAU [\d.]+ \(7-day avg\) vs expected/,
    );
    const sarah = page.locator("tr", { hasText: "Sarah Chen" });
    await expect(sarah.textContent()).resolves.toContain("21 days ago");
    await expect(sarah.textContent()).resolves.toContain("Inactive");
    await page.screenshot({ path: `${shots}client-acme.png`, fullPage: true });
    // Clicking a day on the chart opens that day's component breakdown.
    await page.locator(".day-links a").nth(60).click();
    await page.waitForURL(/day=\d{4}-\d{2}-\d{2}/);
    await expect(page.locator("#day-breakdown .bars li").count()).resolves.toBe(6);
    await expect(page.locator("#day-breakdown h2").textContent()).resolves.toMatch(
      /Breakdown on \w{3} \d+, \d{4}: \d+/,
    );

    await page.getByRole("link", { name: "Usage" }).click();
    await page.waitForURL(/tab=usage/);
    await page.locator('figure.chart[aria-label^="Logins by hour"] svg').waitFor();
    const sarahRow = page.locator("section[aria-label=Usage] tr", { hasText: "Sarah Chen" });
    await expect(sarahRow.textContent()).resolves.toMatch(/21 days ago.*Inactive.*Champion/);
    await expect(page.locator(".cards.three .card").first().textContent()).resolves.toMatch(
      /Daily active.*last 30 days vs the 30 before.*90-day avg/,
    );
    await page.screenshot({ path: `${shots}client-acme-usage.png`, fullPage: true });

    await page.getByRole("link", { name: "Adoption" }).click();
    await page.waitForURL(/tab=adoption/);
    const policy = page.locator("section[aria-label=Adoption] tr", { hasText: "Policy Publish" });
    await policy.waitFor();
    await expect(policy.textContent()).resolves.toContain("Not Configured");
    await expect(page.locator(".lead").textContent()).resolves.toMatch(/Adoption score \d+%.*expansion: API/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
