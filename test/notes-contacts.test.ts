import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";

import { acmeId, AE, asUser, JANE, JOHN, json, VP } from "./helpers";

let acme: string;
beforeAll(async () => {
  acme = await acmeId();
});

describe("notes", () => {
  it("keeps a private note for its author alone, VPs included", async () => {
    const res = await asUser(
      JANE,
      `/clients/${acme}/notes`,
      json("POST", {
        title: "Renewal angle",
        content: "Sarah may be leaving; line up Mike.",
        note_type: "RISK",
        is_private: true,
      }),
    );
    expect(res.status).toBe(201);
    const note = await res.json<{ id: string; is_private: boolean; created_by_id: string }>();
    expect(note).toMatchObject({ is_private: true, created_by_id: "usr_jane_smith" });
    const mine = await (await asUser(JANE, `/clients/${acme}/notes`)).json<{ data: { id: string }[] }>();
    expect(mine.data.map((n) => n.id)).toContain(note.id);
    for (const other of [VP, AE, "admin@ethico.test"]) {
      const list = await (await asUser(other, `/clients/${acme}/notes`)).json<{ data: { id: string }[] }>();
      expect(list.data.map((n) => n.id)).not.toContain(note.id);
      expect((await asUser(other, `/notes/${note.id}`, json("PUT", { content: "x" }))).status).toBe(404);
      expect((await asUser(other, `/notes/${note.id}`, { method: "DELETE" })).status).toBe(404);
    }
    expect((await asUser(JOHN, `/clients/${acme}/notes`)).status).toBe(404);
  });

  it("creates, filters, edits and deletes shared notes with the right permissions", async () => {
    const note = await (
      await asUser(
        JANE,
        `/clients/${acme}/notes`,
        json("POST", { content: "QBR planned for January.", note_type: "QBR_PREP" }),
      )
    ).json<{ id: string }>();
    const qbr = await (
      await asUser(VP, `/clients/${acme}/notes?note_type=QBR_PREP`)
    ).json<{ data: { id: string; note_type: string; created_by: { name: string } }[] }>();
    expect(qbr.data.every((n) => n.note_type === "QBR_PREP")).toBe(true);
    expect(qbr.data.find((n) => n.id === note.id)!.created_by.name).toBe("Jane Smith");
    expect((await asUser(AE, `/notes/${note.id}`, json("PUT", { content: "mine" }))).status).toBe(403);
    expect((await asUser(VP, `/notes/${note.id}`, json("PUT", { is_private: true }))).status).toBe(403);
    const edited = await asUser(VP, `/notes/${note.id}`, json("PUT", { content: "QBR moved to February." }));
    expect(await edited.json()).toMatchObject({ content: "QBR moved to February." });
    expect(
      (await asUser(JANE, `/clients/${acme}/notes`, json("POST", { content: "", note_type: "GENERAL" }))).status,
    ).toBe(400);
    expect(
      (await asUser(JANE, `/clients/${acme}/notes`, json("POST", { content: "x", note_type: "GOSSIP" }))).status,
    ).toBe(400);
    expect((await asUser(JANE, `/notes/${note.id}`, { method: "DELETE" })).status).toBe(204);
    expect(await env.DB.prepare("SELECT 1 FROM client_notes WHERE id = ?").bind(note.id).first()).toBeNull();
    expect(
      await env.DB.prepare("SELECT action FROM audit_log WHERE resource_id = ? AND action = 'delete'")
        .bind(note.id)
        .first(),
    ).toEqual({ action: "delete" });
  });
});

describe("contacts", () => {
  it("adds, edits, keeps one primary, and removes a contact without losing it", async () => {
    const user = (await env.DB.prepare("SELECT id FROM platform_users WHERE client_id = ? LIMIT 1 OFFSET 7")
      .bind(acme)
      .first<{ id: string }>())!.id;
    const res = await asUser(
      JANE,
      `/clients/${acme}/contacts`,
      json("POST", {
        name: "Nora Quinn",
        email: "Nora.Quinn@acme.example",
        title: "Deputy CCO",
        role: "CHAMPION",
        is_primary: true,
        user_id: user,
      }),
    );
    expect(res.status).toBe(201);
    const c = await res.json<{ id: string; email: string; engagement_status: string; is_primary: boolean }>();
    expect(c).toMatchObject({
      email: "nora.quinn@acme.example",
      is_primary: true,
      engagement_status: expect.stringMatching(/ACTIVE|DECLINING|INACTIVE/),
    });
    const primaries = await env.DB.prepare(
      "SELECT count(*) AS n FROM client_contacts WHERE client_id = ? AND is_primary",
    )
      .bind(acme)
      .first<{ n: number }>();
    expect(primaries!.n).toBe(1);
    expect(
      await (await asUser(JANE, `/contacts/${c.id}`, json("PUT", { title: "CCO", is_billing: true }))).json(),
    ).toMatchObject({ title: "CCO", is_billing: true });
    expect((await asUser(JOHN, `/contacts/${c.id}`, json("PUT", { title: "x" }))).status).toBe(404);
    expect((await asUser(JANE, `/contacts/${c.id}`, { method: "DELETE" })).status).toBe(204);
    const list = await (await asUser(JANE, `/clients/${acme}/contacts`)).json<{ data: { id: string }[] }>();
    expect(list.data.map((x) => x.id)).not.toContain(c.id);
    const all = await (
      await asUser(JANE, `/clients/${acme}/contacts?include_inactive=true`)
    ).json<{ data: { id: string; is_active: boolean; left_company_at: string }[] }>();
    expect(all.data.find((x) => x.id === c.id)).toMatchObject({
      is_active: false,
      left_company_at: expect.any(String),
    });
    expect((await asUser(JANE, `/contacts/${c.id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("validates contacts", async () => {
    const bad = [
      { name: "X", role: "FRIEND" },
      { name: "X", role: "USER", email: "not-an-email" },
      { name: "X", role: "USER", phone: "call me" },
      { role: "USER" },
      { name: "X", role: "USER", twitter: "@x" },
    ];
    for (const body of bad)
      expect((await asUser(JANE, `/clients/${acme}/contacts`, json("POST", body))).status).toBe(400);
    expect(
      (
        await asUser(
          JANE,
          `/clients/${acme}/contacts`,
          json("POST", { name: "X", role: "USER", user_id: "pu_not_theirs" }),
        )
      ).status,
    ).toBe(422);
    expect((await asUser(JANE, `/clients/${acme}/contacts?include_inactive=maybe`)).status).toBe(400);
  });
});
