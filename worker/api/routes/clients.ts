import { Hono } from "hono";

import type { ApiEnv } from "#worker/api/context";
import { clientIdParam } from "#worker/api/params";
import { exportPortfolio, getClientDetail, listPortfolio } from "#worker/services/clients";

export const clientRoutes = new Hono<ApiEnv>()
  .get("/", async (c) => {
    const params = new URL(c.req.url).searchParams;
    if (params.get("format") === "csv") {
      const { csv, truncated } = await exportPortfolio(c.var.db, c.var.user, params, new Date());
      return new Response(csv, {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": 'attachment; filename="portfolio.csv"',
          "x-export-truncated": String(truncated),
        },
      });
    }
    const page = await listPortfolio(c.var.db, c.var.user, params, new Date());
    return c.json({ data: page.data, pagination: page.pagination });
  })
  .get("/:id", async (c) => {
    const id = clientIdParam(c.req.param("id"));
    return c.json(await getClientDetail(c.var.db, c.var.user, id, new Date()));
  });
