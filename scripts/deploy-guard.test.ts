import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

// @ts-expect-error: a plain ESM script without types
import { deployRefusal, localDevModeByEnv, selectedEnv } from "./deploy-guard.mjs";

const toml = readFileSync(new URL("../wrangler.toml", import.meta.url), "utf8");

describe("npm run deploy's guard", () => {
  it("reads the project's wrangler.toml: off at the top level, on in [env.local.vars] only", () => {
    expect(localDevModeByEnv(toml)).toEqual({ "": "false", local: "true" });
  });

  it.each([
    ["--env", "local"],
    ["-e", "local"],
    ["--env=local"],
    ["-e=local"],
    ["-elocal"],
    ["--dry-run", "--env", "local"],
  ])("refuses %s %s", (...args) => {
    expect(deployRefusal(args.filter(Boolean), toml)).toMatch(/local/);
  });

  it("refuses CLOUDFLARE_ENV=local and a top level that turns development identity on", () => {
    expect(deployRefusal([], toml, { CLOUDFLARE_ENV: "local" })).toMatch(/local/);
    expect(deployRefusal([], '[vars]\nLOCAL_DEV_MODE = "true"\n')).toMatch(/\[vars\]/);
    expect(
      deployRefusal(
        ["--env", "staging"],
        '[vars]\nLOCAL_DEV_MODE = "false"\n[env.staging.vars]\nLOCAL_DEV_MODE = "true"\n',
      ),
    ).toMatch(/env\.staging/);
    expect(deployRefusal(["--var", "LOCAL_DEV_MODE:true"], toml)).toMatch(/--var/);
  });

  it("lets the production deploy through", () => {
    expect(selectedEnv(["--minify"])).toBe("");
    expect(deployRefusal([], toml)).toBeNull();
    expect(deployRefusal(["--env", "production"], toml)).toBeNull();
  });

  it("npm run deploy -- --env local exits 2 before building or calling wrangler", () => {
    const r = spawnSync(process.execPath, [new URL("./deploy.mjs", import.meta.url).pathname, "--env", "local"], {
      encoding: "utf8",
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('refusing to deploy the "local" environment');
    expect(r.stdout).not.toContain("Build");
  });
});
