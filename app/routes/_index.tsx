import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/cloudflare";
import { useActionData, useLoaderData } from "@remix-run/react";

import { AiInsightsPanel } from "#app/components/ai-insights-panel";
import { PortfolioTable } from "#app/components/portfolio-table";
import { SavedViewsBar } from "#app/components/saved-views-bar";
import { SelectFilter } from "#app/components/select-filter";
import { SummaryCards } from "#app/components/summary-cards";
import { MyTasksPanel } from "#app/components/tasks/my-tasks-panel";
import { Alert } from "#app/components/ui/alert";
import { AutoSubmitForm } from "#app/components/ui/auto-submit-form";
import { Button, buttonVariants } from "#app/components/ui/button";
import { Field, filterBar } from "#app/components/ui/form";
import { parseForm } from "#app/lib/form-input.server";
import { titleCase } from "#app/lib/format";
import { timeZoneOf } from "#app/lib/time-zone.server";
import { clientScopeFor } from "#worker/core/access-policy";
import { CLIENT_SORTS } from "#worker/core/client-list-query";
import { CONTRACT_TIERS, HEALTH_STATUSES } from "#worker/core/enums";
import { AppError } from "#worker/core/errors";
import { NewSavedViewSchema } from "#worker/core/inputs/saved-view";
import { attentionToday } from "#worker/services/ai/briefing";
import { csmChoices, listPortfolio, portfolioFacets, portfolioSummary } from "#worker/services/clients";
import { deleteView, listSavedViews, saveView } from "#worker/services/saved-views";
import { listTasks } from "#worker/services/tasks";

const RENEWAL_WINDOWS = [30, 60, 90, 180] as const;
const PAGE_SIZES = [25, 50, 100, 200] as const;

export const meta: MetaFunction = () => [{ title: "Portfolio · Client Success Dashboard" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const now = new Date();
  const { db, user } = context;
  // Everything the page shows, in parallel: no request waterfall.
  const csmId = params.get("csm_id") || undefined;
  const [facets, summary, csms, views, page, insights, tasks] = await Promise.all([
    portfolioFacets(db, user),
    portfolioSummary(db, user, now),
    csmChoices(db, user),
    listSavedViews(db, user),
    listPortfolio(db, user, params, now).catch((err: unknown) =>
      err instanceof AppError && err.status === 400 ? err : Promise.reject(err),
    ),
    // The insights follow the CSM filter; a CSM id that is not a CSM simply shows none.
    attentionToday(db, user, now, {
      csm_id: csmId,
      limit: 5,
      appUrl: new URL(request.url).origin,
      timeZone: timeZoneOf(request),
    }).then(
      ({ headline, needs_attention, items, follow_ups }) => ({ headline, needs_attention, items, follow_ups }),
      (err: unknown) => (err instanceof AppError && err.status < 500 ? null : Promise.reject(err)),
    ),
    listTasks(db, user, now, timeZoneOf(request)),
  ]);
  const me = { id: user.id, isCsm: clientScopeFor(user).kind === "csm" };
  const base = {
    facets,
    summary,
    csms,
    me,
    views,
    insights,
    tasks,
    now: now.toISOString(),
    params: Object.fromEntries(params),
  };
  if (page instanceof AppError) {
    return data(
      {
        ...base,
        page: null,
        error: { message: page.message, details: page.details as { param: string; message: string }[] },
      },
      { status: 400 },
    );
  }
  return { ...base, page, error: null };
}

/** Save the current filters as a named view, or delete one (the "+ Add View" tab). */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "save_view") {
      const query = Object.fromEntries(new URLSearchParams(String(form.get("query") ?? "")));
      const view = await saveView(
        context.db,
        context.user,
        parseForm(NewSavedViewSchema, form, "view", (f) => ({ name: f.text("name"), query })),
        new Date(),
      );
      return redirect(`/?${new URLSearchParams(view.query)}`);
    }
    if (intent === "delete_view") {
      await deleteView(context.db, context.user, String(form.get("id") ?? ""));
      return redirect("/");
    }
    throw new AppError("BAD_REQUEST", "Unknown form");
  } catch (err) {
    if (err instanceof AppError && err.status < 500) {
      const details = (err.details as { field?: string; message: string }[] | null) ?? [];
      return data(
        {
          viewError: `${err.message}${details.length ? `: ${details.map((d) => `${d.field ?? ""} ${d.message}`.trim()).join("; ")}` : ""}`,
        },
        { status: err.status },
      );
    }
    throw err;
  }
}

function pageHref(params: Record<string, string>, page: number) {
  return `?${new URLSearchParams({ ...params, page: String(page) })}`;
}

export default function Portfolio() {
  const { page, facets, error, params, summary, csms, me, views, now, insights, tasks } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const builtIn = [
    { label: "All Clients", query: "" },
    { label: "At Risk", query: "health_status=AT_RISK%2CCRITICAL" },
    { label: "Renewals < 90d", query: "renewal_within_days=90&sort=renewal_date" },
    ...(me.isCsm ? [{ label: "My Clients", query: `csm_id=${me.id}` }] : []),
  ];
  const current = new URLSearchParams(params).toString();
  const exportHref = `/api/v1/client-success/clients?${new URLSearchParams({ ...params, format: "csv" })}`;
  return (
    <section>
      <h1>Portfolio</h1>
      <SummaryCards s={summary} />
      <MyTasksPanel tasks={tasks} />
      <SavedViewsBar
        builtIn={builtIn.map((v) => ({ ...v, id: null }))}
        saved={views.map((v) => ({ label: v.name, query: new URLSearchParams(v.query).toString(), id: v.id }))}
        current={current}
      />
      {actionData && "viewError" in actionData ? <Alert>{actionData.viewError}</Alert> : null}
      <AutoSubmitForm method="get" className={filterBar} aria-label="Filter clients">
        <Field label="Search" labelId="lbl-search">
          <input
            type="search"
            aria-labelledby="lbl-search"
            name="search"
            defaultValue={params.search ?? ""}
            placeholder="Client name"
          />
        </Field>
        <SelectFilter
          name="health_status"
          label="Health"
          value={params.health_status}
          anyLabel="Any"
          options={[
            ["AT_RISK,CRITICAL", "At risk or critical"] as const,
            ...HEALTH_STATUSES.map((s) => [s, titleCase(s)] as const),
          ]}
        />
        <SelectFilter
          name="contract_tier"
          label="Tier"
          value={params.contract_tier}
          anyLabel="Any"
          options={CONTRACT_TIERS.map((t) => [t, titleCase(t)] as const)}
        />
        <SelectFilter
          name="industry"
          label="Industry"
          value={params.industry}
          anyLabel="Any"
          options={facets.industries.map((i) => [i, i] as const)}
        />
        {csms.length > 0 ? (
          <SelectFilter
            name="csm_id"
            label="CSM"
            value={params.csm_id}
            anyLabel="Any"
            options={csms.map((c) => [c.id, c.name] as const)}
          />
        ) : null}
        <SelectFilter
          name="tags"
          label="Tag"
          value={params.tags}
          anyLabel="Any"
          options={facets.tags.map((t) => [t, t] as const)}
        />
        <SelectFilter
          name="renewal_within_days"
          label="Renewal within"
          value={params.renewal_within_days}
          anyLabel="Any time"
          options={RENEWAL_WINDOWS.map((d) => [String(d), `${d} days`] as const)}
        />
        <SelectFilter
          name="limit"
          label="Rows"
          value={params.limit ?? "25"}
          options={PAGE_SIZES.map((n) => [String(n), `${n} per page`] as const)}
        />
        <SelectFilter
          name="sort"
          label="Sort"
          value={params.sort ?? "priority"}
          options={CLIENT_SORTS.map(
            (s) => [s, s === "priority" ? "Needs attention first" : s === "csm" ? "CSM" : titleCase(s)] as const,
          )}
        />
        <Button type="submit">Apply</Button>
        <a href="/" className={buttonVariants({ variant: "ghost" })}>
          Reset
        </a>
        <a href={exportHref} className={buttonVariants({ variant: "outline" })} download>
          Export CSV
        </a>
      </AutoSubmitForm>

      {error ? (
        <Alert>
          <strong>{error.message}.</strong>
          <ul>
            {error.details.map((d) => (
              <li key={d.param + d.message}>
                <code>{d.param}</code> {d.message}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}

      {page ? (
        <>
          <p className="count text-muted-foreground">
            {page.pagination.total} client{page.pagination.total === 1 ? "" : "s"}
          </p>
          <PortfolioTable
            rows={page.data}
            sort={page.query.sort}
            order={page.query.order}
            nowIso={now}
            sortHref={(sort, order) => `?${new URLSearchParams({ ...params, sort, order, page: "1" })}`}
          />
          <nav className="flex items-center justify-between py-3" aria-label="Pages">
            {page.pagination.page > 1 ? <a href={pageHref(params, page.pagination.page - 1)}>← Previous</a> : <span />}
            <span>
              Page {page.pagination.page} of {Math.max(1, page.pagination.pages)}
            </span>
            {page.pagination.page < page.pagination.pages ? (
              <a href={pageHref(params, page.pagination.page + 1)}>Next →</a>
            ) : (
              <span />
            )}
          </nav>
        </>
      ) : null}
      {insights ? (
        <AiInsightsPanel
          b={insights}
          briefingHref={params.csm_id ? `/briefing?csm_id=${encodeURIComponent(params.csm_id)}` : "/briefing"}
        />
      ) : null}
    </section>
  );
}
