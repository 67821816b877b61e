import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// Local stand-ins for SendGrid v3 Mail Send, a Slack incoming webhook, Salesforce (OAuth token,
// sObject Collections update) and HubSpot (companies batch update), answering as the real
// services do (../shared/reference): SendGrid 202 with an empty body, errors as
// { "errors": [{ "message", "field", "help" }] }; Slack 200 "ok", plain-text errors; Salesforce
// token { access_token, instance_url, … }, a 200 array of per-record results, errors as
// [{ "message", "errorCode" }] (401 INVALID_SESSION_ID for an unknown token); HubSpot
// { status, results, … } and { "status": "error", "category", … }. Any of them answers 429 with
// Retry-After when scripted. Tests script the next answers and read what was received:
//   POST /__script { "service": "sendgrid" | "slack" | "salesforce" | "hubspot", "responses": [{ "status", "headers"?, "body"? }] }
//   GET  /__requests?service=…   (and POST /__reset)

type Scripted = { status: number; headers?: Record<string, string>; body?: string };
type Received = { service: string; method: string; path: string; headers: Record<string, string>; body: unknown };

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => resolve(data));
  });

export async function startFakeServices(): Promise<{ url: string; close: () => Promise<void> }> {
  const scripts: Record<string, Scripted[]> = { sendgrid: [], slack: [], salesforce: [], hubspot: [] };
  // Salesforce sessions this fake has issued (a token from elsewhere is an expired session).
  const sessions = new Set<string>();
  // Records the CRMs hold (set by tests through POST /__data), served two to a page.
  let data: { salesforce: Record<string, Record<string, unknown>[]>; hubspot: { id: string; properties: Record<string, string | null>; updatedAt: string }[] } = { salesforce: {}, hubspot: [] };
  const PAGE = 2;
  let received: Received[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const text = await read(req);
    const reply = (s: Scripted) => {
      res.writeHead(s.status, { "content-type": s.body?.startsWith("{") ? "application/json" : "text/plain", ...(s.headers ?? {}) });
      res.end(s.body ?? "");
    };
    if (url.pathname === "/__script") {
      const { service, responses } = JSON.parse(text) as { service: string; responses: Scripted[] };
      scripts[service] = responses;
      return reply({ status: 204 });
    }
    if (url.pathname === "/__data") {
      const d = JSON.parse(text) as { service: string; objects?: Record<string, Record<string, unknown>[]>; companies?: typeof data.hubspot };
      if (d.service === "salesforce") data.salesforce = d.objects ?? {};
      else data.hubspot = d.companies ?? [];
      return reply({ status: 204 });
    }
    if (url.pathname === "/__requests") return reply({ status: 200, body: JSON.stringify(received.filter((r) => !url.searchParams.get("service") || r.service === url.searchParams.get("service"))) });
    if (url.pathname === "/__reset") {
      received = [];
      for (const k of Object.keys(scripts)) scripts[k] = [];
      sessions.clear();
      data = { salesforce: {}, hubspot: [] };
      return reply({ status: 204 });
    }
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Kept as text: the real services answer bad JSON with their own errors, below.
    }
    if (url.pathname === "/v3/mail/send" && req.method === "POST") {
      received.push({ service: "sendgrid", method: req.method, path: url.pathname, headers: req.headers as Record<string, string>, body });
      if (!String(req.headers.authorization ?? "").startsWith("Bearer ")) return reply({ status: 401, body: JSON.stringify({ errors: [{ message: "authorization required", field: null, help: null }] }) });
      const b = body as { personalizations?: unknown[]; from?: { email?: string }; subject?: string; content?: unknown[] };
      if (typeof body !== "object" || !b.personalizations?.length || !b.from?.email || !b.subject || !b.content?.length) {
        return reply({ status: 400, body: JSON.stringify({ errors: [{ message: "The from object must be provided for every email send.", field: "from.email", help: "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.from" }] }) });
      }
      return reply(scripts.sendgrid.shift() ?? { status: 202 });
    }
    if (/^\/services\/T[^/]+\/B[^/]+\/[^/]+$/.test(url.pathname) && req.method === "POST") {
      received.push({ service: "slack", method: req.method, path: url.pathname, headers: req.headers as Record<string, string>, body });
      if (typeof body !== "object" || !(body as { text?: string }).text) return reply({ status: 400, body: "invalid_payload" });
      return reply(scripts.slack.shift() ?? { status: 200, body: "ok" });
    }
    if (url.pathname === "/services/oauth2/token" && req.method === "POST") {
      const form = new URLSearchParams(text);
      received.push({ service: "salesforce", method: req.method, path: url.pathname, headers: req.headers as Record<string, string>, body: Object.fromEntries(form) });
      const grant = form.get("grant_type");
      if (!(grant === "client_credentials" && form.get("client_secret")) && !(grant === "urn:ietf:params:oauth:grant-type:jwt-bearer" && form.get("assertion"))) {
        return reply({ status: 400, body: JSON.stringify({ error: "invalid_grant", error_description: "authentication failure" }) });
      }
      const token = `00Dfake!${Math.random().toString(36).slice(2)}`;
      sessions.add(token);
      return reply({ status: 200, body: JSON.stringify({ access_token: token, instance_url: `http://${req.headers.host}`, id: "https://login.salesforce.com/id/00Dfake/005fake", token_type: "Bearer", issued_at: String(Date.now()), signature: "fake" }) });
    }
    if (url.pathname.startsWith("/services/data/") && url.pathname.endsWith("/composite/sobjects") && req.method === "PATCH") {
      received.push({ service: "salesforce", method: req.method, path: url.pathname, headers: req.headers as Record<string, string>, body });
      if (!sessions.has(String(req.headers.authorization ?? "").replace(/^Bearer /, ""))) return reply({ status: 401, body: JSON.stringify([{ message: "Session expired or invalid", errorCode: "INVALID_SESSION_ID" }]) });
      const scripted = scripts.salesforce.shift();
      if (scripted) return reply(scripted);
      const records = (body as { records?: { id?: string }[] }).records ?? [];
      return reply({ status: 200, body: JSON.stringify(records.map((r) => (r.id?.startsWith("001") ? { id: r.id, success: true, errors: [] } : { success: false, errors: [{ statusCode: "MALFORMED_ID", message: `Account ID: id value of incorrect type: ${r.id}`, fields: ["Id"] }] }))) });
    }
    const soql = url.pathname.match(/^\/services\/data\/v[\d.]+\/query\/?(?:(\w+)-(\d+))?$/);
    if (soql && req.method === "GET") {
      received.push({ service: "salesforce", method: req.method, path: `${url.pathname}${url.search}`, headers: req.headers as Record<string, string>, body: null });
      if (!sessions.has(String(req.headers.authorization ?? "").replace(/^Bearer /, ""))) return reply({ status: 401, body: JSON.stringify([{ message: "Session expired or invalid", errorCode: "INVALID_SESSION_ID" }]) });
      const scripted = scripts.salesforce.shift();
      if (scripted) return reply(scripted);
      const type = soql[1] ?? url.searchParams.get("q")?.match(/\bFROM\s+(\w+)/i)?.[1];
      if (!type) return reply({ status: 400, body: JSON.stringify([{ message: "unexpected token", errorCode: "MALFORMED_QUERY" }]) });
      const all = (data.salesforce[type] ?? []).map((r) => ({ attributes: { type, url: `/services/data/v62.0/sobjects/${type}/${String(r.Id)}` }, ...r }));
      const from = soql[2] ? Number(soql[2]) : 0;
      const done = from + PAGE >= all.length;
      return reply({ status: 200, body: JSON.stringify({ totalSize: all.length, done, records: all.slice(from, from + PAGE), ...(done ? {} : { nextRecordsUrl: `/services/data/v62.0/query/${type}-${from + PAGE}` }) }) });
    }
    if (url.pathname === "/crm/v3/objects/companies/search" && req.method === "POST") {
      received.push({ service: "hubspot", method: req.method, path: url.pathname, headers: req.headers as Record<string, string>, body });
      if (!String(req.headers.authorization ?? "").startsWith("Bearer pat-")) return reply({ status: 401, body: JSON.stringify({ status: "error", message: "Authentication credentials not found.", correlationId: "00000000-0000-4000-8000-000000000001", category: "INVALID_AUTHENTICATION" }) });
      const scripted = scripts.hubspot.shift();
      if (scripted) return reply(scripted);
      const from = Number((body as { after?: string }).after ?? 0);
      const page = data.hubspot.slice(from, from + PAGE);
      return reply({ status: 200, body: JSON.stringify({ total: data.hubspot.length, results: page.map((c) => ({ ...c, createdAt: c.updatedAt, archived: false })), ...(from + PAGE < data.hubspot.length ? { paging: { next: { after: String(from + PAGE) } } } : {}) }) });
    }
    if (url.pathname === "/crm/v3/objects/companies/batch/update" && req.method === "POST") {
      received.push({ service: "hubspot", method: req.method, path: url.pathname, headers: req.headers as Record<string, string>, body });
      if (!String(req.headers.authorization ?? "").startsWith("Bearer pat-")) return reply({ status: 401, body: JSON.stringify({ status: "error", message: "Authentication credentials not found.", correlationId: "00000000-0000-4000-8000-000000000001", category: "INVALID_AUTHENTICATION" }) });
      const scripted = scripts.hubspot.shift();
      if (scripted) return reply(scripted);
      const inputs = (body as { inputs?: { id: string; properties: Record<string, string> }[] }).inputs ?? [];
      const now = new Date().toISOString();
      return reply({ status: 200, body: JSON.stringify({ status: "COMPLETE", results: inputs.map((i) => ({ id: i.id, properties: i.properties, createdAt: now, updatedAt: now, archived: false })), startedAt: now, completedAt: now }) });
    }
    reply({ status: 404, body: "no_service" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // The fakes live as long as the test run and never keep it from exiting.
  server.unref();
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
