import { applyD1Migrations, env } from "cloudflare:test";

import { pinClock } from "./helpers/clock";
import { seedD1 } from "./helpers/seed-d1";

// Every workerd test file starts on the pinned clock (helpers/clock.ts), from the migrated schema
// and the small portfolio seeded as of the pinned day.
pinClock();
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
const seeded = await env.DB.prepare("SELECT count(*) AS n FROM clients").first<{ n: number }>();
if (!seeded?.n) await seedD1(env.DB);
