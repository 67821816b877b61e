import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { pageAs, useBrowser } from "./browser";
import { useLocalWorker } from "./local-worker";

// Stored XSS (issue 8, part 4): markup typed into a note, an activity, a contact and a chat
// message is shown as the text it is, in the real browser, and never runs. Each payload would
// set window.__xss or open a dialog if it did.

const worker = await useLocalWorker(import.meta.url, afterAll);
const base = worker.baseUrl;
const chromium = useBrowser(beforeAll, afterAll);
const JANE = "jane.smith@ethico.test";
const PAYLOADS = [
  `<img src=x onerror="window.__xss='img'">`,
  `<script>window.__xss='script'</script>`,
  `"><svg onload="window.__xss='svg'">`,
  `javascript:window.__xss='href'`,
];
const api = (path: string, init: RequestInit = {}) => worker.api(JANE, path, init);

let acme: string;

beforeAll(async () => {
  const list = (await (await api("/clients?search=Acme%20Corporation")).json()) as { data: { id: string }[] };
  acme = list.data[0].id;
  for (const [i, p] of PAYLOADS.entries()) {
    expect(
      (
        await api(`/clients/${acme}/notes`, {
          method: "POST",
          body: JSON.stringify({ title: `XSS ${i} ${p}`, content: `note ${p}`, note_type: "RISK" }),
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api(`/clients/${acme}/activities`, {
          method: "POST",
          body: JSON.stringify({
            activity_type: "OTHER",
            subject: `xss-${i} ${p}`,
            description: `activity ${p}`,
            occurred_at: new Date(Date.now() - 60_000 * (i + 1)).toISOString(),
          }),
        })
      ).status,
    ).toBe(201);
  }
  expect(
    (
      await api(`/clients/${acme}/contacts`, {
        method: "POST",
        body: JSON.stringify({ name: `Mallory ${PAYLOADS[0]}`, title: PAYLOADS[2], role: "OTHER" }),
      })
    ).status,
  ).toBe(201);
});

describe("stored markup is shown, never run", () => {
  it("in notes, the timeline, contacts and the assistant", async () => {
    const { context, page, errors } = await pageAs(chromium.get(), base, JANE);
    const dialogs: string[] = [];
    page.on("dialog", async (d) => (dialogs.push(d.message()), d.dismiss()));
    const ran = () => page.evaluate(() => (window as unknown as { __xss?: string }).__xss ?? null);

    await page.goto(`${base}/clients/${acme}?tab=notes`);
    for (const p of PAYLOADS)
      await expect(page.getByText(`note ${p}`, { exact: true }).first().isVisible()).resolves.toBe(true);
    await page.goto(`${base}/clients/${acme}?tab=timeline&q=xss-`);
    for (const [i, p] of PAYLOADS.entries()) await page.getByText(`xss-${i} ${p}`).first().waitFor();
    await page.goto(`${base}/clients/${acme}?tab=contacts`);
    await page
      .locator("section[aria-label=Contacts] tr", { hasText: `Mallory ${PAYLOADS[0]}` })
      .first()
      .waitFor();
    // Nothing the payloads would have made exists as an element.
    expect(await page.locator("img[src=x], svg[onload]").count()).toBe(0);

    await page.goto(`${base}/assistant`);
    await page.getByLabel("Ask the assistant").fill(`how is ${PAYLOADS[0]} doing?`);
    await page.getByRole("button", { name: "Ask" }).click();
    await page.getByText(`how is ${PAYLOADS[0]} doing?`).first().waitFor();
    expect(await page.locator("img[src=x]").count()).toBe(0);

    expect(await ran()).toBeNull();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
