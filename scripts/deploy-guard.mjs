// What `npm run deploy` refuses (issue 20, point 5): publishing the local environment, or any
// configuration whose vars turn LOCAL_DEV_MODE on, would let anyone act as anyone through the
// development identity. wrangler itself would deploy either without a word.

/** The environment the wrangler arguments select ("" for the top level). */
export function selectedEnv(args, processEnv = {}) {
  let env = processEnv.CLOUDFLARE_ENV ?? "";
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--env" || a === "-e") env = args[i + 1] ?? "";
    else if (a.startsWith("--env=")) env = a.slice(6);
    else if (a.startsWith("-e=")) env = a.slice(3);
    else if (/^-e[^=-]/.test(a)) env = a.slice(2);
  }
  return env.trim();
}

/** LOCAL_DEV_MODE per vars table of a wrangler.toml: { "": "false", "local": "true" }. */
export function localDevModeByEnv(toml) {
  const out = {};
  let table = null;
  for (const raw of toml.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, "").trim();
    const header = line.match(/^\[([^[\]]+)\]$/);
    if (header) {
      const name = header[1].trim();
      table = name === "vars" ? "" : (name.match(/^env\.([A-Za-z0-9_-]+)\.vars$/)?.[1] ?? null);
      continue;
    }
    if (line.startsWith("[[")) {
      table = null;
      continue;
    }
    const m = table !== null && line.match(/^LOCAL_DEV_MODE\s*=\s*["']?([^"']*)["']?$/);
    if (m) out[table] = m[1];
  }
  return out;
}

/** Why this deploy must not run, or null. */
export function deployRefusal(args, toml, processEnv = {}) {
  const env = selectedEnv(args, processEnv);
  if (env === "local")
    return 'refusing to deploy the "local" environment: it turns on LOCAL_DEV_MODE (development identity). Deploy the top level (npm run deploy) or a production environment.';
  const modes = localDevModeByEnv(toml);
  const mode = env in modes ? modes[env] : modes[""];
  if (mode === "true")
    return `refusing to deploy: LOCAL_DEV_MODE is "true" in ${env ? `[env.${env}.vars]` : "[vars]"} of wrangler.toml.`;
  if (args.some((a) => /^--var(=|$)/.test(a)) && args.join(" ").match(/LOCAL_DEV_MODE:\s*true/))
    return "refusing to deploy with --var LOCAL_DEV_MODE:true.";
  return null;
}
