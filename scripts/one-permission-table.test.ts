import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

// Decision 024: worker/core/access-policy.ts is the one permission table. This keeps it so: a
// staff-role list or role comparison anywhere else in worker/ or app/ fails here.

describe("one permission table", () => {
  it("is the only place in worker/ and app/ that lists staff roles", () => {
    // Contact roles share the name ADMIN, so the scan looks for the staff-only names.
    const staffOnly =
      /"(VP_CLIENT_SUCCESS|VP_SALES|SENIOR_CSM)"|\brole\s*[!=]==\s*"(CSM|AE)"|user\.role\s*[!=]==\s*"ADMIN"/;
    const allowed = new Set(["worker/core/access-policy.ts", "worker/core/enums.ts"]);
    const root = join(import.meta.dirname, "..");
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
        const rel = `${dir}/${e.name}`;
        if (e.isDirectory()) walk(rel);
        else if (
          /\.tsx?$/.test(e.name) &&
          !/\.test\.tsx?$/.test(e.name) &&
          !allowed.has(rel) &&
          staffOnly.test(readFileSync(join(root, rel), "utf8"))
        )
          offenders.push(rel);
      }
    };
    walk("worker");
    walk("app");
    expect(offenders).toEqual([]);
  });
});
