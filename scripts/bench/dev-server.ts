import { spawn } from "node:child_process";

// The built Worker under `wrangler dev` on a seeded state directory, as the HTTP benchmarks need
// it: the same runtime (workerd), bindings and local D1 file that `npm start` serves.

export const DEV_USER_HEADER = "x-dev-user";

async function waitFor(url: string, ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url, { headers: { [DEV_USER_HEADER]: "jane.smith@ethico.test" } })).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`wrangler dev did not answer at ${url}`);
}

/**
 * `onLine` receives the Worker's console output line by line (the SQL trace, for one), errors
 * included; `testScheduled` exposes GET /__scheduled to fire a cron.
 */
export async function startDevServer(
  state: string,
  port: number,
  onLine?: (line: string) => void,
  opts: { testScheduled?: boolean } = {},
): Promise<{ base: string; stop: () => Promise<void> }> {
  const bin = new URL("../../node_modules/.bin/wrangler", import.meta.url).pathname;
  const args = [
    "dev",
    "--env",
    "local",
    "--port",
    String(port),
    "--ip",
    "127.0.0.1",
    "--persist-to",
    state,
    "--show-interactive-dev-session=false",
  ];
  if (opts.testScheduled) args.push("--test-scheduled");
  const out = onLine ? "pipe" : "ignore";
  const server = spawn(bin, args, {
    stdio: ["ignore", out, out],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  for (const stream of onLine ? [server.stdout, server.stderr] : []) {
    let rest = "";
    stream?.setEncoding("utf8").on("data", (chunk: string) => {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop() ?? "";
      for (const l of lines) onLine!(l);
    });
  }
  const base = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (server.exitCode !== null) return resolve();
      server.once("exit", () => resolve());
      server.kill("SIGTERM");
      // wrangler dev sometimes outlives SIGTERM while its queues are busy.
      setTimeout(() => server.exitCode === null && server.kill("SIGKILL"), 10_000).unref();
    });
  try {
    await waitFor(`${base}/api/v1/client-success/me`, 120_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { base, stop };
}
