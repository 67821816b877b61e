// Local secrets live in .dev.vars (gitignored), which `wrangler dev` reads. A fresh clone has
// only the committed template, .dev.vars.example: npm start and the e2e tier copy it once, and
// never overwrite a developer's own .dev.vars.
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";

const root = new URL("../", import.meta.url);
export const DEV_VARS = new URL(".dev.vars", root).pathname;
export const DEV_VARS_EXAMPLE = new URL(".dev.vars.example", root).pathname;

/** Creates .dev.vars from the example when it is missing; returns true when it did. */
export function ensureDevVars() {
  if (existsSync(DEV_VARS)) return false;
  copyFileSync(DEV_VARS_EXAMPLE, DEV_VARS);
  return true;
}

/** The example's values (the workerd test tier binds these, whatever a developer's .dev.vars says). */
export function exampleDevVars() {
  return parseEnv(readFileSync(DEV_VARS_EXAMPLE, "utf8"));
}
