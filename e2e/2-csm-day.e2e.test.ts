import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SHOTS_DIR, signIn, useBrowser } from "./browser";
import { useLocalWorker } from "./local-worker";

// A CSM's loop on one client: open Acme as Jane, log a call with a follow-up, find it in the
// timeline, export the timeline, keep a private note. With JavaScript and without.

const worker = await useLocalWorker(import.meta.url, afterAll);
const base = worker.baseUrl;
const shots = SHOTS_DIR;
const chromium = useBrowser(beforeAll, afterAll);

async function asJane(javaScriptEnabled: boolean): Promise<Page> {
  const context = await chromium.get().newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled });
  context.setDefaultTimeout(10_000);
  await signIn(context, base, "jane.smith@ethico.test");
  const page = await context.newPage();
  await page.goto(`${base}/?search=acme`);
  await page.getByRole("link", { name: "Acme Corporation", exact: true }).first().click();
  await page.waitForURL(/\/clients\/cli_/);
  return page;
}

describe.each([true, false])("the CSM's day on a client (JavaScript %s)", (js) => {
  it("logs a call with a follow-up and finds it in the timeline, then exports it", async () => {
    const page = await asJane(js);
    const subject = `Renewal check-in with Sarah ${js ? "A" : "B"}`;
    await page.getByText("Log activity", { exact: true }).click();
    const form = page.getByRole("form", { name: "Log activity" });
    await form.getByLabel("Type").selectOption("CALL");
    await form.getByLabel("Subject").fill(subject);
    await form.getByLabel("Notes").fill("Talked through usage; she will re-engage her team in January.");
    await form.getByLabel("Duration (minutes)").fill("30");
    await form.getByLabel("Outcome").selectOption("FOLLOW_UP_REQUIRED");
    await form.getByLabel("Sarah Chen").check();
    await form.getByLabel("Follow-up date").fill(new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));
    await form.getByRole("button", { name: "Save activity" }).click();
    await page.waitForURL(/tab=timeline/);
    const item = page.locator(".timeline li", { hasText: subject });
    await item.waitFor();
    await expect(item.count()).resolves.toBe(1);
    await item.locator("summary").click();
    await expect(item.textContent()).resolves.toContain("re-engage her team");
    await expect(page.locator(".headline").textContent()).resolves.toContain("last CSM contact today");
    await page.screenshot({ path: `${shots}client-timeline-${js ? "js" : "nojs"}.png`, fullPage: true });

    await page.getByLabel("Search").fill(subject);
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/q=/);
    await page.locator(".count", { hasText: /^1 events/ }).waitFor();
    await expect(page.locator(".timeline li").count()).resolves.toBe(1);
    const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    const csv = await page.context().request.get(`${base}${href}`);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(await csv.text()).toContain(subject);
    await page.context().close();
  });

  it("shows why an activity was refused and keeps what was typed", async () => {
    const page = await asJane(js);
    await page.getByText("Log activity", { exact: true }).click();
    const form = page.getByRole("form", { name: "Log activity" });
    await form.getByLabel("Subject").fill("Call in the far future");
    await form.getByLabel("When (UTC)").fill("2030-01-01T10:00");
    await form.getByRole("button", { name: "Save activity" }).click();
    await page.getByRole("alert").waitFor();
    await expect(page.getByRole("alert").textContent()).resolves.toContain("more than a day in the future");
    await expect(page.getByRole("form", { name: "Log activity" }).getByLabel("Subject").inputValue()).resolves.toBe(
      "Call in the far future",
    );
    await page.context().close();
  });

  it("schedules a call: an .ics invite downloads and the follow-up is logged", async () => {
    const page = await asJane(js);
    await page.locator("summary", { hasText: "Schedule call" }).click();
    const form = page.getByRole("form", { name: "Schedule call" });
    const subject = `QBR prep call ${js ? "A" : "B"}`;
    await form.getByLabel("Subject").fill(subject);
    await form.getByLabel("With").selectOption({ label: "Sarah Chen" });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      form.getByRole("button", { name: /Schedule and download/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^call-\d{4}-\d{2}-\d{2}\.ics$/);
    const ics = await (await import("node:fs/promises")).readFile((await download.path())!, "utf8");
    expect(ics).toContain(`SUMMARY:${subject}`);
    expect(ics).toMatch(/DTSTART:\d{8}T150000Z/);
    await page.goto(page.url().split("?")[0] + "?tab=timeline&q=" + encodeURIComponent(subject));
    await page.locator(".timeline li", { hasText: subject }).waitFor();
    await page.context().close();
  });

  it("adds a contact and reads the contract", async () => {
    const page = await asJane(js);
    await page.getByRole("link", { name: "Contacts" }).click();
    await page.waitForURL(/tab=contacts/);
    await page.locator("summary", { hasText: "Add contact" }).click();
    const form = page.getByRole("form", { name: "Add contact" });
    const name = `Nora Quinn ${js ? "A" : "B"}`;
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Title").fill("Deputy CCO");
    await form.getByLabel("Role").selectOption("EXECUTIVE_SPONSOR");
    await form.getByLabel("Email").fill(`nora.${js ? "a" : "b"}@acme.example`);
    await form.getByRole("button", { name: "Add contact" }).click();
    const row = page.locator("section[aria-label=Contacts] tr", { hasText: name });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain("Executive Sponsor");
    await page.getByRole("link", { name: "Contract" }).click();
    await page.waitForURL(/tab=contract/);
    const facts = page.locator(".facts-grid");
    await facts.waitFor();
    await expect(facts.textContent()).resolves.toMatch(/\d+ of 75 licensed/);
    await expect(page.locator("section[aria-label=Contract]").textContent()).resolves.toContain("Renewed");
    await page.context().close();
  });

  it("keeps a private note", async () => {
    const page = await asJane(js);
    await page.getByRole("link", { name: "Notes" }).click();
    await page.waitForURL(/tab=notes/);
    const form = page.getByRole("form", { name: "Add note" });
    await form.getByLabel("Note").fill(`Sarah may be leaving (${js ? "js" : "no js"})`);
    await form.getByLabel("Type").selectOption("RISK");
    await form.getByLabel(/Private/).check();
    await form.getByRole("button", { name: "Add note" }).click();
    const note = page.locator(".activities li", { hasText: `Sarah may be leaving (${js ? "js" : "no js"})` });
    await note.waitFor();
    await expect(note.textContent()).resolves.toContain("Private");
    await page.context().close();
  });
});
