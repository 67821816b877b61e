import { Hono } from "hono";

import type { ApiEnv } from "#worker/api/context";

/** The signed-in user as the app sees them (handy for clients and for checking Access set-up). */
export const meRoutes = new Hono<ApiEnv>().get("/", (c) => {
  const u = c.var.user;
  return c.json({ id: u.id, email: u.email, name: `${u.first_name} ${u.last_name}`, role: u.role });
});
