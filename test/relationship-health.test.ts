import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";

import { acmeId, asUser, JANE, json, PAGE } from "./helpers";

// Issue 17.5 on the seeded Acme story: a one-line email with nobody attached must not lift Acme
// out of At Risk (nor cut Jane's ARR at risk) while its usage falls; a QBR with Sarah Chen, the
// champion, moves relationship visibly, and the client page says why.

interface Change {
  component: string;
  before: number | null;
  after: number | null;
  delta: number | null;
  overall_points: number;
  reason_before: string | null;
  reason_after: string | null;
}
interface Health {
  overall_score: number;
  health_status: string;
  components: Record<string, { score: number | null; detail: string | null }>;
  since_yesterday: {
    overall_before: number | null;
    overall_after: number | null;
    components: Change[];
    summary: string;
  };
}

let acme: string;
let sarah: string;
const health = async () => (await asUser(JANE, `/clients/${acme}/health`)).json<Health>();
const arrAtRisk = async () =>
  (await (await asUser(JANE, "/analytics/portfolio")).json<{ arr_at_risk: { value: number } }>()).arr_at_risk.value;
// A minute ago, never before today's midnight: the touch is "today" at any hour the test runs.
const justNow = () =>
  new Date(
    Math.max(Date.now() - 60_000, Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`)),
  ).toISOString();

beforeAll(async () => {
  acme = await acmeId();
  sarah = (await env.DB.prepare("SELECT id FROM client_contacts WHERE name = 'Sarah Chen'").first<{ id: string }>())!
    .id;
});

describe("relationship health rewards real engagement (Acme)", () => {
  it("a one-line email with no contact leaves Acme At Risk and Jane's ARR at risk unchanged; a QBR with Sarah Chen moves it and is explained", async () => {
    const before = await health();
    const riskBefore = await arrAtRisk();
    expect(before.health_status).toBe("AT_RISK");

    const email = await asUser(
      JANE,
      `/clients/${acme}/activities`,
      json("POST", { activity_type: "EMAIL", subject: "Quick note", occurred_at: justNow() }),
    );
    expect(email.status).toBe(201);
    const afterEmail = await health();
    expect(afterEmail.health_status).toBe("AT_RISK");
    expect(afterEmail.overall_score - before.overall_score).toBeLessThanOrEqual(1);
    const relEmail = afterEmail.components.relationship.score! - before.components.relationship.score!;
    expect(relEmail).toBeGreaterThanOrEqual(0);
    expect(relEmail).toBeLessThanOrEqual(4);
    expect(afterEmail.components.relationship.detail).toContain(
      "Last CSM contact 0 days ago; latest: email with no contact attached, brief notes, worth 4% of a QBR with the champion",
    );
    expect(await arrAtRisk()).toBe(riskBefore);

    const qbr = await asUser(
      JANE,
      `/clients/${acme}/activities`,
      json("POST", {
        activity_type: "QBR",
        subject: "Quarterly business review with Sarah Chen",
        occurred_at: justNow(),
        duration_minutes: 60,
        client_contacts: [sarah],
        description:
          "Reviewed the drop in daily active users with Sarah; agreed a re-launch plan for the investigators and a usage review in two weeks.",
        outcome: "SUCCESSFUL_ENGAGEMENT",
      }),
    );
    expect(qbr.status).toBe(201);
    const afterQbr = await health();
    const rel = afterQbr.since_yesterday.components.find((c) => c.component === "relationship")!;
    expect(afterQbr.components.relationship.score! - afterEmail.components.relationship.score!).toBeGreaterThanOrEqual(
      25,
    );
    expect(afterQbr.overall_score).toBeGreaterThan(afterEmail.overall_score);
    // Since yesterday: relationship moved most, with today's reason naming the QBR with the champion.
    expect(afterQbr.since_yesterday.components[0].component).toBe("relationship");
    expect(rel.after).toBe(afterQbr.components.relationship.score);
    expect(rel.delta).toBe(rel.after! - rel.before!);
    expect(rel.overall_points).toBeGreaterThan(3);
    expect(rel.reason_after).toContain("latest: QBR with the champion, worth 100% of a QBR with the champion");
    expect(rel.reason_before).toContain("Last CSM contact 44 days ago"); // yesterday, when the seeded call was 45 days before today
    expect(afterQbr.since_yesterday.summary).toContain(`Relationship ${rel.before} → ${rel.after} (+${rel.delta})`);

    // The client page (Overview) shows the same change, input by input, and why.
    const html = (await (await asUser(JANE, `${PAGE}/clients/${acme}`)).text()).replaceAll("<!-- -->", "");
    expect(html).toContain("What changed since yesterday");
    expect(html).toContain(afterQbr.since_yesterday.summary);
    expect(html).toMatch(
      /<tr data-component="relationship"><th scope="row">Relationship<\/th><td class="tabular-nums">\d+<\/td><td class="tabular-nums">\d+<span class="text-muted-foreground"> \(\+\d+\)/,
    );
    expect(html).toContain("latest: QBR with the champion");
  });
});
