import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { ALERT_SEVERITIES, ALERT_STATUSES, ALERT_TYPES } from "../../worker/core/enums";
import { AppError } from "../../worker/core/errors";
import { AlertListQuerySchema } from "../../worker/core/inputs/alerts";
import { parseInput, queryObject } from "../../worker/core/inputs/common";
import { changeAlert, getAlerts, type AlertAction } from "../../worker/services/alerts/alert-workflow";
import { dispatchAlerts } from "../../worker/services/alerts/dispatch-alerts";
import { ALERT_EVENT } from "../components/alerts/alert-bell";
import { SEVERITY_TONE } from "../components/alerts/severity";
import { SelectFilter } from "../components/select-filter";
import { EmptyState } from "../components/ui/alert";
import { Badge } from "../components/ui/badge";
import { Button } from "../components/ui/button";
import { filterBar } from "../components/ui/form";
import { formatDate, titleCase } from "../lib/format";
import { orPageError } from "../lib/page-errors.server";

// The alerts inbox (PRD F8, Alert Endpoints): filter by type, severity, status and client;
// acknowledge, snooze a day or a week, dismiss, resolve with notes; each alert with its AI
// analysis, recommended action and delivery log. New alerts arrive live (the bell's stream).

export const meta: MetaFunction = () => [{ title: "Alerts · Client Success Dashboard" }];

const OPEN = "NEW,ACKNOWLEDGED,SNOOZED";

export const loader = ({ request, context }: LoaderFunctionArgs) =>
  orPageError(async () => {
    const params = new URL(request.url).searchParams;
    if (!params.has("status")) params.set("status", OPEN);
    const q = parseInput(AlertListQuerySchema, queryObject(params), "query parameters");
    const list = await getAlerts(context.db, context.user, { types: q.type ?? [], severities: q.severity ?? [], statuses: q.status ?? [], client_id: q.client_id ?? null, page: q.page, limit: q.limit }, new Date());
    return { list, status: params.get("status") ?? "" };
  });

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const id = String(form.get("alert_id") ?? "");
  const actions: Record<string, AlertAction> = {
    acknowledge: { kind: "acknowledge" },
    snooze_1d: { kind: "snooze", duration: "1d" },
    snooze_1w: { kind: "snooze", duration: "1w" },
    dismiss: { kind: "dismiss" },
    resolve: { kind: "resolve", notes: String(form.get("notes") ?? "").trim().slice(0, 2000) || null },
  };
  try {
    if (!actions[intent]) throw new AppError("BAD_REQUEST", "Unknown action");
    await changeAlert(context.db, context.user, id, actions[intent], new Date());
    context.cloudflare.ctx.waitUntil(dispatchAlerts(context.cloudflare.env, context.db, new Date()));
    return redirect(new URL(request.url).pathname + new URL(request.url).search);
  } catch (err) {
    if (err instanceof AppError && err.status < 500) return data({ error: err.message }, { status: err.status });
    throw err;
  }
}

export default function Alerts() {
  const { list, status } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const revalidator = useRevalidator();
  // A new or changed alert anywhere in the user's book: reload the list in place.
  useEffect(() => {
    const refresh = () => revalidator.state === "idle" && revalidator.revalidate();
    window.addEventListener(ALERT_EVENT, refresh);
    return () => window.removeEventListener(ALERT_EVENT, refresh);
  }, [revalidator]);
  const clientId = params.get("client_id");
  return (
    <section className="alerts">
      <h1 className="text-xl font-semibold">Alerts{clientId && list.data[0] ? ` · ${list.data[0].client.name}` : ""}</h1>
      <Form method="get" className={filterBar} aria-label="Filter alerts">
        <SelectFilter name="status" label="Status" value={status} anyLabel="Any status" options={[[OPEN, "Open"] as const, ...ALERT_STATUSES.map((s) => [s, titleCase(s)] as const)]} />
        <SelectFilter name="severity" label="Severity" value={params.get("severity") ?? ""} anyLabel="Any" options={ALERT_SEVERITIES.map((s) => [s, titleCase(s)] as const)} />
        <SelectFilter name="type" label="Type" value={params.get("type") ?? ""} anyLabel="Any" options={ALERT_TYPES.map((t) => [t, titleCase(t)] as const)} />
        {clientId ? <input type="hidden" name="client_id" value={clientId} /> : null}
        <Button type="submit">Apply</Button>
        <Link to="/alerts/settings" className="ml-auto self-center text-sm">Alert settings</Link>
      </Form>
      <p className="count text-muted-foreground">{list.pagination.total} alert{list.pagination.total === 1 ? "" : "s"}</p>
      {list.data.length === 0 ? <EmptyState>No alerts match. New ones appear here as they happen.</EmptyState> : null}
      <ul className="grid gap-3">
        {list.data.map((a) => (
          <li key={a.id} className="alert-card rounded-lg border border-border bg-card p-3" data-status={a.status}>
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone={SEVERITY_TONE[a.severity]} className="uppercase">{a.severity}</Badge>
              <Badge className="uppercase">{titleCase(a.status)}</Badge>
              <strong>{a.title}</strong>
              <span className="ml-auto text-xs text-muted-foreground">{formatDate(a.created_at)} · {titleCase(a.alert_type)}</span>
            </div>
            <p className="mt-1 text-[13px]">
              <Link to={`/clients/${a.client_id}`}>{a.client.name}</Link> · {a.description}
            </p>
            {a.ai_analysis ? <p className="mt-1 text-[13px] text-muted-foreground">{a.ai_analysis}</p> : null}
            {a.ai_recommended_action ? (
              <p className="mt-1 text-[13px]">
                Recommended: <Link to={`/clients/${a.client_id}?log=${encodeURIComponent(a.ai_recommended_action)}#log-activity`}>{a.ai_recommended_action}</Link>
              </p>
            ) : null}
            {a.status === "SNOOZED" && a.snoozed_until ? <p className="text-xs text-muted-foreground">Snoozed until {formatDate(a.snoozed_until)}</p> : null}
            {a.resolution_notes ? <p className="text-xs text-muted-foreground">Resolution: {a.resolution_notes}</p> : null}
            {["NEW", "ACKNOWLEDGED", "SNOOZED"].includes(a.status) ? (
              <Form method="post" className="mt-2 flex flex-wrap items-center gap-2" aria-label={`Act on ${a.title}`}>
                <input type="hidden" name="alert_id" value={a.id} />
                {a.status !== "ACKNOWLEDGED" ? <Button type="submit" size="sm" name="intent" value="acknowledge">Acknowledge</Button> : null}
                <Button type="submit" size="sm" variant="outline" name="intent" value="snooze_1d">Snooze 1 day</Button>
                <Button type="submit" size="sm" variant="outline" name="intent" value="snooze_1w">Snooze 1 week</Button>
                <Button type="submit" size="sm" variant="outline" name="intent" value="dismiss">Dismiss</Button>
                <label className="sr-only" htmlFor={`notes-${a.id}`}>Resolution notes</label>
                <input id={`notes-${a.id}`} name="notes" placeholder="Resolution notes" maxLength={2000} className="min-w-48 flex-1 rounded-md border border-input px-2 py-1 text-[13px]" />
                <Button type="submit" size="sm" variant="outline" name="intent" value="resolve">Resolve</Button>
              </Form>
            ) : null}
            <details className="mt-2 text-xs">
              <summary>Trigger and delivery ({a.deliveries.length} {a.deliveries.length === 1 ? "entry" : "entries"})</summary>
              <p>
                {a.trigger_metric}: {a.trigger_value} (threshold {a.trigger_threshold})
              </p>
              <ul className="deliveries">
                {a.deliveries.map((d) => (
                  <li key={d.id}>
                    {formatDate(d.at)} · {d.channel} · attempt {d.attempt} · {titleCase(d.status)}
                    {d.http_status ? ` · HTTP ${d.http_status}` : ""}
                    {d.detail ? ` · ${d.detail}` : ""}
                  </li>
                ))}
                {a.deliveries.length === 0 ? <li>In-app only.</li> : null}
              </ul>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
