import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import {
  type CrmFakeState,
  emptyHs,
  type Exchange,
  handleHubspot,
  handleSalesforce,
  type HsData,
  type Scripted,
} from "./fake-crm";

// Local stand-ins for SendGrid v3 Mail Send, a Slack incoming webhook, Salesforce and HubSpot
// (fake-crm.ts), answering as the real services do (../shared/reference): SendGrid 202 with an
// empty body, errors as { "errors": [{ "message", "field", "help" }] }; Slack 200 "ok",
// plain-text errors. Any of them answers 429 with Retry-After when scripted, and a scripted
// answer can be late (delay_ms) to act out a timeout. Tests script the next answers and read
// what was received:
//   POST /__script { "service": "sendgrid" | "slack" | "salesforce" | "hubspot", "responses": [{ "status", "headers"?, "body"?, "delay_ms"?, "match"? }] }
//   POST /__data   { "service": "salesforce", "objects": { "Account": [...], "User": [...], … } }
//                  { "service": "hubspot", "companies"?, "contacts"?, "owners"?, "contact_companies"? }
//   POST /__expire-sessions   (every Salesforce session issued so far now answers INVALID_SESSION_ID)
//   GET  /__requests?service=…   (and POST /__reset)

type Received = { service: string; method: string; path: string; headers: Record<string, string>; body: unknown };

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => resolve(data));
  });

export async function startFakeServices(): Promise<{ url: string; close: () => Promise<void> }> {
  // A scripted answer may carry `match`: it then answers only a request whose body contains that
  // text, so test files sharing this server cannot take each other's scripted failures.
  const takeScripted = (queue: (Scripted & { match?: string })[], body: string) => {
    const i = queue.findIndex((s) => !s.match || body.includes(s.match));
    return i < 0 ? undefined : queue.splice(i, 1)[0];
  };
  const scripts: Record<string, Scripted[]> = { sendgrid: [], slack: [], salesforce: [], hubspot: [] };
  // Sessions issued and records the CRMs hold (set by tests through POST /__data).
  const state: CrmFakeState = { sessions: new Set(), data: { salesforce: {}, hubspot: emptyHs() }, nextId: 1 };
  let received: Received[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const text = await read(req);
    const reply = async (s: Scripted) => {
      if (s.delay_ms) await new Promise((r) => setTimeout(r, s.delay_ms));
      if (res.destroyed) return;
      res.writeHead(s.status, {
        "content-type": s.body?.startsWith("{") ? "application/json" : "text/plain",
        ...(s.headers ?? {}),
      });
      res.end(s.body ?? "");
    };
    if (url.pathname === "/__script") {
      const { service, responses } = JSON.parse(text) as { service: string; responses: Scripted[] };
      scripts[service] = responses;
      return reply({ status: 204 });
    }
    if (url.pathname === "/__data") {
      const d = JSON.parse(text) as {
        service: string;
        objects?: Record<string, Record<string, unknown>[]>;
      } & Partial<HsData>;
      if (d.service === "salesforce") state.data.salesforce = d.objects ?? {};
      else state.data.hubspot = { ...emptyHs(), ...d };
      return reply({ status: 204 });
    }
    if (url.pathname === "/__requests")
      return reply({
        status: 200,
        body: JSON.stringify(
          received.filter((r) => !url.searchParams.get("service") || r.service === url.searchParams.get("service")),
        ),
      });
    // Every Salesforce session issued so far is now expired (the next call gets INVALID_SESSION_ID).
    if (url.pathname === "/__expire-sessions") {
      state.sessions.clear();
      return reply({ status: 204 });
    }
    if (url.pathname === "/__reset") {
      received = [];
      for (const k of Object.keys(scripts)) scripts[k] = [];
      state.sessions.clear();
      state.data = { salesforce: {}, hubspot: emptyHs() };
      return reply({ status: 204 });
    }
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Kept as text: the real services answer bad JSON with their own errors, below.
    }
    if (url.pathname === "/v3/mail/send" && req.method === "POST") {
      received.push({
        service: "sendgrid",
        method: req.method,
        path: url.pathname,
        headers: req.headers as Record<string, string>,
        body,
      });
      if (!String(req.headers.authorization ?? "").startsWith("Bearer "))
        return reply({
          status: 401,
          body: JSON.stringify({ errors: [{ message: "authorization required", field: null, help: null }] }),
        });
      const b = body as {
        personalizations?: unknown[];
        from?: { email?: string };
        subject?: string;
        content?: unknown[];
      };
      if (
        typeof body !== "object" ||
        !b.personalizations?.length ||
        !b.from?.email ||
        !b.subject ||
        !b.content?.length
      ) {
        return reply({
          status: 400,
          body: JSON.stringify({
            errors: [
              {
                message: "The from object must be provided for every email send.",
                field: "from.email",
                help: "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.from",
              },
            ],
          }),
        });
      }
      return reply(takeScripted(scripts.sendgrid, text) ?? { status: 202 });
    }
    if (/^\/services\/T[^/]+\/B[^/]+\/[^/]+$/.test(url.pathname) && req.method === "POST") {
      received.push({
        service: "slack",
        method: req.method,
        path: url.pathname,
        headers: req.headers as Record<string, string>,
        body,
      });
      if (typeof body !== "object" || !(body as { text?: string }).text)
        return reply({ status: 400, body: "invalid_payload" });
      return reply(takeScripted(scripts.slack, text) ?? { status: 200, body: "ok" });
    }
    const exchange: Exchange = {
      req,
      url,
      text,
      body,
      reply,
      receive: (service, b = body) =>
        void received.push({
          service,
          method: req.method ?? "",
          path: `${url.pathname}${url.search}`,
          headers: req.headers as Record<string, string>,
          body: b,
        }),
      next: (service) => scripts[service].shift(),
    };
    const crm = handleSalesforce(exchange, state) ?? handleHubspot(exchange, state);
    if (crm) return crm;
    reply({ status: 404, body: "no_service" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // The fakes live as long as the test run and never keep it from exiting.
  server.unref();
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
