import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";

import { addDays, isoDate } from "#worker/core/dates";
import { retentionCutoff } from "#worker/core/retention/retention-rules";
import { getDb } from "#worker/db/client";
import { AUDIT_TEXT_MAX, REFUSAL_ROWS_PER_MINUTE } from "#worker/db/queries/audit";
import { enforceRetention } from "#worker/services/retention";

import { asUserDirect, JANE, one, realNow, rows } from "./helpers";

// Audit hygiene (issue 20 point 6, decision 016): caller-chosen text is cut to 512 characters
// with a marker, refusals are written at most REFUSAL_ROWS_PER_MINUTE a minute per caller (the
// rest counted), and refusal rows go after a year while every other row stays append-only.

// As in production: Access configured, no development identity.
const production = {
  ...env,
  LOCAL_DEV_MODE: "false",
  ACCESS_TEAM_DOMAIN: "https://ethico-test.cloudflareaccess.com",
  ACCESS_AUD: "hygiene",
} as Env;
const anonymous = (path: string, ip: string) =>
  asUserDirect(null, path, { headers: { "cf-connecting-ip": ip } }, production);

describe("audit rows keep at most 512 characters of what the caller chose", () => {
  it("cuts a 60,000-character path and a huge claimed identity, with a marker", async () => {
    const path = `/clients/${"x".repeat(60_000)}`;
    expect((await anonymous(path, "198.51.100.7")).status).toBe(401);
    const [refusal] = await rows(
      "SELECT resource_id, details FROM audit_log WHERE action = 'authenticate' AND json_extract(details, '$.caller') = 'ip:198.51.100.7'",
    );
    expect(refusal.resource_id.length).toBeLessThan(AUDIT_TEXT_MAX + 40);
    expect(refusal.resource_id).toMatch(/^\/api\/v1\/client-success\/clients\/x+…\[truncated \d+ chars\]$/);

    const claimed = `${"a".repeat(5000)}@ethico.test`;
    expect((await asUserDirect(claimed, "/clients")).status).toBe(403);
    const denied = await one(
      "SELECT user_email FROM audit_log WHERE user_email LIKE 'aaaa%' ORDER BY rowid DESC LIMIT 1",
    );
    expect(denied.user_email).toBe(
      `${"a".repeat(AUDIT_TEXT_MAX)}…[truncated ${claimed.length - AUDIT_TEXT_MAX} chars]`,
    );
  });
});

describe("refused callers are rate-limited in the audit trail", () => {
  it(`writes at most ${REFUSAL_ROWS_PER_MINUTE} rows a minute per IP and counts every refusal`, async () => {
    const ip = "203.0.113.9";
    const res = await Promise.all(Array.from({ length: 35 }, (_, i) => anonymous(`/clients/probe-${i}`, ip)));
    expect(res.every((r) => r.status === 401)).toBe(true);
    const counts = await rows("SELECT minute, refused FROM audit_refusal_counts WHERE caller = ?", `ip:${ip}`);
    expect(counts.reduce((n, c) => n + c.refused, 0)).toBe(35);
    for (const c of counts) {
      const written = await one(
        "SELECT count(*) AS n FROM audit_log WHERE json_extract(details, '$.caller') = ? AND substr(at, 1, 16) = ?",
        `ip:${ip}`,
        c.minute,
      );
      expect(written.n).toBe(Math.min(c.refused, REFUSAL_ROWS_PER_MINUTE));
    }
    // Another caller in the same minute has its own allowance.
    expect((await anonymous("/clients", "203.0.113.10")).status).toBe(401);
    expect(
      (await one("SELECT count(*) AS n FROM audit_log WHERE json_extract(details, '$.caller') = 'ip:203.0.113.10'")).n,
    ).toBe(1);
  });

  it("limits a signed-in user's refusals the same way, and never their ordinary rows", async () => {
    const jane = await one("SELECT id FROM ethico_users WHERE email = ?", JANE);
    const before = await one("SELECT count(*) AS n FROM audit_log WHERE user_id = ? AND outcome = 'SUCCESS'", jane.id);
    const res = await Promise.all(Array.from({ length: 25 }, () => asUserDirect(JANE, "/config/health-score")));
    expect(res.every((r) => r.status === 403)).toBe(true);
    const counted = await rows("SELECT minute, refused FROM audit_refusal_counts WHERE caller = ?", `user:${jane.id}`);
    expect(counted.reduce((n, c) => n + c.refused, 0)).toBe(25);
    const written = await one("SELECT count(*) AS n FROM audit_log WHERE user_id = ? AND outcome = 'DENIED'", jane.id);
    expect(written.n).toBeLessThanOrEqual(counted.length * REFUSAL_ROWS_PER_MINUTE);
    expect(written.n).toBeGreaterThanOrEqual(REFUSAL_ROWS_PER_MINUTE);
    // Her reads are still each on the trail.
    await Promise.all(Array.from({ length: 25 }, () => asUserDirect(JANE, "/alerts")));
    expect(
      (await one("SELECT count(*) AS n FROM audit_log WHERE user_id = ? AND outcome = 'SUCCESS'", jane.id)).n,
    ).toBe(before.n + 25);
  });
});

describe("refusal rows go after a year; everything else stays append-only", () => {
  it("the retention run deletes old refusal rows and their counts, nothing else", async () => {
    const today = isoDate(new Date());
    const old = `${addDays(retentionCutoff(today, 1), -2)}T08:00:00.000Z`;
    // Recent by the database's clock too: the append-only trigger compares with SQLite's own
    // now, which the pinned clock does not move (the machine's time is later).
    const recent = `${addDays(retentionCutoff(isoDate(realNow()), 1), 2)}T08:00:00.000Z`;
    const insert = (id: string, at: string, outcome: string) =>
      env.DB.prepare(
        "INSERT INTO audit_log (id, at, user_id, action, resource_type, outcome) VALUES (?, ?, NULL, 'authenticate', 'session', ?)",
      ).bind(id, at, outcome);
    await env.DB.batch([
      insert("aud_old_denied", old, "DENIED"),
      insert("aud_old_404", old, "NOT_FOUND"),
      insert("aud_old_ok", old, "SUCCESS"),
      insert("aud_old_error", old, "ERROR"),
      insert("aud_recent_denied", recent, "DENIED"),
      env.DB.prepare("INSERT INTO audit_refusal_counts (caller, minute, refused) VALUES ('ip:192.0.2.1', ?, 99)").bind(
        old.slice(0, 16),
      ),
    ]);
    const dry = await enforceRetention(getDb(env.DB), new Date(), true);
    expect(dry.lines.find((l) => l.table === "audit_log")).toMatchObject({ kind: "audit refusals", years: 1, rows: 2 });
    const run = await enforceRetention(getDb(env.DB), new Date(), false);
    expect(run.lines.find((l) => l.table === "audit_log")?.rows).toBe(2);
    expect(run.lines.find((l) => l.table === "audit_refusal_counts")?.rows).toBe(1);
    const left = (await rows("SELECT id FROM audit_log WHERE id LIKE 'aud_%' ORDER BY id")).map((r) => r.id);
    expect(left).toEqual(["aud_old_error", "aud_old_ok", "aud_recent_denied"]);
  });

  it("the trigger refuses every other delete and every update, whoever runs it", async () => {
    await expect(env.DB.prepare("DELETE FROM audit_log WHERE id = 'aud_old_ok'").run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare("DELETE FROM audit_log WHERE id = 'aud_recent_denied'").run()).rejects.toThrow(
      /append-only/,
    );
    await expect(env.DB.prepare("DELETE FROM audit_log").run()).rejects.toThrow(/append-only/);
    await expect(
      env.DB.prepare("UPDATE audit_log SET at = '2000-01-01T00:00:00.000Z' WHERE id = 'aud_recent_denied'").run(),
    ).rejects.toThrow(/append-only/);
    expect((await one("SELECT count(*) AS n FROM audit_log WHERE id IN ('aud_old_ok', 'aud_recent_denied')")).n).toBe(
      2,
    );
  });
});
