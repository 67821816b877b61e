import type { D1Migration } from "cloudflare:test";

// `env` from cloudflare:test is typed Cloudflare.Env. Extend it with the Worker's bindings
// (generated Env in worker-configuration.d.ts) plus what only the tests bind.
declare global {
  namespace Cloudflare {
    interface Env extends __BaseEnv_Env {
      TEST_MIGRATIONS: D1Migration[];
      /** The local SendGrid and Slack fakes (test/fakes/fake-services.ts). */
      FAKES_URL: string;
    }
  }
}
