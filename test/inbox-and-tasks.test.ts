import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";

import { addDays, isoDate } from "#worker/core/dates";
import { getDb } from "#worker/db/client";
import { wakeSnoozedAlerts } from "#worker/db/queries/alert-inbox";
import { findUserByEmail } from "#worker/db/queries/users";
import { getAlerts, unreadAlertCount } from "#worker/services/alerts/alert-workflow";
import { evaluateAlerts } from "#worker/services/alerts/evaluate-alerts";
import { listTasks } from "#worker/services/tasks";

import { asUser, clientNamed, JANE, JOHN, type Json, json, one, PAGE, rows, VP } from "./helpers";

// Issue 19 inside workerd: the inbox's one open count (bell, list, title), paging over cards,
// one card per cause, bulk actions with audit rows, snoozes that wake on a pinned clock, and
// follow-ups as tasks in the user's time zone, completed, rescheduled, edited, deleted.

const OPEN = "status=NEW,ACKNOWLEDGED&group=client";
let acme: string;
let sarah: string;

beforeAll(async () => {
  acme = (await clientNamed("Acme Corporation")).id;
  sarah = (await one("SELECT id FROM client_contacts WHERE name = 'Sarah Chen'")).id;
});

/** Every card of the open inbox, page by page. */
async function allCards(email: string, limit: number) {
  const seen: string[][] = [];
  let total: number;
  for (let page = 1; ; page++) {
    const r = await (await asUser(email, `/alerts?${OPEN}&limit=${limit}&page=${page}`)).json<Json>();
    total = r.pagination.total;
    const cards = new Map<string, string[]>();
    for (const a of r.data)
      cards.set(`${a.client_id}|${a.cause_key}`, [...(cards.get(`${a.client_id}|${a.cause_key}`) ?? []), a.id]);
    expect(cards.size).toBeLessThanOrEqual(limit);
    seen.push(...[...cards].map(([k, ids]) => [k, ...ids]));
    if (page >= r.pagination.pages) break;
  }
  return { total, cards: seen };
}

describe("one open count", () => {
  it("agrees on the bell, the list (every page) and the page title, for Jane and for the VP", async () => {
    for (const email of [JANE, VP]) {
      const bell = (await (await asUser(email, "/alerts/unread")).json<Json>()).count;
      const { total, cards } = await allCards(email, 7);
      expect(total).toBe(bell);
      expect(cards.length).toBe(total);
      // No card is split across pages or shown twice.
      expect(new Set(cards.map((c) => c[0])).size).toBe(cards.length);
      const html = await (await asUser(email, `${PAGE}/alerts`)).text();
      expect(html).toContain(`<title>(${bell}) Alerts · Client Success Dashboard</title>`);
      expect(html).toContain(`data-count="${bell}"`);
      // And it is the number of open causes in the database.
      const scope = email === JANE ? "AND c.csm_user_id = 'usr_jane_smith'" : "";
      const db = await one(
        `SELECT count(DISTINCT a.client_id || '|' || coalesce(a.cause_key, 'alert:' || a.id)) AS n FROM client_alerts a JOIN clients c ON c.id = a.client_id
        WHERE (a.status IN ('NEW', 'ACKNOWLEDGED') OR (a.status = 'SNOOZED' AND a.snoozed_until <= ?)) ${scope}`,
        new Date().toISOString(),
      );
      expect(bell).toBe(db.n);
    }
  });

  it("merges a key contact's inactivity and champion alerts into one card that counts once", async () => {
    const before = (await (await asUser(JANE, "/alerts/unread")).json<Json>()).count;
    const now = new Date().toISOString();
    for (const [id, type, title] of [
      ["al_sarah_idle", "KEY_USER_INACTIVE", "Sarah Chen has not logged in for 21 days"],
      ["al_sarah_champ", "CHAMPION_RISK", "champion Sarah Chen is disengaging"],
    ]) {
      await env.DB.prepare(
        `INSERT INTO client_alerts (id, client_id, alert_type, severity, title, description, related_entity_type, related_entity_id, dedup_key, cause_key, status, created_at, updated_at)
        VALUES (?, ?, ?, 'HIGH', ?, 'x', 'contact', ?, ?, ?, 'NEW', ?, ?)`,
      )
        .bind(id, acme, type, title, sarah, `${type}:test:${sarah}`, `contact:${sarah}`, now, now)
        .run();
    }
    const after = (await (await asUser(JANE, "/alerts/unread")).json<Json>()).count;
    const hadCause = (
      await one(
        "SELECT count(*) AS n FROM client_alerts WHERE cause_key = ? AND status IN ('NEW','ACKNOWLEDGED') AND id NOT LIKE 'al_sarah_%'",
        `contact:${sarah}`,
      )
    ).n;
    expect(after).toBe(before + (hadCause ? 0 : 1));
    const list = await (await asUser(JANE, `/alerts?${OPEN}&client_id=${acme}&limit=200`)).json<Json>();
    const card = list.data.filter((a: Json) => a.cause_key === `contact:${sarah}`);
    expect(card.map((a: Json) => a.id)).toEqual(expect.arrayContaining(["al_sarah_idle", "al_sarah_champ"]));
    // A card's alerts sit together in the page.
    const at = list.data.findIndex((a: Json) => a.cause_key === `contact:${sarah}`);
    expect(list.data.slice(at, at + card.length).every((a: Json) => a.cause_key === `contact:${sarah}`)).toBe(true);
    // The rules' own alerts carry their cause.
    await evaluateAlerts(getDb(env.DB), [acme], new Date());
    expect(
      (await one("SELECT count(*) AS n FROM client_alerts WHERE client_id = ? AND cause_key IS NULL", acme)).n,
    ).toBe(0);
  });
});

describe("bulk actions", () => {
  it("acknowledges a selection with one audit row each, reports what it skipped, and refuses bad bodies", async () => {
    const open = await rows("SELECT id FROM client_alerts WHERE client_id = ? AND status = 'NEW' LIMIT 3", acme);
    const closed = await one(
      "SELECT a.id FROM client_alerts a JOIN clients c ON c.id = a.client_id WHERE c.csm_user_id = 'usr_jane_smith' AND a.status IN ('RESOLVED', 'DISMISSED') LIMIT 1",
    ).catch(() => null);
    const other = await one(
      "SELECT id FROM clients WHERE csm_user_id <> 'usr_jane_smith' AND ae_user_id IS NOT 'usr_jane_smith' LIMIT 1",
    );
    await env.DB.prepare(
      "INSERT INTO client_alerts (id, client_id, alert_type, severity, title, description, status) VALUES ('al_not_janes', ?, 'USAGE_DECLINE', 'MEDIUM', 'Usage down', 'x', 'NEW')",
    )
      .bind(other.id)
      .run();
    const foreign = { id: "al_not_janes" };
    const ids = [...open.map((r) => r.id), ...(closed ? [closed.id] : []), foreign.id];
    const res = await asUser(JANE, "/alerts/bulk", json("POST", { action: "acknowledge", alert_ids: ids }));
    expect(res.status).toBe(200);
    const body = await res.json<Json>();
    expect(body.updated.sort()).toEqual(open.map((r) => r.id).sort());
    expect(body.skipped).toEqual(
      expect.arrayContaining([
        { id: foreign.id, reason: "not_found" },
        ...(closed ? [expect.objectContaining({ id: closed.id, reason: "closed" })] : []),
      ]),
    );
    for (const r of open) {
      expect(
        await one(
          "SELECT status, acknowledged_by_id, acknowledged_at IS NOT NULL AS seen FROM client_alerts WHERE id = ?",
          r.id,
        ),
      ).toEqual({ status: "ACKNOWLEDGED", acknowledged_by_id: "usr_jane_smith", seen: 1 });
      expect(
        (
          await one(
            "SELECT count(*) AS n FROM audit_log WHERE resource_type = 'alert' AND resource_id = ? AND action = 'acknowledge' AND outcome = 'SUCCESS'",
            r.id,
          )
        ).n,
      ).toBe(1);
    }
    expect((await one("SELECT status FROM client_alerts WHERE id = ?", foreign.id)).status).not.toBe("ACKNOWLEDGED");
    for (const bad of [
      { action: "acknowledge", alert_ids: [] },
      { action: "explode", alert_ids: ids },
      { action: "snooze", alert_ids: ids },
      { action: "dismiss", alert_ids: ids, duration: "1d" },
      { action: "snooze", alert_ids: ids, duration: "1d", until: "2030-01-01" },
    ]) {
      const r = await asUser(JANE, "/alerts/bulk", json("POST", bad));
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect((await r.json<Json>()).error.code).toBeTruthy();
    }
    const past = await asUser(
      JANE,
      "/alerts/bulk",
      json("POST", { action: "snooze", alert_ids: ids, until: "2020-01-01T00:00:00Z" }),
    );
    expect(past.status).toBe(422);
  });
});

describe("snoozes on a pinned clock", () => {
  it("leave Open until the day they end (in the user's zone), then count and list as new, and the hourly job writes it back", async () => {
    const db = getDb(env.DB);
    const jane = (await findUserByEmail(db, JANE))!;
    // An alert with a cause of its own, so its card counts one.
    const stamp = new Date().toISOString();
    await env.DB.prepare(
      "INSERT INTO client_alerts (id, client_id, alert_type, severity, title, description, cause_key, status, created_at, updated_at) VALUES ('al_snooze_me', ?, 'SUPPORT_SPIKE', 'MEDIUM', 'Tickets up', 'x', 'alert:al_snooze_me', 'NEW', ?, ?)",
    )
      .bind(acme, stamp, stamp)
      .run();
    const alert = { id: "al_snooze_me" };
    const wake = addDays(isoDate(new Date()), 3);
    const res = await asUser(
      JANE,
      `/alerts/${alert.id}/snooze`,
      json("PUT", { until: wake, time_zone: "America/New_York" }),
    );
    expect(res.status).toBe(200);
    const snoozed = await res.json<Json>();
    // Midnight in New York is 05:00 UTC in December (04:00 in summer).
    expect(snoozed.snoozed_until).toMatch(new RegExp(`^${wake}T0[45]:00:00.000Z$`));
    const open = async (at: Date) =>
      (
        await getAlerts(
          db,
          jane,
          {
            types: [],
            severities: [],
            statuses: ["NEW", "ACKNOWLEDGED"],
            client_id: acme,
            group: "client",
            page: 1,
            limit: 200,
          },
          at,
        )
      ).data.map((a) => a.id);
    const countAt = async (at: Date) => (await unreadAlertCount(db, jane, at)).count;
    const justBefore = new Date(Date.parse(snoozed.snoozed_until) - 1000);
    const justAfter = new Date(Date.parse(snoozed.snoozed_until) + 1000);
    expect(await open(justBefore)).not.toContain(alert.id);
    expect(await open(justAfter)).toContain(alert.id);
    expect(await countAt(justAfter)).toBe((await countAt(justBefore)) + 1);
    const asListed = (
      await getAlerts(
        db,
        jane,
        { types: [], severities: [], statuses: ["NEW"], client_id: acme, page: 1, limit: 200 },
        justAfter,
      )
    ).data.find((a) => a.id === alert.id);
    expect(asListed?.status).toBe("NEW");
    // The snoozed view shows it until then.
    const snoozedView = (
      await getAlerts(
        db,
        jane,
        { types: [], severities: [], statuses: ["SNOOZED"], client_id: acme, page: 1, limit: 200 },
        justBefore,
      )
    ).data.map((a) => a.id);
    expect(snoozedView).toContain(alert.id);
    expect(await wakeSnoozedAlerts(db, justBefore.toISOString())).toBe(0);
    expect(await wakeSnoozedAlerts(db, justAfter.toISOString())).toBeGreaterThanOrEqual(1);
    expect(
      await one(
        "SELECT status, snoozed_until, stream_pending, delivery_pending FROM client_alerts WHERE id = ?",
        alert.id,
      ),
    ).toEqual({ status: "NEW", snoozed_until: null, stream_pending: 1, delivery_pending: 1 });
    // A snooze beyond 90 days is a dismissal in disguise.
    expect(
      (await asUser(JANE, `/alerts/${alert.id}/snooze`, json("PUT", { until: addDays(isoDate(new Date()), 120) })))
        .status,
    ).toBe(422);
    expect(
      (await asUser(JANE, `/alerts/${alert.id}/snooze`, json("PUT", { until: wake, time_zone: "Mars/Base" }))).status,
    ).toBe(400);
  });
});

describe("tasks", () => {
  const newFollowUp = async (subject: string, due: string, key?: string) => {
    const res = await asUser(
      JANE,
      `/clients/${acme}/activities`,
      json(
        "POST",
        {
          activity_type: "CALL",
          subject,
          occurred_at: new Date(Date.now() - 3_600_000).toISOString(),
          follow_up_date: due,
        },
        key ? { "idempotency-key": key } : {},
      ),
    );
    return { status: res.status, body: await res.json<Json>() };
  };

  it("buckets open follow-ups on the user's calendar: overdue, today, this week, later", async () => {
    const db = getDb(env.DB);
    const jane = (await findUserByEmail(db, JANE))!;
    // Pinned: Wednesday 9 December 2026, 23:30 UTC: already Thursday in Tokyo, still Wednesday in Los Angeles.
    const now = new Date("2026-12-09T23:30:00Z");
    const made: string[] = [];
    for (const [subject, due] of [
      ["t-overdue", "2026-12-08"],
      ["t-wed", "2026-12-09"],
      ["t-thu", "2026-12-10"],
      ["t-sun", "2026-12-13"],
      ["t-next", "2026-12-14"],
    ]) {
      const r = await newFollowUp(subject!, due!);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      made.push(r.body.id);
    }
    const listed = await listTasks(db, jane, now, "UTC");
    expect(listed.total, "every open follow-up is listed").toBe(Object.values(listed.buckets).flat().length);
    const where = (l: Awaited<ReturnType<typeof listTasks>>, subject: string) =>
      Object.entries(l.buckets).find(([, ts]) => ts.some((t) => t.subject === subject))?.[0];
    const la = await listTasks(db, jane, now, "America/Los_Angeles");
    expect(la.today).toBe("2026-12-09");
    expect(["t-overdue", "t-wed", "t-thu", "t-sun", "t-next"].map((s) => where(la, s))).toEqual([
      "overdue",
      "today",
      "this_week",
      "this_week",
      "later",
    ]);
    const tokyo = await listTasks(db, jane, now, "Asia/Tokyo");
    expect(tokyo.today).toBe("2026-12-10");
    expect(["t-overdue", "t-wed", "t-thu", "t-sun", "t-next"].map((s) => where(tokyo, s))).toEqual([
      "overdue",
      "overdue",
      "today",
      "this_week",
      "later",
    ]);
    expect(tokyo.buckets.overdue.find((t) => t.subject === "t-overdue")?.days_overdue).toBe(2);
    expect(Object.values(tokyo.counts).reduce((a, b) => a + b, 0)).toBe(tokyo.total);
    // The API reads the same list; a bad zone is refused; John does not see Jane's tasks.
    const api = await (await asUser(JANE, "/tasks?time_zone=Asia/Tokyo")).json<Json>();
    expect(api.total).toBe(tokyo.total);
    expect((await asUser(JANE, "/tasks?time_zone=Nowhere/Land")).status).toBe(400);
    expect(
      (await (await asUser(JOHN, "/tasks")).json<Json>()).buckets.today.some((t: Json) => made.includes(t.id)),
    ).toBe(false);
    for (const id of made) await asUser(JANE, `/activities/${id}`, json("DELETE"));
  });

  it("logs once per idempotency key, completes, reschedules, edits (re-sent to the CRM) and deletes, each with an audit row", async () => {
    const due = addDays(isoDate(new Date()), 2);
    const first = await newFollowUp("Send the renewal deck", due, "key-0123456789");
    const again = await newFollowUp("Send the renewal deck", due, "key-0123456789");
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect((await one("SELECT count(*) AS n FROM client_activities WHERE idempotency_key = 'key-0123456789'")).n).toBe(
      1,
    );
    expect(
      (
        await asUser(
          JANE,
          `/clients/${acme}/activities`,
          json(
            "POST",
            { activity_type: "CALL", subject: "x", occurred_at: new Date().toISOString() },
            { "idempotency-key": "short" },
          ),
        )
      ).status,
    ).toBe(400);
    const id = first.body.id as string;
    const audits = async (action: string) =>
      rows(
        "SELECT details FROM audit_log WHERE resource_type = 'activity' AND resource_id = ? AND action = ? AND outcome = 'SUCCESS'",
        id,
        action,
      );

    // Reschedule.
    const later = addDays(due, 7);
    expect(
      (await (await asUser(JANE, `/activities/${id}`, json("PUT", { follow_up_date: later }))).json<Json>())
        .follow_up_date,
    ).toBe(later);
    expect(JSON.parse((await audits("update")).at(-1)!.details)).toMatchObject({
      changed: ["follow_up_date"],
      follow_up_date: { from: due, to: later },
    });
    // An edit of an activity the CRM has is flagged for the next push.
    await env.DB.prepare("UPDATE client_activities SET salesforce_activity_id = '00TFAKE0001' WHERE id = ?")
      .bind(id)
      .run();
    const edited = await (
      await asUser(JANE, `/activities/${id}`, json("PUT", { subject: "Send the renewal deck (v2)" }))
    ).json<Json>();
    expect(edited.subject).toBe("Send the renewal deck (v2)");
    expect(
      await one(
        "SELECT salesforce_update_pending AS sf, hubspot_update_pending AS hs FROM client_activities WHERE id = ?",
        id,
      ),
    ).toEqual({ sf: 1, hs: 0 });
    // John may not touch it.
    expect((await asUser(JOHN, `/activities/${id}`, json("PUT", { follow_up_completed: true }))).status).toBe(404);
    // Complete: it leaves the task list.
    const done = await (
      await asUser(JANE, `/activities/${id}`, json("PUT", { follow_up_completed: true }))
    ).json<Json>();
    expect(done).toMatchObject({ follow_up_completed: true, follow_up_completed_at: expect.any(String) });
    expect(JSON.parse((await audits("update")).at(-1)!.details)).toMatchObject({
      changed: ["follow_up_completed"],
      follow_up_completed: true,
    });
    const tasks = await (await asUser(JANE, "/tasks")).json<Json>();
    expect(
      Object.values(tasks.buckets)
        .flat()
        .some((t: any) => t.id === id),
    ).toBe(false);
    // Delete: gone, with what it was in the audit row.
    expect((await asUser(JOHN, `/activities/${id}`, json("DELETE"))).status).toBe(404);
    expect(await (await asUser(JANE, `/activities/${id}`, json("DELETE"))).json<Json>()).toEqual({
      id,
      client_id: acme,
      deleted: true,
    });
    expect((await one("SELECT count(*) AS n FROM client_activities WHERE id = ?", id)).n).toBe(0);
    expect(JSON.parse((await audits("delete"))[0]!.details)).toMatchObject({
      client_id: acme,
      subject: "Send the renewal deck (v2)",
      crm_records_kept: { salesforce: "00TFAKE0001", hubspot: null },
    });
    expect((await asUser(JANE, `/activities/${id}`, json("DELETE"))).status).toBe(404);
  });
});
