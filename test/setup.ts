import { applyD1Migrations, env } from "cloudflare:test";
import { isoDate } from "../worker/core/dates";
import { seedD1 } from "./helpers/seed-d1";

// Every workerd test file starts from the migrated schema and the small seeded portfolio.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
const seeded = await env.DB.prepare("SELECT count(*) AS n FROM clients").first<{ n: number }>();
if (!seeded?.n) await seedD1(env.DB, isoDate(new Date()));
