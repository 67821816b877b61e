import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { ADMIN, asUser, asUserDirect, JANE, type Json, json, one, PAGE, rows, VP } from "./helpers";

// N parallel writers on each endpoint that used to read, decide and then write (issue 20): the
// state they leave must be the state of SOME serial order of the writes that answered 2xx, and
// every other write must have been refused (409/422) without changing anything.
// The writers call the Worker's fetch handler directly (asUserDirect): SELF.fetch hands requests
// over a few milliseconds apart, so a warm Worker often finishes one before the next starts and
// the race hides; started in one tick, the N handlers interleave at every await, as requests in
// separate isolates do in production. Reads before and after go through SELF.fetch.
const writer = asUserDirect;

const statuses = (rs: Response[]) => rs.map((r) => r.status).sort();
const weights = {
  usage_weight: 30,
  adoption_weight: 20,
  support_weight: 15,
  relationship_weight: 15,
  contract_weight: 10,
  outcome_weight: 10,
};

beforeEach(() => {
  // A saved formula re-scores the portfolio in the background; these tests only look at the configs.
  vi.spyOn(env.RECALC_QUEUE, "sendBatch").mockImplementation(async () => ({}) as never);
});

describe("health-score configuration under parallel writers", () => {
  it("10 parallel PUTs of one version: one new version, one active config in the scope, the rest 409", async () => {
    const base = await one("SELECT id, version FROM health_score_configs WHERE is_default AND is_active");
    const res = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        writer(
          VP,
          `/config/health-score/${base.id}`,
          json("PUT", { name: `Parallel ${i}`, ...weights, usage_weight: 30 + (i % 5), outcome_weight: 10 - (i % 5) }),
        ),
      ),
    );
    expect(statuses(res)).toEqual([200, ...Array(9).fill(409)]);
    const active = await rows(
      "SELECT id, version, previous_version_id FROM health_score_configs WHERE is_default AND is_active",
    );
    expect(active).toHaveLength(1);
    expect(active[0]).toMatchObject({ version: base.version + 1, previous_version_id: base.id });
    // No orphan versions: exactly the one answered 200 was stored.
    expect(await rows("SELECT id FROM health_score_configs WHERE previous_version_id = ?", base.id)).toHaveLength(1);
    const winner = await res.find((r) => r.status === 200)!.json<Json>();
    expect(winner.id).toBe(active[0].id);
    for (const r of res.filter((r) => r.status === 409))
      expect(await r.json<Json>()).toMatchObject({ error: { code: "CONFLICT" } });
  });

  it("10 parallel POSTs for one client scope: one 201, one active config, the rest 409", async () => {
    const client = await one(
      "SELECT id FROM clients WHERE id NOT IN (SELECT applies_to_client_id FROM health_score_configs WHERE applies_to_client_id IS NOT NULL) ORDER BY name LIMIT 1",
    );
    const res = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        writer(
          ADMIN,
          "/config/health-score",
          json("POST", { name: `Client ${i}`, applies_to_client_id: client.id, ...weights }),
        ),
      ),
    );
    expect(statuses(res)).toEqual([201, ...Array(9).fill(409)]);
    expect(
      await rows("SELECT id FROM health_score_configs WHERE applies_to_client_id = ? AND is_active", client.id),
    ).toHaveLength(1);
    expect(await rows("SELECT id FROM health_score_configs WHERE applies_to_client_id = ?", client.id)).toHaveLength(1);
  });

  it("the database itself refuses a second active config for a scope", async () => {
    const base = await one("SELECT * FROM health_score_configs WHERE is_default AND is_active");
    await expect(
      env.DB.prepare(
        "INSERT INTO health_score_configs (id, name, is_default, is_active, created_by_id) VALUES ('cfg_dup_default', 'dup', 1, 1, ?)",
      )
        .bind(base.created_by_id)
        .run(),
    ).rejects.toThrow(/UNIQUE/);
  });
});

describe("alert settings under parallel writers", () => {
  // Ten types, each PUT changes its own type's threshold: every change that answered 200 is kept.
  const changes: [string, number][] = [
    ["HEALTH_DROP", 12],
    ["KEY_USER_INACTIVE", 21],
    ["SUPPORT_SPIKE", 4],
    ["USAGE_DECLINE", 35],
    ["FEATURE_ABANDONED", 45],
    ["RENEWAL_APPROACHING", 120],
    ["CONTRACT_UTILIZATION_LOW", 40],
    ["CHAMPION_RISK", 60],
    ["NPS_DETRACTOR", 5],
    ["FOLLOW_UP_OVERDUE", 3],
  ];

  it("10 parallel PUT /config/alerts, each a different threshold: every 200 is kept, nothing else is", async () => {
    const before = (await (await asUser(VP, "/config/alerts")).json<Json>()).effective.types;
    const res = await Promise.all(
      changes.map(([type, threshold]) =>
        writer(VP, "/config/alerts", json("PUT", { types: { [type]: { threshold } } })),
      ),
    );
    for (const r of res) expect([200, 409]).toContain(r.status);
    const after = (await (await asUser(VP, "/config/alerts")).json<Json>()).effective.types;
    changes.forEach(([type, threshold], i) => {
      if (res[i].status === 200) expect(after[type].threshold, type).toBe(threshold);
      else expect(after[type].threshold, type).toBe(before[type].threshold);
    });
    // Without a version in the body the server merges onto the latest state, so none is lost.
    expect(res.filter((r) => r.status === 200).length).toBe(changes.length);
  });

  it("a write against a stale version is 409 with the current state, and changes nothing", async () => {
    const current = await (await asUser(VP, "/config/alerts")).json<Json>();
    expect(typeof current.version).toBe("number");
    const ok = await asUser(
      VP,
      "/config/alerts",
      json("PUT", { version: current.version, types: { HEALTH_DROP: { threshold: 17 } } }),
    );
    expect(ok.status).toBe(200);
    expect((await ok.json<Json>()).version).toBe(current.version + 1);
    const stale = await asUser(
      VP,
      "/config/alerts",
      json("PUT", { version: current.version, types: { HEALTH_DROP: { threshold: 18 } } }),
    );
    expect(stale.status).toBe(409);
    const body = await stale.json<Json>();
    expect(body.error.code).toBe("CONFLICT");
    expect(body.error.details.current).toMatchObject({
      version: current.version + 1,
      effective: { types: { HEALTH_DROP: { threshold: 17 } } },
    });
    expect((await (await asUser(VP, "/config/alerts")).json<Json>()).effective.types.HEALTH_DROP.threshold).toBe(17);
  });

  it("10 parallel PUTs carrying the same version: exactly one 200, the rest 409", async () => {
    const { version } = await (await asUser(VP, "/config/alerts")).json<Json>();
    const res = await Promise.all(
      changes.map(([type, threshold]) =>
        writer(VP, "/config/alerts", json("PUT", { version, types: { [type]: { threshold: threshold + 1 } } })),
      ),
    );
    expect(statuses(res)).toEqual([200, ...Array(9).fill(409)]);
    const after = await (await asUser(VP, "/config/alerts")).json<Json>();
    expect(after.version).toBe(version + 1);
    const won = changes[res.findIndex((r) => r.status === 200)];
    expect(after.effective.types[won[0]].threshold).toBe(won[1] + 1);
  });
});

describe("the alert settings page merges and retries", () => {
  /** The page's form as its user would submit it: what it showed, with `edit` applied. */
  async function settingsForm(edit: (types: Json) => void) {
    const config = await (await asUser(VP, "/config/alerts")).json<Json>();
    const types = structuredClone(config.effective.types);
    edit(types);
    const form = new URLSearchParams({ version: String(config.version), loaded: JSON.stringify(config.effective) });
    for (const [t, s] of Object.entries<Json>(types)) {
      if (s.enabled) form.append(`${t}.enabled`, "on");
      if (s.threshold !== null) form.append(`${t}.threshold`, String(s.threshold));
      for (const ch of s.channels) if (ch !== "in_app") form.append(`${t}.channels`, ch);
    }
    return form;
  }
  const submit = (form: URLSearchParams) =>
    writer(VP, `${PAGE}/alerts/settings`, {
      method: "POST",
      body: form,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });

  it("two people saving the page loaded at the same version keep both changes", async () => {
    const a = await settingsForm((t) => (t.HEALTH_DROP.threshold = 22));
    const b = await settingsForm((t) => (t.SUPPORT_SPIKE.channels = ["in_app", "slack"]));
    const res = await Promise.all([submit(a), submit(b)]);
    expect(res.map((r) => r.status)).toEqual([302, 302]);
    const after = (await (await asUser(VP, "/config/alerts")).json<Json>()).effective.types;
    expect(after.HEALTH_DROP.threshold).toBe(22);
    expect(after.SUPPORT_SPIKE.channels.sort()).toEqual(["in_app", "slack"]);
  });

  it("a change to a field someone else changed meanwhile is not saved over theirs: 409 naming it", async () => {
    const mine = await settingsForm((t) => (t.USAGE_DECLINE.threshold = 44));
    expect(
      (await asUser(VP, "/config/alerts", json("PUT", { types: { USAGE_DECLINE: { threshold: 55 } } }))).status,
    ).toBe(200);
    const res = await submit(mine);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("USAGE_DECLINE.threshold");
    expect((await (await asUser(VP, "/config/alerts")).json<Json>()).effective.types.USAGE_DECLINE.threshold).toBe(55);
  });
});

describe("saved views under parallel writers", () => {
  it("12 parallel POST /views with 15 saved: five 201s, never more than 20", async () => {
    const user = await one("SELECT id FROM ethico_users WHERE email = ?", JANE);
    await env.DB.prepare("DELETE FROM saved_views WHERE user_id = ?").bind(user.id).run();
    const at = new Date().toISOString();
    await env.DB.batch(
      Array.from({ length: 15 }, (_, i) =>
        env.DB.prepare(
          "INSERT INTO saved_views (id, user_id, name, query, created_at, updated_at) VALUES (?, ?, ?, '{}', ?, ?)",
        ).bind(`view_pre_${i}`, user.id, `Existing ${i}`, at, at),
      ),
    );
    const res = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        writer(JANE, "/views", json("POST", { name: `Parallel ${i}`, query: { sort: "name" } })),
      ),
    );
    const created = res.filter((r) => r.status === 201).length;
    const { n } = await one("SELECT count(*) AS n FROM saved_views WHERE user_id = ?", user.id);
    expect(n).toBeLessThanOrEqual(20);
    expect(n).toBe(15 + created);
    expect(statuses(res)).toEqual([...Array(5).fill(201), ...Array(7).fill(422)]);
  });

  it("parallel POSTs of one name: one 201, the rest 409", async () => {
    const user = await one("SELECT id FROM ethico_users WHERE email = ?", JANE);
    await env.DB.prepare("DELETE FROM saved_views WHERE user_id = ?").bind(user.id).run();
    const res = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        writer(JANE, "/views", json("POST", { name: i % 2 ? "Renewals" : "renewals", query: { sort: "name" } })),
      ),
    );
    expect(statuses(res)).toEqual([201, ...Array(5).fill(409)]);
    expect((await one("SELECT count(*) AS n FROM saved_views WHERE user_id = ?", user.id)).n).toBe(1);
  });
});

describe("alert workflow under parallel writers", () => {
  it("parallel dismiss and resolve of one alert: one wins, the rest 409", async () => {
    const client = await one("SELECT id FROM clients WHERE csm_user_id = 'usr_jane_smith' ORDER BY name LIMIT 1");
    await env.DB.prepare(
      "INSERT INTO client_alerts (id, client_id, alert_type, severity, title, description, status, created_at) VALUES ('al_race', ?, 'USAGE_DECLINE', 'MEDIUM', 'Usage down', 'Race', 'NEW', ?)",
    )
      .bind(client.id, new Date().toISOString())
      .run();
    const res = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        writer(
          JANE,
          `/alerts/al_race/${i % 2 ? "dismiss" : "resolve"}`,
          json("PUT", i % 2 ? undefined : { notes: `Resolution ${i}` }),
        ),
      ),
    );
    expect(statuses(res)).toEqual([200, ...Array(7).fill(409)]);
    const winner = await res.find((r) => r.status === 200)!.json<Json>();
    const stored = await one("SELECT status, resolution_notes FROM client_alerts WHERE id = 'al_race'");
    expect(stored.status).toBe(winner.status);
    if (winner.status === "RESOLVED") expect(stored.resolution_notes).toBe(winner.resolution_notes);
    else expect(stored.resolution_notes).toBeNull();
  });
});

describe("notes and contacts under parallel editors", () => {
  it("parallel edits of different fields of one note keep every field", async () => {
    const client = await one("SELECT id FROM clients WHERE csm_user_id = 'usr_jane_smith' ORDER BY name LIMIT 1");
    const note = await (
      await asUser(JANE, `/clients/${client.id}/notes`, json("POST", { content: "Original", note_type: "GENERAL" }))
    ).json<Json>();
    const res = await Promise.all([
      writer(JANE, `/notes/${note.id}`, json("PUT", { title: "New title" })),
      writer(JANE, `/notes/${note.id}`, json("PUT", { content: "New content" })),
      writer(JANE, `/notes/${note.id}`, json("PUT", { note_type: "RISK" })),
    ]);
    expect(statuses(res)).toEqual([200, 200, 200]);
    expect(await one("SELECT title, content, note_type FROM client_notes WHERE id = ?", note.id)).toEqual({
      title: "New title",
      content: "New content",
      note_type: "RISK",
    });
  });

  it("parallel edits of different contacts leave one primary contact and keep every field", async () => {
    const client = await one("SELECT id FROM clients WHERE csm_user_id = 'usr_jane_smith' ORDER BY name LIMIT 1");
    const add = async (name: string, primary: boolean) =>
      (
        await (
          await asUser(
            JANE,
            `/clients/${client.id}/contacts`,
            json("POST", { name, role: "OTHER", is_primary: primary }),
          )
        ).json<Json>()
      ).id as string;
    const a = await add("Ada Primary", true);
    const b = await add("Ben Other", false);
    const res = await Promise.all([
      writer(JANE, `/contacts/${b}`, json("PUT", { is_primary: true })),
      writer(JANE, `/contacts/${a}`, json("PUT", { title: "Head of Compliance" })),
    ]);
    expect(statuses(res)).toEqual([200, 200]);
    expect(
      await rows("SELECT id FROM client_contacts WHERE client_id = ? AND is_primary AND is_active", client.id),
    ).toEqual([{ id: b }]);
    expect((await one("SELECT title FROM client_contacts WHERE id = ?", a)).title).toBe("Head of Compliance");
  });
});

describe("activities, CRM connections and dead letters under parallel writers", () => {
  it("parallel edits of one activity: one lands whole, the rest 409 (the row is never a mix of stale and new)", async () => {
    const client = await one("SELECT id FROM clients WHERE csm_user_id = 'usr_jane_smith' ORDER BY name LIMIT 1");
    const act = await (
      await asUser(
        JANE,
        `/clients/${client.id}/activities`,
        json("POST", {
          activity_type: "CALL",
          subject: "Race call",
          occurred_at: new Date(Date.now() - 3_600_000).toISOString(),
        }),
      )
    ).json<Json>();
    const res = await Promise.all([
      writer(JANE, `/activities/${act.id}`, json("PUT", { subject: "Edited subject" })),
      writer(JANE, `/activities/${act.id}`, json("PUT", { outcome_notes: "Edited notes" })),
      writer(JANE, `/activities/${act.id}`, json("PUT", { duration_minutes: 45 })),
    ]);
    expect(statuses(res)).toEqual([200, 409, 409]);
    const stored = await one(
      "SELECT subject, outcome_notes, duration_minutes FROM client_activities WHERE id = ?",
      act.id,
    );
    const winner = await res.find((r) => r.status === 200)!.json<Json>();
    expect(stored).toEqual({
      subject: winner.subject,
      outcome_notes: winner.outcome_notes,
      duration_minutes: winner.duration_minutes,
    });
  });

  it("one admin rotating a CRM's credentials while another edits its mapping keeps both", async () => {
    const put = (body: Json) => writer(ADMIN, "/crm/connections/hubspot", json("PUT", body));
    expect(
      (
        await put({
          base_url: "https://api.hubapi.com",
          enabled: true,
          auth: { type: "private_app", token: "pat-na1-00000000-0000-0000-0000-000000000001" },
        })
      ).status,
    ).toBe(200);
    const before = await one("SELECT credentials_ciphertext FROM crm_connections WHERE provider = 'hubspot'");
    const res = await Promise.all([
      put({
        base_url: "https://api.hubapi.com",
        auth: { type: "private_app", token: "pat-na1-00000000-0000-0000-0000-000000000002" },
      }),
      put({ base_url: "https://api.hubapi.com", field_mapping: { churn_risk: "churn_probability" } }),
      put({ base_url: "https://api.hubapi.com", field_mapping: { csm_owner: "cs_owner" } }),
    ]);
    expect(statuses(res)).toEqual([200, 200, 200]);
    const after = await one(
      "SELECT credentials_ciphertext, field_mapping, enabled FROM crm_connections WHERE provider = 'hubspot'",
    );
    expect(after.credentials_ciphertext).not.toBe(before.credentials_ciphertext);
    expect(JSON.parse(after.field_mapping)).toEqual({ churn_risk: "churn_probability", csm_owner: "cs_owner" });
    expect(after.enabled).toBe(1);
  });

  it("parallel replays of the dead letters send each message once", async () => {
    await env.DB.prepare("DELETE FROM crm_dead_letters").run();
    await env.DB.batch(
      Array.from({ length: 5 }, (_, i) =>
        env.DB.prepare("INSERT INTO crm_dead_letters (id, body, error) VALUES (?, ?, 'x')").bind(
          `dl_race_${i}`,
          JSON.stringify({ kind: "crm_push", provider: "hubspot", client_ids: [`c${i}`] }),
        ),
      ),
    );
    const sent: unknown[] = [];
    vi.spyOn(env.CRM_SYNC_QUEUE, "send").mockImplementation(async (b: unknown) => (sent.push(b), undefined as never));
    const res = await Promise.all(
      Array.from({ length: 4 }, () => writer(ADMIN, "/sync/dead-letters/replay", { method: "POST" })),
    );
    const replayed = (await Promise.all(res.map((r) => r.json<Json>()))).reduce((n, b) => n + b.replayed, 0);
    expect(sent).toHaveLength(5);
    expect(replayed).toBe(5);
    expect((await one("SELECT count(*) AS n FROM crm_dead_letters")).n).toBe(0);
  });
});
