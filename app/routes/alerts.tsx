import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";

import { ALERT_EVENT } from "#app/components/alerts/alert-bell";
import { AlertClientGroup, type InboxAlert } from "#app/components/alerts/alert-group";
import { SelectFilter } from "#app/components/select-filter";
import { TimeZoneField } from "#app/components/time-zone-cookie";
import { EmptyState } from "#app/components/ui/alert";
import { Button } from "#app/components/ui/button";
import { filterBar } from "#app/components/ui/form";
import { SubmitButton } from "#app/components/ui/submit-button";
import { Toast } from "#app/components/ui/toast";
import { titleCase } from "#app/lib/format";
import { orPageError } from "#app/lib/page-errors.server";
import { timeZoneOf } from "#app/lib/time-zone.server";
import { groupAlerts } from "#worker/core/alerts/alert-causes";
import { addDays } from "#worker/core/dates";
import { ALERT_SEVERITIES, ALERT_STATUSES, ALERT_TYPES } from "#worker/core/enums";
import { AppError } from "#worker/core/errors";
import { AlertListQuerySchema } from "#worker/core/inputs/alerts";
import { parseQuery } from "#worker/core/inputs/parse";
import { formatLocal, localDate } from "#worker/core/time-zone";
import {
  type AlertAction,
  alertClientChoices,
  bulkChangeAlerts,
  getAlerts,
  snoozeSpec,
  unreadAlertCount,
} from "#worker/services/alerts/alert-workflow";

// The alerts inbox (PRD F8, issue 19): cards grouped by client (one card per cause, the newest
// cause first), paged on the server; filters (status, severity, type, client) in the URL; bulk
// acknowledge, snooze (a day, a week, until a date) and dismiss on a selection or a whole client;
// the open count here, in the title and on the bell is the same figure. Works without JavaScript.

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `(${data.open}) ` : ""}Alerts · Client Success Dashboard` },
];

/** "Open": new or acknowledged now (a snooze that ended is new again). */
const OPEN = "NEW,ACKNOWLEDGED";
const ANY = ALERT_STATUSES.join(",");
const PAGE_SIZE = "25";

export const loader = ({ request, context }: LoaderFunctionArgs) =>
  orPageError(async () => {
    const params = new URL(request.url).searchParams;
    if (!params.has("status")) params.set("status", OPEN);
    if (!params.has("limit")) params.set("limit", PAGE_SIZE);
    const q = parseQuery(AlertListQuerySchema, params);
    const now = new Date();
    const tz = timeZoneOf(request);
    const [list, open, clients] = await Promise.all([
      getAlerts(
        context.db,
        context.user,
        {
          types: q.type ?? [],
          severities: q.severity ?? [],
          statuses: q.status ?? [],
          client_id: q.client_id ?? null,
          group: "client",
          page: q.page,
          limit: q.limit,
        },
        now,
      ),
      unreadAlertCount(context.db, context.user, now),
      alertClientChoices(context.db, context.user),
    ]);
    return { list, open: open.count, clients, tz, today: localDate(now, tz), status: params.get("status") ?? "" };
  });

const VERBS = ["acknowledge", "snooze_1d", "snooze_1w", "snooze_until", "dismiss", "resolve"] as const;
type Verb = (typeof VERBS)[number];
const DONE: Record<Verb, string> = {
  acknowledge: "acknowledged",
  snooze_1d: "snoozed for a day",
  snooze_1w: "snoozed for a week",
  snooze_until: "snoozed",
  dismiss: "dismissed",
  resolve: "resolved",
};

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const [verb, target] = String(form.get("intent") ?? "").split("|") as [Verb, string | undefined];
  const tz = timeZoneOf(request, form);
  const now = new Date();
  try {
    if (!VERBS.includes(verb)) throw new AppError("BAD_REQUEST", "Unknown action");
    // A card's or a client's button names its alerts; the bulk bar acts on the ticked cards.
    const ids = (target ? [target] : form.getAll("alert_id").map(String))
      .flatMap((v) => v.split(","))
      .map((s) => s.trim())
      .filter(Boolean);
    if (ids.length === 0) throw new AppError("UNPROCESSABLE", "Select at least one alert first");
    const until = String(form.get("snooze_until") ?? "");
    if (verb === "snooze_until" && !until) throw new AppError("UNPROCESSABLE", "Pick the date the snooze ends");
    const action: AlertAction =
      verb === "acknowledge"
        ? { kind: "acknowledge" }
        : verb === "dismiss"
          ? { kind: "dismiss" }
          : verb === "resolve"
            ? {
                kind: "resolve",
                notes:
                  String(form.get(`notes|${target ?? ""}`) ?? "")
                    .trim()
                    .slice(0, 2000) || null,
              }
            : verb === "snooze_until"
              ? { kind: "snooze", ...snoozeSpec({ until, time_zone: tz }) }
              : { kind: "snooze", duration: verb === "snooze_1d" ? "1d" : "1w" };
    const r = await bulkChangeAlerts(context.ctx, ids.slice(0, 200), action);
    const n = r.updated.length;
    const what = `${n} alert${n === 1 ? "" : "s"} ${verb === "snooze_until" && r.snoozed_until ? `snoozed until ${formatLocal(r.snoozed_until, tz, false)}` : DONE[verb]}`;
    const skipped = r.skipped.length ? `; ${r.skipped.length} already closed or not yours` : "";
    return data({ toast: `${what}${skipped}.`, error: null, at: now.getTime() });
  } catch (err) {
    if (err instanceof AppError && err.status < 500) {
      const detail = Array.isArray(err.details)
        ? (err.details as { message: string }[]).map((d) => d.message).join("; ")
        : "";
      return data(
        { toast: null, error: detail ? `${err.message}: ${detail}` : err.message, at: now.getTime() },
        { status: err.status },
      );
    }
    throw err;
  }
}

export default function Alerts() {
  const { list, open, clients, tz, today, status } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const [params] = useSearchParams();
  const revalidator = useRevalidator();
  // A new or changed alert anywhere in the user's book: reload the list in place.
  useEffect(() => {
    const refresh = () => revalidator.state === "idle" && revalidator.revalidate();
    window.addEventListener(ALERT_EVENT, refresh);
    return () => window.removeEventListener(ALERT_EVENT, refresh);
  }, [revalidator]);
  // "Select every alert of a client" ticks its cards (without JavaScript, its buttons act on all).
  useEffect(() => {
    const onChange = (e: Event) => {
      const box = e.target as HTMLInputElement;
      if (!box.classList?.contains("select-group")) return;
      for (const c of document.querySelectorAll<HTMLInputElement>(
        `input.select-card[data-group="${box.dataset.group}"]`,
      ))
        c.checked = box.checked;
    };
    document.addEventListener("change", onChange);
    return () => document.removeEventListener("change", onChange);
  }, []);
  const groups = groupAlerts(list.data as InboxAlert[]);
  const { page, pages, total } = list.pagination;
  const pageHref = (p: number) => `?${new URLSearchParams({ ...Object.fromEntries(params), page: String(p) })}`;
  return (
    <section className="alerts grid min-w-0 gap-3">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-semibold">Alerts</h1>
        <span className="open-count text-sm text-muted-foreground" data-count={open}>
          {open} open
        </span>
        <Link to="/alerts/settings" className="ml-auto text-sm">
          Alert settings
        </Link>
      </div>
      <Form method="get" className={filterBar} aria-label="Filter alerts">
        <SelectFilter
          name="status"
          label="Status"
          value={status}
          options={[
            [OPEN, "Open"] as const,
            ...ALERT_STATUSES.map((s) => [s, titleCase(s)] as const),
            [ANY, "Any status"] as const,
          ]}
        />
        <SelectFilter
          name="severity"
          label="Severity"
          value={params.get("severity") ?? ""}
          anyLabel="Any"
          options={ALERT_SEVERITIES.map((s) => [s, titleCase(s)] as const)}
        />
        <SelectFilter
          name="type"
          label="Type"
          value={params.get("type") ?? ""}
          anyLabel="Any"
          options={ALERT_TYPES.map((t) => [t, titleCase(t)] as const)}
        />
        <SelectFilter
          name="client_id"
          label="Client"
          value={params.get("client_id") ?? ""}
          anyLabel="Any client"
          options={clients.map((c) => [c.id, c.name] as const)}
        />
        <Button type="submit">Apply</Button>
      </Form>
      <Form method="post" className="grid min-w-0 gap-3" aria-label="Alerts inbox" replace>
        <TimeZoneField />
        <div
          className="bulk-bar sticky top-0 z-10 flex flex-wrap items-end gap-2 rounded-lg border border-border bg-card p-2"
          role="group"
          aria-label="With the selected alerts"
        >
          <span className="self-center text-sm">With selected:</span>
          <SubmitButton size="sm" name="intent" value="acknowledge">
            Acknowledge selected
          </SubmitButton>
          <SubmitButton size="sm" variant="outline" name="intent" value="snooze_1d">
            Snooze 1 day
          </SubmitButton>
          <SubmitButton size="sm" variant="outline" name="intent" value="snooze_1w">
            Snooze 1 week
          </SubmitButton>
          <label className="grid gap-0.5 text-xs text-muted-foreground">
            Snooze until
            <input type="date" name="snooze_until" min={addDays(today, 1)} max={addDays(today, 90)} className="h-8" />
          </label>
          <SubmitButton size="sm" variant="outline" name="intent" value="snooze_until">
            Snooze until date
          </SubmitButton>
          <SubmitButton size="sm" variant="outline" name="intent" value="dismiss">
            Dismiss selected
          </SubmitButton>
        </div>
        <p className="count text-muted-foreground">
          {total} {total === 1 ? "card" : "cards"}
          {status === OPEN && !params.get("severity") && !params.get("type") && !params.get("client_id")
            ? " open"
            : " match"}
          {pages > 1 ? ` · page ${page} of ${pages}` : ""}
        </p>
        {groups.length === 0 ? <EmptyState>No alerts match. New ones appear here as they happen.</EmptyState> : null}
        {groups.map((g) => (
          <AlertClientGroup key={`${g.client_id}-${g.cards[0]!.key}`} group={g} tz={tz} />
        ))}
      </Form>
      {pages > 1 ? (
        <nav className="flex gap-3 text-sm" aria-label="Pages">
          {page > 1 ? (
            <Link to={pageHref(page - 1)} rel="prev">
              ← Previous
            </Link>
          ) : null}
          {page < pages ? (
            <Link to={pageHref(page + 1)} rel="next">
              Next →
            </Link>
          ) : null}
        </nav>
      ) : null}
      <Toast message={done?.toast ?? done?.error} id={done?.at} tone={done?.error ? "error" : "success"} />
    </section>
  );
}
