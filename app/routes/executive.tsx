import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";

import { renderBars } from "#app/charts/bars.server";
import { renderDatedLines } from "#app/charts/lines.server";
import { BAND_COLORS } from "#app/charts/render.server";
import { Chart } from "#app/components/chart";
import { ExecutiveOutlook } from "#app/components/executive-outlook";
import { SegmentTable } from "#app/components/segment-table";
import { SelectFilter } from "#app/components/select-filter";
import { SummaryCards } from "#app/components/summary-cards";
import { AutoSubmitForm } from "#app/components/ui/auto-submit-form";
import { Badge } from "#app/components/ui/badge";
import { Button } from "#app/components/ui/button";
import { filterBar } from "#app/components/ui/form";
import { Table } from "#app/components/ui/table";
import { formatDate, formatUsd, signed, titleCase } from "#app/lib/format";
import { orPageError } from "#app/lib/page-errors.server";
import { PortfolioAnalyticsQuery } from "#worker/core/inputs/analytics";
import { parseQuery } from "#worker/core/inputs/parse";
import { executiveBrief } from "#worker/services/ai/executive";
import { csmChoices } from "#worker/services/clients";
import {
  atRiskSummary,
  healthDistribution,
  portfolioAnalytics,
  upcomingRenewals,
} from "#worker/services/portfolio-analytics";

// Executive summary (US-015-003): the VP's view of the whole book, or of one CSM's.

export const meta: MetaFunction = () => [{ title: "Executive summary · Client Success Dashboard" }];

export const loader = ({ request, context }: LoaderFunctionArgs) =>
  orPageError(async () => {
    const { db, user } = context;
    const now = new Date();
    const q = parseQuery(PortfolioAnalyticsQuery, request.url, "filter");
    const [portfolio, distribution, atRisk, renewals, csms, outlook] = await Promise.all([
      portfolioAnalytics(db, user, q, now),
      healthDistribution(db, user, { csm_id: q.csm_id, days: 90 }, now),
      atRiskSummary(db, user, { csm_id: q.csm_id, limit: 10 }, now),
      upcomingRenewals(db, user, { csm_id: q.csm_id, days: 90, limit: 10 }, now),
      csmChoices(db, user),
      executiveBrief(context.cloudflare.env, db, user, { csm_id: q.csm_id ?? null }, now),
    ]);
    const bandsSvg = renderBars(
      distribution.bands.map((b) => ({
        label: b.label.replace(/ \(.*/, ""),
        value: b.clients,
        color: BAND_COLORS[b.band],
      })),
      { valueLabel: "Clients", width: 460 },
    );
    const trendSvg = renderDatedLines(
      [
        { id: "Avg health", points: distribution.history.map((h) => ({ date: h.date, value: h.avg_health })) },
        {
          id: "% healthy (80+)",
          points: distribution.history.map((h) => ({
            date: h.date,
            value: h.clients ? Math.round((100 * h.green) / h.clients) : null,
          })),
        },
      ],
      { width: 620 },
    );
    const renewalSvg = renderBars(
      renewals.by_month.map((m) => ({
        label: m.month,
        value: m.arr,
        color: m.arr_at_risk > 0 ? BAND_COLORS.orange : "#2b6cb0",
      })),
      { valueLabel: "ARR", width: 460, format: formatUsd },
    );
    return {
      portfolio,
      distribution,
      atRisk,
      renewals,
      csms,
      outlook,
      csmId: q.csm_id ?? "",
      bandsSvg,
      trendSvg,
      renewalSvg,
    };
  });

export default function Executive() {
  const {
    portfolio: p,
    distribution: d,
    atRisk,
    renewals,
    csms,
    outlook,
    csmId,
    bandsSvg,
    trendSvg,
    renewalSvg,
  } = useLoaderData<typeof loader>();
  const csmName = csms.find((c) => c.id === csmId)?.name;
  return (
    <section>
      <h1>Executive summary{csmName ? `: ${csmName}'s portfolio` : ""}</h1>
      {csms.length > 0 ? (
        <AutoSubmitForm method="get" className={filterBar} aria-label="Portfolio filter">
          <SelectFilter
            name="csm_id"
            label="CSM"
            value={csmId}
            anyLabel="Whole portfolio"
            options={csms.map((c) => [c.id, c.name] as const)}
          />
          <Button type="submit">Apply</Button>
        </AutoSubmitForm>
      ) : null}
      <SummaryCards s={p} />
      <ExecutiveOutlook data={outlook} />
      <div className="grid items-start gap-4 xl:grid-cols-[minmax(0,540px)_minmax(0,1fr)]">
        <Chart
          svg={bandsSvg}
          label={`Clients by health band: ${d.bands.map((b) => `${b.label} ${b.clients}`).join(", ")}`}
          caption="Distribution by health band"
        >
          <Table compact>
            <thead>
              <tr>
                <th scope="col">Band</th>
                <th scope="col">Clients</th>
                <th scope="col">30 days ago</th>
                <th scope="col">ARR</th>
              </tr>
            </thead>
            <tbody>
              {d.bands.map((b) => (
                <tr key={b.band}>
                  <th scope="row">
                    <Badge tone={b.band} size="dot" className="mr-1" aria-hidden="true" /> {b.label}
                  </th>
                  <td>{b.clients}</td>
                  <td>
                    {b.previous_clients ?? "—"}
                    {b.previous_clients === null ? "" : ` (${signed(b.clients - b.previous_clients)})`}
                  </td>
                  <td>{formatUsd(b.arr)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Chart>
        <Chart
          svg={trendSvg}
          label={`Portfolio health over ${d.history.length} weeks: average from ${d.history[0]?.avg_health ?? "N/A"} to ${d.avg_health ?? "N/A"}`}
          caption={`Portfolio health over time (weekly). 30 days ago: avg ${d.previous_period.avg_health ?? "N/A"} over ${d.previous_period.clients ?? 0} clients.`}
        />
      </div>

      <h2>Breakdown</h2>
      <div className="grid items-start gap-4 xl:grid-cols-2">
        <SegmentTable title="By tier" rows={p.breakdowns.tier} labelOf={(s) => titleCase(s.label)} />
        <SegmentTable title="By CSM" rows={p.breakdowns.csm} />
        <SegmentTable title="By industry" rows={p.breakdowns.industry} />
        <SegmentTable title="By region" rows={p.breakdowns.region} />
      </div>

      <div className="grid items-start gap-4 xl:grid-cols-[minmax(0,540px)_minmax(0,1fr)]">
        <section aria-label="At risk">
          <h2>
            At risk: {atRisk.clients_at_risk} clients, {formatUsd(atRisk.arr_at_risk)} ARR
          </h2>
          <p className="text-muted-foreground">
            {atRisk.critical} critical · {atRisk.declining} declining · most often weakest:{" "}
            {atRisk.weakest_components
              .slice(0, 3)
              .map((w) => `${w.component} (${w.clients})`)
              .join(", ") || "—"}
          </p>
          <Table compact>
            <thead>
              <tr>
                <th scope="col">Client</th>
                <th scope="col">Health</th>
                <th scope="col">Weakest</th>
                <th scope="col">ARR</th>
                <th scope="col">Renewal</th>
              </tr>
            </thead>
            <tbody>
              {atRisk.clients.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/clients/${c.id}`}>{c.name}</Link>
                    <span className="block text-xs text-muted-foreground">{c.csm?.name ?? "Unassigned"}</span>
                  </th>
                  <td>
                    {c.current_health_score ?? "N/A"} ({signed(c.health_trend_change)})
                  </td>
                  <td>
                    {c.weakest_component
                      ? `${titleCase(c.weakest_component.component)} ${c.weakest_component.score}`
                      : "—"}
                  </td>
                  <td>{formatUsd(c.annual_recurring_revenue)}</td>
                  <td>{c.days_to_renewal === null ? "—" : `${c.days_to_renewal}d`}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </section>
        <section aria-label="Renewals">
          <h2>
            Renewals in 90 days: {renewals.clients} clients, {formatUsd(renewals.arr)}
          </h2>
          <p className="text-muted-foreground">
            {renewals.at_risk} at risk ({formatUsd(renewals.arr_at_risk)})
          </p>
          {renewals.by_month.length ? (
            <Chart
              svg={renewalSvg}
              label={`Renewing ARR by month: ${renewals.by_month.map((m) => `${m.month} ${formatUsd(m.arr)}`).join(", ")}`}
            />
          ) : null}
          <Table compact>
            <thead>
              <tr>
                <th scope="col">Client</th>
                <th scope="col">Renews</th>
                <th scope="col">Health</th>
                <th scope="col">ARR</th>
              </tr>
            </thead>
            <tbody>
              {renewals.renewals.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/clients/${c.id}`}>{c.name}</Link>
                  </th>
                  <td>
                    {formatDate(c.next_renewal_date)} ({c.days_to_renewal}d)
                  </td>
                  <td>{c.current_health_score ?? "N/A"}</td>
                  <td>{formatUsd(c.annual_recurring_revenue)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </section>
      </div>
    </section>
  );
}
