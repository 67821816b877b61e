import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// Local stand-ins for SendGrid v3 Mail Send and a Slack incoming webhook, answering as the real
// services do (../shared/reference): SendGrid 202 with an empty body, errors as
// { "errors": [{ "message", "field", "help" }] }, 401 without a Bearer key; Slack 200 "ok", errors
// as plain-text strings, 429 with Retry-After. Tests script the next answers and read what was
// received over two control endpoints:
//   POST /__script { "service": "sendgrid" | "slack", "responses": [{ "status", "headers"?, "body"? }] }
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
  const scripts: Record<string, Scripted[]> = { sendgrid: [], slack: [] };
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
    if (url.pathname === "/__requests") return reply({ status: 200, body: JSON.stringify(received.filter((r) => !url.searchParams.get("service") || r.service === url.searchParams.get("service"))) });
    if (url.pathname === "/__reset") {
      received = [];
      scripts.sendgrid = [];
      scripts.slack = [];
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
    if (url.pathname.startsWith("/services/") && req.method === "POST") {
      received.push({ service: "slack", method: req.method, path: url.pathname, headers: req.headers as Record<string, string>, body });
      if (typeof body !== "object" || !(body as { text?: string }).text) return reply({ status: 400, body: "invalid_payload" });
      return reply(scripts.slack.shift() ?? { status: 200, body: "ok" });
    }
    reply({ status: 404, body: "no_service" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // The fakes live as long as the test run and never keep it from exiting.
  server.unref();
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
