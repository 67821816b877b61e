import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { pageAs, SHOTS_DIR, useBrowser } from "./browser";
import { useLocalWorker } from "./local-worker";

// Jane's day in the inbox and her tasks (issue 19), at 1,024 px: clear one client's alerts in
// bulk, snooze one and watch it leave Open, complete a follow-up from My tasks on the portfolio,
// reschedule another, with the bell, the list and the title agreeing throughout, no JavaScript
// error and no sideways scrolling.

const worker = await useLocalWorker(import.meta.url, afterAll);
const base = worker.baseUrl;
const chromium = useBrowser(beforeAll, afterAll);
const JANE = "jane.smith@ethico.test";

const bell = async (page: Page) => Number(await page.locator(".alert-bell .unread-count").textContent());
const openCount = async (page: Page) => Number(await page.locator(".open-count").getAttribute("data-count"));
const noSideScroll = async (page: Page) =>
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
  ).toBeLessThanOrEqual(0);

/** Bell, list and title show the same open count; returns it. */
async function countsAgree(page: Page) {
  const n = await openCount(page);
  await expect.poll(() => bell(page)).toBe(n);
  expect(await page.title()).toMatch(new RegExp(`^\\(${n}\\) Alerts`));
  return n;
}

describe("Jane's day: inbox and tasks", () => {
  it("clears a client's alerts in bulk, snoozes one, completes and reschedules follow-ups", async () => {
    const { context, page, errors } = await pageAs(chromium.get(), base, JANE);
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.goto(`${base}/alerts`);
    await page.locator('.alert-bell[data-stream="live"]').waitFor();
    const start = await countsAgree(page);
    expect(start).toBeGreaterThan(2);
    await noSideScroll(page);

    // Clear one client: tick the client's box (it ticks every card of the client), dismiss.
    const group = page.locator(".alert-group").first();
    const client = (await group.getAttribute("data-client"))!;
    const cards = await group.locator(".alert-card").count();
    await group.locator("input.select-group").check();
    expect(await group.locator("input.select-card:checked").count()).toBe(cards);
    await page.getByRole("button", { name: "Dismiss selected" }).click();
    await page
      .locator(".toast")
      .getByText(/alerts? dismissed/)
      .waitFor();
    await expect.poll(() => page.locator(`.alert-group[data-client="${client}"]`).count()).toBe(0);
    const afterClear = await countsAgree(page);
    expect(afterClear).toBe(start - cards);

    // Snooze one until a date three days out: it leaves Open, and waits under Snoozed.
    const card = page.locator(".alert-card").first();
    const ids = (await card.getAttribute("data-ids"))!;
    await card.locator("input.select-card").check();
    const inThree = await page.evaluate(() => {
      const d = new Date(Date.now() + 3 * 86_400_000);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    });
    await page.locator('input[name="snooze_until"]').fill(inThree);
    await page.getByRole("button", { name: "Snooze until date" }).click();
    await page
      .locator(".toast")
      .getByText(/snoozed until/)
      .waitFor();
    await expect.poll(() => page.locator(`.alert-card[data-ids="${ids}"]`).count()).toBe(0);
    expect(await countsAgree(page)).toBe(afterClear - 1);
    await page.goto(`${base}/alerts?status=SNOOZED`);
    await page.locator(`.alert-card[data-ids="${ids}"][data-status="SNOOZED"]`).waitFor();
    await page.screenshot({ path: `${SHOTS_DIR}inbox-1024.png`, fullPage: false });

    // My tasks on the portfolio: complete the first follow-up due.
    await page.goto(`${base}/`);
    const panel = page.locator(".my-tasks");
    const first = panel.locator("li.task").first();
    const done = (await first.getAttribute("data-task"))!;
    await first.getByRole("button", { name: /^Complete:/ }).click();
    await page
      .locator(".toast")
      .getByText(/Follow-up completed/)
      .waitFor();
    await expect.poll(() => panel.locator(`li.task[data-task="${done}"]`).count()).toBe(0);
    await noSideScroll(page);

    // Reschedule another on the task page: it moves to a later bucket.
    await page.goto(`${base}/tasks`);
    const task = page.locator("li.task").first();
    const moved = (await task.getAttribute("data-task"))!;
    const inTen = await page.evaluate(() => {
      const d = new Date(Date.now() + 10 * 86_400_000);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    });
    await task.locator('input[name="due"]').fill(inTen);
    await task.getByRole("button", { name: /^Reschedule:/ }).click();
    await page
      .locator(".toast")
      .getByText(/Follow-up moved to/)
      .waitFor();
    await page.locator(`li.task[data-task="${moved}"][data-bucket="later"]`).waitFor();
    expect(await page.locator(`li.task[data-task="${done}"]`).count()).toBe(0);
    await noSideScroll(page);
    await page.screenshot({ path: `${SHOTS_DIR}tasks-1024.png`, fullPage: false });
    expect(errors).toEqual([]);
    await context.close();
  });
});
