import { Hono } from "hono";
import type { ApiEnv } from "../app";
import { getClientDetail, listPortfolio } from "../../services/clients";
import { clientIdParam } from "../params";

export const clientRoutes = new Hono<ApiEnv>()
  .get("/", async (c) => {
    const page = await listPortfolio(c.var.db, c.var.user, new URL(c.req.url).searchParams, new Date());
    return c.json({ data: page.data, pagination: page.pagination });
  })
  .get("/:id", async (c) => {
    const id = clientIdParam(c.req.param("id"));
    return c.json(await getClientDetail(c.var.db, c.var.user, id, new Date()));
  });
