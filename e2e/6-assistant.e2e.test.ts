import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { pageAs, SHOTS_DIR, useBrowser } from "./browser";
import { useLocalWorker } from "./local-worker";

// The assistant as a CSM uses it, offline (local intent parser): asking about the client on its
// page, thumbs on an answer, follow-ups in a stored conversation, the portfolio's AI insights
// and the daily briefing.

const worker = await useLocalWorker(import.meta.url, afterAll);
const base = worker.baseUrl;
const chromium = useBrowser(beforeAll, afterAll);

describe("assistant", () => {
  it("answers about the client on its page, takes thumbs, and keeps the conversation", async () => {
    const { context, page, errors } = await pageAs(chromium.get(), base, "jane.smith@ethico.test");
    await page.goto(`${base}/`);
    await page.getByRole("link", { name: "Acme Corporation", exact: true }).first().click();
    const panel = page.locator(".ai-panel");
    await panel.getByLabel("Ask the assistant").fill("why is the health score dropping?");
    await panel.getByRole("button", { name: "Ask" }).click();
    const answer = panel.locator(".chat-answer").first();
    await answer.getByText(/^Acme Corporation's health is \d+/).waitFor();
    await expect(answer.getByRole("link", { name: "Acme Corporation" }).getAttribute("href")).resolves.toMatch(
      /^\/clients\//,
    );
    await answer.getByRole("button", { name: "Helpful", exact: true }).click();
    await answer.getByRole("status").filter({ hasText: "Thanks" }).waitFor();
    await panel.getByLabel("Ask the assistant").fill("draft an email");
    await panel.getByRole("button", { name: "Ask" }).click();
    await panel.locator(".chat-answer").nth(1).locator(".draft").waitFor();
    await page.screenshot({ path: `${SHOTS_DIR}client-acme-chat.png`, fullPage: true });

    // The conversation is stored, with the vote.
    await page.goto(`${base}/assistant`);
    await page
      .getByRole("navigation", { name: "Conversations" })
      .getByRole("link", { name: "why is the health score dropping?" })
      .first()
      .click();
    await expect(
      page
        .locator(".chat-answer")
        .first()
        .getByRole("button", { name: "Helpful", exact: true })
        .getAttribute("aria-pressed"),
    ).resolves.toBe("true");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("finds this month's big drops and drafts emails on 'yes'", async () => {
    const { context, page, errors } = await pageAs(chromium.get(), base, "jane.smith@ethico.test");
    await page.goto(`${base}/assistant`);
    await page
      .getByLabel("Ask the assistant")
      .fill("Show me clients whose health dropped more than 10 points this month");
    await page.getByRole("button", { name: "Ask" }).click();
    const first = page.locator(".chat-answer").first();
    await first.getByText(/Health dropped more than 10 points in the last 30 days/).waitFor();
    const listed = await first.locator(".chat-results tbody tr").count();
    expect(listed).toBeGreaterThan(0);
    await page.getByLabel("Ask the assistant").fill("yes");
    await page.getByRole("button", { name: "Ask" }).click();
    await page.locator(".chat-answer").nth(1).locator(".draft").first().waitFor();
    await expect(page.locator(".chat-answer").nth(1).locator(".draft").count()).resolves.toBe(Math.min(listed, 5));
    await page.screenshot({ path: `${SHOTS_DIR}assistant-drops-and-drafts.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows who needs attention today on the portfolio, and the briefing ready for email", async () => {
    const { context, page, errors } = await pageAs(chromium.get(), base, "jane.smith@ethico.test");
    await page.goto(`${base}/`);
    const insights = page.locator(".ai-insights");
    await insights.getByText(/clients? needs? attention today|No client needs attention today/).waitFor();
    const named = await insights.locator("ol > li").count();
    expect(named).toBeGreaterThan(0);
    await insights.getByRole("link", { name: /View all recommendations/ }).click();
    await page.getByRole("heading", { name: /Daily briefing · Jane Smith/ }).waitFor();
    const email = (await page.locator(".email-text").textContent())!;
    expect(email).toMatch(/^Good morning Jane,/);
    expect(email).toContain("/clients/");
    await page.screenshot({ path: `${SHOTS_DIR}daily-briefing.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
