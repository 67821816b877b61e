import { afterAll, describe, expect, it } from "vitest";

import { useLocalWorker } from "./local-worker";
import { scanForPii } from "./pii-scan";

// No PII beyond need (issue 8, part 5). Every e2e file's Worker is scanned when the file ends
// (local-worker.ts); this file makes sure the scan looks at something real: AI calls of several
// kinds about a client with contacts, then the Worker's log and every recorded prompt.

const worker = await useLocalWorker(import.meta.url, afterAll);
const JANE = "jane.smith@ethico.test";

describe("PII scan", () => {
  it("no contact email or phone is in the Worker's log or in any AI prompt", async () => {
    const acme = (
      (await (await worker.api(JANE, "/clients?search=Acme%20Corporation")).json()) as { data: { id: string }[] }
    ).data[0].id;
    const calls: [string, RequestInit?][] = [
      [`/clients/${acme}/ai/summary`, { method: "POST" }],
      [`/clients/${acme}/ai/actions`, { method: "POST" }],
      [`/clients/${acme}/ai/email-draft`, { method: "POST", body: JSON.stringify({ purpose: "CHECK_IN" }) }],
      [
        "/ai/chat",
        { method: "POST", body: JSON.stringify({ message: "why is Acme Corporation's health score dropping?" }) },
      ],
      ["/ai/briefing"],
    ];
    for (const [path, init] of calls) expect((await worker.api(JANE, path, init)).status, path).toBeLessThan(300);

    const scan = scanForPii(worker.statePath, worker.logPath);
    // The scan looked at something real: the run's contacts, its AI calls of several kinds, its log.
    expect(scan.secrets).toBeGreaterThan(100);
    expect(scan.aiKinds.size).toBeGreaterThanOrEqual(3);
    expect(scan.logLength).toBeGreaterThan(1000);
    expect(scan.leaks).toEqual([]);
  });
});
