import { DurableObject } from "cloudflare:workers";

import { inDurableObject } from "#worker/services/observability/error-reporter";

// One person's live alert stream (one per CSM or AE, and "all" for VPs and admins). Browsers
// connect over WebSockets through the hibernation API, so an idle stream costs nothing and the
// sockets survive the object being evicted. Every message is kept with a sequence number, so a
// browser that reconnects sends the last one it saw and gets everything after it: nothing is
// missed across a drop, a deploy or hibernation.

const KEEP = 1000;
const CATCH_UP_LIMIT = 500;

export interface StreamMessage {
  type: "alert";
  seq: number;
  alert: unknown;
}

export class AlertStream extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(
      "CREATE TABLE IF NOT EXISTS messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL, at TEXT NOT NULL)",
    );
    // Keep-alive pings are answered without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  /** A WebSocket upgrade, already authenticated and routed by the Worker. `?after=` is the last seq seen. */
  async fetch(request: Request): Promise<Response> {
    return inDurableObject("AlertStream.fetch", async () => this.upgrade(request), request.headers.get("cf-ray"));
  }

  private upgrade(request: Request): Response {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket")
      return new Response("Expected a WebSocket upgrade", { status: 426 });
    const after = Number(new URL(request.url).searchParams.get("after") ?? "0");
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    this.catchUp(server, Number.isFinite(after) && after > 0 ? after : null);
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Appends alerts to the stream and sends them to every open socket. Returns the last seq. */
  async publish(alerts: unknown[]): Promise<number> {
    return inDurableObject("AlertStream.publish", async () => this.append(alerts));
  }

  private append(alerts: unknown[]): number {
    let seq = 0;
    const at = new Date().toISOString();
    for (const alert of alerts) {
      const body = JSON.stringify(alert);
      seq = Number(
        this.ctx.storage.sql
          .exec<{ seq: number }>("INSERT INTO messages (body, at) VALUES (?, ?) RETURNING seq", body, at)
          .one().seq,
      );
      const message = JSON.stringify({ type: "alert", seq, alert } satisfies StreamMessage);
      for (const ws of this.ctx.getWebSockets()) {
        try {
          ws.send(message);
        } catch {
          // A socket closing as we send: its browser catches up from its last seq on reconnect.
        }
      }
    }
    this.ctx.storage.sql.exec("DELETE FROM messages WHERE seq <= ?", seq - KEEP);
    return seq;
  }

  /** What the stream holds after `after` (the API's catch-up for tests and non-socket clients). */
  async since(after: number): Promise<StreamMessage[]> {
    return this.rows(after);
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    return inDurableObject("AlertStream.webSocketMessage", async () => this.onMessage(ws, message));
  }

  private onMessage(ws: WebSocket, message: string | ArrayBuffer): void {
    if (typeof message !== "string") return;
    try {
      const m = JSON.parse(message) as { type?: string; after?: number };
      if (m.type === "resume" && typeof m.after === "number") this.catchUp(ws, m.after);
    } catch {
      ws.send(JSON.stringify({ type: "error", message: 'messages are JSON: { "type": "resume", "after": <seq> }' }));
    }
  }

  async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    return inDurableObject("AlertStream.webSocketClose", async () => this.onClose(ws, code, reason));
  }

  private onClose(ws: WebSocket, code: number, reason: string): void {
    // Codes that only describe a close (no status, abnormal, TLS) cannot be sent back.
    const sendable = code >= 1000 && code < 5000 && ![1004, 1005, 1006, 1015].includes(code);
    try {
      ws.close(sendable ? code : 1000, reason);
    } catch {
      // Already closed on this side.
    }
  }

  private rows(after: number): StreamMessage[] {
    return this.ctx.storage.sql
      .exec<{ seq: number; body: string }>(
        "SELECT seq, body FROM messages WHERE seq > ? ORDER BY seq LIMIT ?",
        after,
        CATCH_UP_LIMIT,
      )
      .toArray()
      .map((r) => ({ type: "alert" as const, seq: Number(r.seq), alert: JSON.parse(r.body) }));
  }

  /** Sends what the socket missed; with no last seq, just the current position so it can resume later. */
  private catchUp(ws: WebSocket, after: number | null): void {
    if (after === null) {
      const last =
        this.ctx.storage.sql.exec<{ seq: number | null }>("SELECT max(seq) AS seq FROM messages").one().seq ?? 0;
      ws.send(JSON.stringify({ type: "hello", seq: Number(last) }));
      return;
    }
    for (const m of this.rows(after)) ws.send(JSON.stringify(m));
    ws.send(
      JSON.stringify({
        type: "hello",
        seq: Number(
          this.ctx.storage.sql.exec<{ seq: number | null }>("SELECT max(seq) AS seq FROM messages").one().seq ?? 0,
        ),
      }),
    );
  }
}
