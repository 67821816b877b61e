import { readdirSync, readFileSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";

// No PII beyond need (issue 8, part 5): a Worker's log and every AI call it recorded (prompts
// sent to the model or the local narrator, and their errors) hold no contact's email address or
// phone number. Every e2e file's Worker is scanned when the file ends (local-worker.ts).

export interface PiiScan {
  /** How many contact emails and phone numbers were looked for. */
  secrets: number;
  /** The kinds of AI call the database recorded. */
  aiKinds: Set<string>;
  logLength: number;
  /** "<value> in <where>" for each one found. */
  leaks: string[];
}

function d1File(state: string): string {
  const dir = `${state}/v3/d1/miniflare-D1DatabaseObject`;
  return `${dir}/${readdirSync(dir).find((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite")}`;
}

export function scanForPii(statePath: string, logPath: string): PiiScan {
  const db = new DatabaseSync(d1File(statePath), { readOnly: true });
  const contacts = db.prepare("SELECT email, phone FROM client_contacts").all() as {
    email: string | null;
    phone: string | null;
  }[];
  const ai = db.prepare("SELECT kind, prompt, error FROM ai_interactions").all() as {
    kind: string;
    prompt: string;
    error: string | null;
  }[];
  db.close();
  const log = readFileSync(logPath, "utf8");
  const secrets = contacts.flatMap((c) => [c.email, c.phone]).filter((v): v is string => !!v && v.length > 4);
  const haystacks = [
    ["the Worker's log", log.toLowerCase()],
    ...ai.map((a) => [`an AI ${a.kind} prompt`, `${a.prompt}\n${a.error ?? ""}`.toLowerCase()]),
  ];
  const leaks = secrets.flatMap((s) =>
    haystacks.filter(([, text]) => text.includes(s.toLowerCase())).map(([where]) => `${s} in ${where}`),
  );
  return { secrets: secrets.length, aiKinds: new Set(ai.map((a) => a.kind)), logLength: log.length, leaks };
}
