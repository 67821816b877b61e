import { env } from "cloudflare:test";

import { ADMIN, asUser, json } from "./http";

// The CRM tests' common start: the fakes emptied, and both connections set up by the admin
// against them (Salesforce by client credentials, HubSpot by a private-app token).

export const fake = (path: string, init?: RequestInit) => fetch(`${env.FAKES_URL}${path}`, init);

export async function connectFakeCrms(): Promise<void> {
  await fake("/__reset", { method: "POST" });
  const connect = (provider: string, body: unknown) => asUser(ADMIN, `/crm/connections/${provider}`, json("PUT", body));
  const sf = await connect("salesforce", {
    base_url: env.FAKES_URL,
    enabled: true,
    auth: { type: "client_credentials", client_id: "3MVG9-test", client_secret: "test-secret" },
  });
  const hs = await connect("hubspot", {
    base_url: env.FAKES_URL,
    enabled: true,
    auth: { type: "private_app", token: "pat-na1-test" },
  });
  if (sf.status !== 200 || hs.status !== 200) throw new Error(`CRM connections not set up: ${sf.status} ${hs.status}`);
}
