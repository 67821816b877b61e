import { beforeAll, describe, expect, it } from "vitest";

import { acmeId, asUser, JANE, JOHN, json, VP } from "./helpers";

let acme: string;
beforeAll(async () => {
  acme = await acmeId();
});

interface Item {
  type: string;
  id: string;
  at: string;
  title: string;
  detail: string;
  actor: string | null;
}

describe("client timeline", () => {
  it("merges activities, tickets, health changes, notes, renewals and surveys, newest first", async () => {
    const res = await asUser(JANE, `/clients/${acme}/timeline?limit=200`);
    expect(res.status).toBe(200);
    const t = await res.json<{ data: Item[]; pagination: { total: number } }>();
    const types = new Set(t.data.map((i) => i.type));
    for (const type of ["activity", "support_ticket", "health_change", "survey"]) expect(types).toContain(type);
    expect(t.data.map((i) => i.at)).toEqual([...t.data.map((i) => i.at)].sort().reverse());
    expect(t.pagination.total).toBeGreaterThan(t.data.length - 1);
  });

  it("finds a call logged a moment ago by type and text, and hides others' private notes", async () => {
    await asUser(
      JANE,
      `/clients/${acme}/activities`,
      json("POST", {
        activity_type: "CALL",
        subject: "Zebra-stripe renewal call",
        occurred_at: new Date().toISOString(),
      }),
    );
    await asUser(
      JANE,
      `/clients/${acme}/notes`,
      json("POST", { content: "Zebra note, private", note_type: "RISK", is_private: true }),
    );
    const mine = await (await asUser(JANE, `/clients/${acme}/timeline?q=zebra`)).json<{ data: Item[] }>();
    expect(mine.data.map((i) => i.type).sort()).toEqual(["activity", "note"]);
    expect(mine.data.find((i) => i.type === "activity")).toMatchObject({
      title: "CALL: Zebra-stripe renewal call",
      actor: "Jane Smith",
    });
    const vp = await (await asUser(VP, `/clients/${acme}/timeline?q=zebra`)).json<{ data: Item[] }>();
    expect(vp.data.map((i) => i.type)).toEqual(["activity"]);
    const calls = await (
      await asUser(JANE, `/clients/${acme}/timeline?type=activity&limit=5`)
    ).json<{ data: Item[] }>();
    expect(calls.data.every((i) => i.type === "activity")).toBe(true);
    expect((await asUser(JOHN, `/clients/${acme}/timeline`)).status).toBe(404);
  });

  it("exports CSV for QBR preparation and validates its parameters", async () => {
    const res = await asUser(JANE, `/clients/${acme}/timeline?format=csv&type=activity`);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="Acme-Corporation-timeline-.*\.csv"/);
    const csv = await res.text();
    expect(csv.split("\r\n")[0]).toBe("at,type,title,detail,actor,tag");
    expect(csv).toContain("Zebra-stripe renewal call");
    for (const bad of ["type=gossip", "from=2026-13-01", "format=xml", "limit=0", "colour=red"]) {
      expect((await asUser(JANE, `/clients/${acme}/timeline?${bad}`)).status).toBe(400);
    }
    expect((await asUser(JANE, `/clients/${acme}/timeline?from=2026-11-10&to=2026-11-01`)).status).toBe(400);
  });
});
