import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";

import { getDb } from "#worker/db/client";
import { findUserByEmail } from "#worker/db/queries/users";
import { executiveBrief } from "#worker/services/ai/executive";

import { fakeWorkersAi, type Json, textReply } from "./fakes/fake-workers-ai";
import { asUser, asUserDirect, PAGE, VP } from "./helpers";
import { trainChurnModelByCron } from "./helpers/churn-model";

// US-015-003 on /executive: next quarter's predicted churn from the churn model (the analytics
// API's figures, with a range) and a narrative naming the clients and drivers behind the change.

beforeAll(trainChurnModelByCron);

const vp = async () => (await findUserByEmail(getDb(env.DB), VP))!;

describe("executive outlook", () => {
  it("forecasts next quarter's churn as GET /analytics/churn-risk does, with a range, and names the movers", async () => {
    const b = await executiveBrief({}, getDb(env.DB), await vp(), {}, new Date());
    const c = await (await asUser(VP, "/analytics/churn-risk")).json<Json>();
    expect(b.forecast.expected_clients).toBeCloseTo(c.next_quarter.expected_churn_clients, 2);
    expect(b.forecast.expected_arr).toBe(c.next_quarter.expected_churn_arr);
    expect(b.forecast.clients_low).toBeLessThanOrEqual(b.forecast.expected_clients);
    expect(b.forecast.clients_high).toBeGreaterThanOrEqual(Math.floor(b.forecast.expected_clients));
    expect(b.narrative).toMatchObject({ provider: "local", note: null });
    // The biggest 30-day drop in the book is named, with its score move.
    const top = b.facts.decliners[0];
    expect(top).toBeDefined();
    expect(b.narrative.text).toContain(`${top.name} (${top.from} → ${top.to}`);
    expect(b.narrative.text).toContain(`${b.forecast.expected_clients} of ${b.forecast.renewals} renewing clients`);
  });

  it("shows on /executive, worded by Workers AI when bound and by the local narrator when it fails", async () => {
    const ai = fakeWorkersAi([
      textReply("Health slipped this month, led by two accounts; expect about one churn next quarter."),
    ]);
    const page = await asUserDirect(VP, `${PAGE}/executive`, {}, { ...env, AI: ai.AI } as Env);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Outlook");
    expect(html).toContain("Health slipped this month, led by two accounts; expect about one churn next quarter.");
    expect(html).toContain("Predicted churn next quarter");
    expect(ai.calls[0].input.messages[1].content).toContain('"decliners"');

    const failing = fakeWorkersAi([
      () => {
        throw new Error("3040: Capacity temporarily exceeded");
      },
    ]);
    const b = await executiveBrief(
      { AI: failing.AI, AI_TEXT_MODEL: env.AI_TEXT_MODEL },
      getDb(env.DB),
      await vp(),
      {},
      new Date(),
    );
    expect(b.narrative).toMatchObject({ provider: "local", note: expect.stringMatching(/3040/) });
    expect(b.narrative.text).toMatch(/^Since \d{4}-\d{2}-\d{2}, average health for the portfolio/);
  });
});
