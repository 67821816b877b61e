import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CLIENT_SORTS } from "../../worker/core/client-list-query";
import { CONTRACT_TIERS, HEALTH_STATUSES } from "../../worker/core/enums";
import { AppError } from "../../worker/core/errors";
import { healthColor } from "../../worker/core/health-bands";
import { csmChoices, listPortfolio, portfolioFacets, portfolioSummary } from "../../worker/services/clients";
import { SummaryCards } from "../components/summary-cards";
import { SelectFilter } from "../components/select-filter";
import { formatDate, formatUsd, signed, titleCase, TREND_ARROW } from "../lib/format";

const RENEWAL_WINDOWS = [30, 60, 90, 180] as const;

export const meta: MetaFunction = () => [{ title: "Portfolio · Client Success Dashboard" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const now = new Date();
  const { db, user } = context;
  // Everything the page shows, in parallel: no request waterfall.
  const [facets, summary, csms, page] = await Promise.all([
    portfolioFacets(db, user),
    portfolioSummary(db, user, now),
    csmChoices(db, user),
    listPortfolio(db, user, params, now).catch((err: unknown) => (err instanceof AppError && err.status === 400 ? err : Promise.reject(err))),
  ]);
  const me = { id: user.id, isCsm: user.role === "CSM" || user.role === "SENIOR_CSM" };
  const base = { facets, summary, csms, me, params: Object.fromEntries(params) };
  if (page instanceof AppError) {
    return data({ ...base, page: null, error: { message: page.message, details: page.details as { param: string; message: string }[] } }, { status: 400 });
  }
  return { ...base, page, error: null };
}

function pageHref(params: Record<string, string>, page: number) {
  return `?${new URLSearchParams({ ...params, page: String(page) })}`;
}

export default function Portfolio() {
  const { page, facets, error, params, summary, csms, me } = useLoaderData<typeof loader>();
  const views = [
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
      <nav className="tabs" aria-label="Views">
        {views.map((v) => (
          <a key={v.label} href={`/${v.query ? `?${v.query}` : ""}`} aria-current={current === v.query ? "page" : undefined} className={current === v.query ? "active" : undefined}>
            {v.label}
          </a>
        ))}
      </nav>
      <Form method="get" className="filters" aria-label="Filter clients">
        <label className="field">
          <span id="lbl-search">Search</span>
          <input type="search" aria-labelledby="lbl-search" name="search" defaultValue={params.search ?? ""} placeholder="Client name" />
        </label>
        <SelectFilter name="health_status" label="Health" value={params.health_status} anyLabel="Any" options={[["AT_RISK,CRITICAL", "At risk or critical"] as const, ...HEALTH_STATUSES.map((s) => [s, titleCase(s)] as const)]} />
        <SelectFilter name="contract_tier" label="Tier" value={params.contract_tier} anyLabel="Any" options={CONTRACT_TIERS.map((t) => [t, titleCase(t)] as const)} />
        <SelectFilter name="industry" label="Industry" value={params.industry} anyLabel="Any" options={facets.industries.map((i) => [i, i] as const)} />
        {csms.length > 0 ? <SelectFilter name="csm_id" label="CSM" value={params.csm_id} anyLabel="Any" options={csms.map((c) => [c.id, c.name] as const)} /> : null}
        <SelectFilter name="tags" label="Tag" value={params.tags} anyLabel="Any" options={facets.tags.map((t) => [t, t] as const)} />
        <SelectFilter name="renewal_within_days" label="Renewal within" value={params.renewal_within_days} anyLabel="Any time" options={RENEWAL_WINDOWS.map((d) => [String(d), `${d} days`] as const)} />
        <SelectFilter name="sort" label="Sort" value={params.sort ?? "priority"} options={CLIENT_SORTS.map((s) => [s, s === "priority" ? "Needs attention first" : titleCase(s)] as const)} />
        <button type="submit">Apply</button>
        <a href="/" className="reset">Reset</a>
        <a href={exportHref} className="reset" download>Export CSV</a>
      </Form>

      {error ? (
        <div role="alert" className="alert">
          <strong>{error.message}.</strong>
          <ul>
            {error.details.map((d) => (
              <li key={d.param + d.message}>
                <code>{d.param}</code> {d.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {page ? (
        <>
          <p className="count">
            {page.pagination.total} client{page.pagination.total === 1 ? "" : "s"}
          </p>
          <table className="grid">
            <thead>
              <tr>
                <th scope="col">Client</th>
                <th scope="col">Health</th>
                <th scope="col">Trend</th>
                <th scope="col">Churn</th>
                <th scope="col">ARR</th>
                <th scope="col">Renewal</th>
                <th scope="col">CSM</th>
                <th scope="col">Last contact</th>
              </tr>
            </thead>
            <tbody>
              {page.data.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/clients/${c.id}`}>{c.name}</Link>
                    <div className="sub">{titleCase(c.contract_tier)} · {c.industry ?? "Other"}</div>
                  </td>
                  <td>
                    <span className={`score ${healthColor(c.current_health_score)}`}>{c.current_health_score ?? "N/A"}</span>
                  </td>
                  <td>
                    {TREND_ARROW[c.health_trend]} {signed(c.health_trend_change)}
                  </td>
                  <td>{c.churn_risk_score === null ? "—" : `${c.churn_risk_score}%`}</td>
                  <td>{formatUsd(c.annual_recurring_revenue)}</td>
                  <td>{c.days_to_renewal === null ? "—" : `${c.days_to_renewal}d`}</td>
                  <td>{c.csm?.name ?? "Unassigned"}</td>
                  <td>{formatDate(c.last_csm_contact_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="pager" aria-label="Pages">
            {page.pagination.page > 1 ? <a href={pageHref(params, page.pagination.page - 1)}>← Previous</a> : <span />}
            <span>
              Page {page.pagination.page} of {Math.max(1, page.pagination.pages)}
            </span>
            {page.pagination.page < page.pagination.pages ? <a href={pageHref(params, page.pagination.page + 1)}>Next →</a> : <span />}
          </nav>
        </>
      ) : null}
    </section>
  );
}
