import { useEffect, useRef, useState } from "react";

// The header's live bell (PRD F8 in-app delivery): the open count (the inbox's and its title's
// figure: open cards, core/alerts/alert-causes) from the page, then re-read from the server
// whenever the user's alert stream (a WebSocket to their Durable Object) reports a change, so
// the bell never counts differently from the list. New alerts show as a short notice; pages
// listening for "csd:alert" refresh themselves. On a drop it reconnects with backoff and asks
// for everything after the last message it saw, so nothing is missed.

export type StreamAlert = { id: string; status: string; title: string; severity: string; client_id: string };
export const ALERT_EVENT = "csd:alert";
const SEQ_KEY = "csd.alerts.seq";

export function AlertBell({ initial }: { initial: { count: number; ids: string[] } }) {
  const [count, setCount] = useState(initial.count);
  const [toast, setToast] = useState<StreamAlert | null>(null);
  const [state, setState] = useState<"connecting" | "live" | "offline">("connecting");
  const latest = useRef(initial);

  // A page load brings the server's count: it wins over what the stream pieced together.
  useEffect(() => {
    if (latest.current === initial) return;
    latest.current = initial;
    setCount(initial.count);
  }, [initial]);

  useEffect(() => {
    let ws: WebSocket | null = null;
    let retry = 0;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ping: ReturnType<typeof setInterval> | undefined;
    let reread: ReturnType<typeof setTimeout> | undefined;
    // A burst of changes (a bulk action) is read back once.
    const recount = () => {
      clearTimeout(reread);
      reread = setTimeout(() => {
        fetch("/api/v1/client-success/alerts/unread", { headers: { accept: "application/json" } })
          .then((r) => (r.ok ? (r.json() as Promise<{ count: number }>) : null))
          .then((b) => b && !stopped && setCount(b.count))
          .catch(() => undefined);
      }, 250);
    };
    const open = () => {
      const after = sessionStorage.getItem(SEQ_KEY);
      const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api/v1/client-success/alerts/stream${after ? `?after=${after}` : ""}`;
      ws = new WebSocket(url);
      ws.onopen = () => {
        retry = 0;
        setState("live");
        ping = setInterval(() => ws?.readyState === WebSocket.OPEN && ws.send("ping"), 30_000);
      };
      ws.onmessage = (e) => {
        if (e.data === "pong") return;
        const m = JSON.parse(String(e.data)) as { type: string; seq?: number; alert?: StreamAlert };
        if (typeof m.seq === "number")
          sessionStorage.setItem(SEQ_KEY, String(Math.max(m.seq, Number(sessionStorage.getItem(SEQ_KEY) ?? 0))));
        if (m.type !== "alert" || !m.alert) return;
        const a = m.alert;
        recount();
        if (a.status === "NEW") setToast(a);
        window.dispatchEvent(new CustomEvent(ALERT_EVENT, { detail: a }));
      };
      ws.onclose = () => {
        clearInterval(ping);
        if (stopped) return;
        setState("offline");
        timer = setTimeout(open, Math.min(30_000, 1000 * 2 ** retry++));
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(reread);
      clearInterval(ping);
      ws?.close(1000, "page left");
    };
  }, []);

  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => setToast(null), 8000);
    return () => clearTimeout(t);
  }, [toast]);

  return (
    <div className="relative">
      <a
        href="/alerts"
        className="alert-bell relative inline-flex items-center gap-1 text-slate-200 no-underline hover:text-white hover:no-underline"
        aria-label={`Alerts: ${count} open`}
        data-stream={state}
      >
        <svg
          viewBox="0 0 24 24"
          width="20"
          height="20"
          aria-hidden="true"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        <span
          className={`unread-count min-w-5 rounded-full px-1.5 text-center text-xs font-bold ${count ? "bg-band-red text-white" : "bg-slate-600 text-slate-200"}`}
        >
          {count}
        </span>
      </a>
      {toast ? (
        <div
          role="status"
          className="alert-toast absolute right-0 top-8 z-40 w-80 rounded-md border border-border bg-card p-3 text-sm text-foreground shadow-lg"
        >
          <p className="font-semibold">{toast.severity} · new alert</p>
          <a href={`/alerts?client_id=${toast.client_id}`}>{toast.title}</a>
        </div>
      ) : null}
    </div>
  );
}
