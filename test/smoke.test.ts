import { SELF } from "cloudflare:test";
import { expect, it } from "vitest";

it("serves the client list to the VP", async () => {
  const res = await SELF.fetch("https://csd.localhost/api/v1/client-success/clients", {
    headers: { "x-dev-user": "vp-cs@ethico.test" },
  });
  expect(res.status).toBe(200);
  const body = await res.json<{ pagination: { total: number } }>();
  expect(body.pagination.total).toBe(24);
});
