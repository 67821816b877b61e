import { readdirSync, readFileSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, inject, it } from "vitest";

// No PII beyond need (issue 8, part 5), checked after the whole browser run (this file runs
// last): the Worker's log and every AI call it recorded (prompts sent to the model or the local
// narrator, and their errors) hold no contact's email address or phone number.

function d1File(state: string): string {
  const dir = `${state}/v3/d1/miniflare-D1DatabaseObject`;
  return `${dir}/${readdirSync(dir).find((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite")}`;
}

describe("after the e2e run", () => {
  it("no contact email or phone is in the Worker's log or in any AI prompt", () => {
    const db = new DatabaseSync(d1File(inject("statePath")), { readOnly: true });
    const contacts = db.prepare("SELECT email, phone FROM client_contacts").all() as { email: string | null; phone: string | null }[];
    const ai = db.prepare("SELECT kind, prompt, error FROM ai_interactions").all() as { kind: string; prompt: string; error: string | null }[];
    db.close();
    const log = readFileSync(inject("workerLog"), "utf8");
    const secrets = contacts.flatMap((c) => [c.email, c.phone]).filter((v): v is string => !!v && v.length > 4);
    // The scan looked at something real: the run's contacts, its AI calls of several kinds, its log.
    expect(secrets.length).toBeGreaterThan(100);
    expect(new Set(ai.map((a) => a.kind)).size).toBeGreaterThanOrEqual(3);
    expect(log.length).toBeGreaterThan(1000);
    const haystacks = [["the Worker's log", log.toLowerCase()], ...ai.map((a) => [`an AI ${a.kind} prompt`, `${a.prompt}\n${a.error ?? ""}`.toLowerCase()])];
    const leaks = secrets.flatMap((s) => haystacks.filter(([, text]) => text.includes(s.toLowerCase())).map(([where]) => `${s} in ${where}`));
    expect(leaks).toEqual([]);
  });
});
