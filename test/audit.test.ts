import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";

import { acmeId, ADMIN, asUser, JANE, type Json, json, PAGE, VP } from "./helpers";

// The audit trail (issue 8, part 3): every read, write and refusal is on it; the admin and the
// VP of Client Success filter it by user, resource, action, outcome and time, page through it
// and export it as CSV; nobody changes or deletes a row, through the API or underneath it.

let acme: string;

beforeAll(async () => {
  acme = await acmeId();
  // A read, a refused read and a write, to find again.
  expect((await asUser(JANE, `/clients/${acme}`)).status).toBe(200);
  expect((await asUser("john.doe@ethico.test", `/clients/${acme}`)).status).toBe(404);
  const note = await asUser(
    JANE,
    `/clients/${acme}/notes`,
    json("POST", { content: '=HYPERLINK("http://x") renewal risk', note_type: "GENERAL", is_private: false }),
  );
  expect(note.status).toBe(201);
});

const audit = async (email: string, query: string) => asUser(email, `/audit${query}`);

describe("GET /audit", () => {
  it("lists the trail newest first and filters by user, resource, action and outcome", async () => {
    const all = (await (await audit(ADMIN, "?limit=500")).json()) as Json;
    const ats = all.data.map((r: Json) => r.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    const jane = (await (
      await audit(ADMIN, `?user=${JANE}&resource_type=client&resource_id=${acme}&action=read`)
    ).json()) as Json;
    expect(jane.data.length).toBeGreaterThan(0);
    for (const r of jane.data)
      expect(r).toMatchObject({
        user_email: JANE,
        resource_type: "client",
        resource_id: acme,
        action: "read",
        outcome: "SUCCESS",
      });
    const refused = (await (await audit(VP, `?user=john.doe@ethico.test&outcome=NOT_FOUND`)).json()) as Json;
    expect(refused.data.some((r: Json) => r.resource_id === acme)).toBe(true);
    const byId = (await (await audit(ADMIN, `?user=usr_jane_smith&action=create`)).json()) as Json;
    expect(byId.data.some((r: Json) => r.resource_type === "note")).toBe(true);
  });

  it("filters by time: a day, an instant range, nothing in the future", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const day = (await (await audit(ADMIN, `?from=${today}&to=${today}&user=${JANE}`)).json()) as Json;
    expect(day.pagination.total).toBeGreaterThan(0);
    const future = (await (await audit(ADMIN, `?from=2999-01-01`)).json()) as Json;
    expect(future).toMatchObject({ data: [], pagination: { total: 0 } });
    const past = (await (await audit(ADMIN, `?to=2000-01-01T00:00:00Z`)).json()) as Json;
    expect(past.pagination.total).toBe(0);
  });

  it("pages through the trail without repeating or skipping an entry", async () => {
    const first = (await (await audit(ADMIN, `?limit=3&page=1`)).json()) as Json;
    // The trail grows as it is read (each page read is an entry): page 2 is read as of page 1.
    const second = (await (
      await audit(ADMIN, `?limit=3&page=2&as_of=${encodeURIComponent(first.pagination.as_of)}`)
    ).json()) as Json;
    expect(second.pagination.total).toBe(first.pagination.total);
    expect(first.data).toHaveLength(3);
    const ids = new Set([...first.data, ...second.data].map((r: Json) => r.id));
    expect(ids.size).toBe(first.data.length + second.data.length);
    expect(first.pagination.total_pages).toBe(Math.ceil(first.pagination.total / 3));
  });

  it("exports the filtered trail as CSV", async () => {
    const res = await audit(ADMIN, `?user=${JANE}&resource_type=note&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toContain("audit-log.csv");
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toBe("at,user_id,user_email,action,resource_type,resource_id,outcome,status_code,details");
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1)) expect(line).toContain(`,${JANE},`);
    // Exporting is itself audited, with its filters.
    const exported = await env.DB.prepare(
      "SELECT details FROM audit_log WHERE action = 'export' AND resource_type = 'audit_log' ORDER BY at DESC LIMIT 1",
    ).first<{ details: string }>();
    expect(JSON.parse(exported!.details)).toEqual({ filters: { user: JANE, resource_type: "note" } });
  });

  it("is for the admin and the VP of Client Success only; a refusal is audited", async () => {
    for (const who of [JANE, "ae@ethico.test", "vp-sales@ethico.test"]) {
      const res = await audit(who, "");
      expect(res.status).toBe(403);
      expect(((await res.json()) as Json).error.code).toBe("FORBIDDEN");
    }
    const denied = await env.DB.prepare(
      "SELECT user_email FROM audit_log WHERE resource_type = 'audit_log' AND outcome = 'DENIED' AND user_email = ?",
    )
      .bind(JANE)
      .first();
    expect(denied).not.toBeNull();
    expect((await audit(VP, "")).status).toBe(200);
  });

  it("refuses bad filters with the JSON error and says which", async () => {
    for (const [q, param] of [
      ["?outcome=MAYBE", "outcome"],
      ["?from=yesterday", "from"],
      ["?page=0", "page"],
      ["?limit=501", "limit"],
      ["?who=me", "who"],
      ["?from=2026-02-30", "from"],
      ["?from=2026-05-01&to=2026-04-01", "to"],
      ["?user=a&user=b", "user"],
      ["?action=read;drop", "action"],
    ]) {
      const res = await audit(ADMIN, q);
      expect(res.status, q).toBe(400);
      const body = (await res.json()) as Json;
      expect(body.error.code).toBe("BAD_REQUEST");
      expect(
        body.error.details.map((d: Json) => d.param),
        q,
      ).toContain(param);
    }
  });
});

describe("the audit trail cannot be changed", () => {
  it("offers no way to change or delete an entry through the API", async () => {
    for (const method of ["PUT", "PATCH", "DELETE", "POST"])
      expect((await asUser(ADMIN, "/audit", { method })).status).toBe(404);
  });

  it("refuses UPDATE and DELETE underneath the app too (append-only triggers)", async () => {
    const before = await env.DB.prepare("SELECT count(*) AS n FROM audit_log").first<{ n: number }>();
    await expect(
      env.DB.prepare("UPDATE audit_log SET outcome = 'SUCCESS' WHERE outcome = 'DENIED'").run(),
    ).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare("DELETE FROM audit_log").run()).rejects.toThrow(/append-only/);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM audit_log").first()).toEqual(before);
    expect(
      (await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE outcome = 'DENIED'").first<{ n: number }>())!.n,
    ).toBeGreaterThan(0);
  });
});

describe("/admin/audit", () => {
  it("shows the filtered trail with a CSV link carrying the same filters", async () => {
    const res = await asUser(ADMIN, `${PAGE}/admin/audit?user=${encodeURIComponent(JANE)}&outcome=SUCCESS`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Audit trail");
    expect(html).toContain(JANE);
    expect(html).toContain(
      `/api/v1/client-success/audit?user=${encodeURIComponent(JANE)}&amp;outcome=SUCCESS&amp;format=csv`,
    );
  });

  it("refuses a CSM and says why", async () => {
    const res = await asUser(JANE, `${PAGE}/admin/audit`);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Only an admin or the VP of Client Success");
  });
});
