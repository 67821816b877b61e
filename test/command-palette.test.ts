import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";

import { asUser, JANE, type Json, PAGE, VP } from "./helpers";

// The command palette's clients (/palette): what Ctrl/Cmd-K can jump to is the caller's scope,
// never more, and reading it is audited like any list of clients.

const palette = async (email: string) => (await (await asUser(email, `${PAGE}/palette`)).json()) as { clients: Json[] };

describe("the command palette's clients", () => {
  it("are the caller's own portfolio for a CSM and every active client for the VP, by name", async () => {
    const jane = await palette(JANE);
    const mine = (
      await env.DB.prepare(
        "SELECT id FROM clients WHERE csm_user_id = 'usr_jane_smith' AND account_status = 'ACTIVE' ORDER BY name",
      ).all<Json>()
    ).results.map((r) => r.id);
    expect(jane.clients.map((c) => c.id).sort()).toEqual([...mine].sort());
    expect(jane.clients.length).toBeGreaterThan(0);
    expect(Object.keys(jane.clients[0]).sort()).toEqual(["id", "name", "score", "status", "tier"]);
    const names = jane.clients.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const all = (await env.DB.prepare(
      "SELECT count(*) AS n FROM clients WHERE account_status = 'ACTIVE'",
    ).first<Json>())!.n;
    expect((await palette(VP)).clients).toHaveLength(all);
    const audit = await env.DB.prepare(
      "SELECT details FROM audit_log WHERE user_id = 'usr_jane_smith' AND action = 'list' AND resource_type = 'client' ORDER BY rowid DESC LIMIT 1",
    ).first<Json>();
    expect(JSON.parse(audit!.details)).toEqual({ purpose: "command_palette", returned: jane.clients.length });
  });

  it("refuses an inactive user", async () => {
    expect((await asUser("former.csm@ethico.test", `${PAGE}/palette`)).status).toBe(403);
  });
});
