import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import * as v from "valibot";

import { renderDatedLines } from "#app/charts/lines.server";
import { Chart } from "#app/components/chart";
import { SelectFilter } from "#app/components/select-filter";
import { AutoSubmitForm } from "#app/components/ui/auto-submit-form";
import { Button } from "#app/components/ui/button";
import { filterBar } from "#app/components/ui/form";
import { Table } from "#app/components/ui/table";
import { formatUsd } from "#app/lib/format";
import { orPageError } from "#app/lib/page-errors.server";
import { IndustryBenchmarkQuery } from "#worker/core/inputs/analytics";
import { parseQuery } from "#worker/core/inputs/parse";
import { industryBenchmark } from "#worker/services/benchmarks";
import { csmChoices } from "#worker/services/clients";

// Industry benchmarks (US-015-031): each industry's health, adoption and churn, its best
// clients and its trend, for all clients against the viewer's own portfolio (or one CSM's).

export const meta: MetaFunction = () => [{ title: "Industry benchmarks · Client Success Dashboard" }];

const PageQuery = v.object({
  ...IndustryBenchmarkQuery.entries,
  industry: v.optional(v.pipe(v.string(), v.maxLength(80, "must be at most 80 characters"))),
});

export const loader = ({ request, context }: LoaderFunctionArgs) =>
  orPageError(async () => {
    const { db, user } = context;
    const now = new Date();
    const { industry, ...q } = parseQuery(
      v.strictObject(PageQuery.entries, "is not a known parameter"),
      request.url,
      "filter",
    );
    const [b, csms] = await Promise.all([industryBenchmark(db, user, industry ?? null, q, now), csmChoices(db, user)]);
    const chosen = b.industry;
    const ownLabel = q.csm_id ? (csms.find((c) => c.id === q.csm_id)?.name ?? "Selected CSM") : "Your portfolio";
    const trendSvg = renderDatedLines(
      [
        { id: `All ${chosen}`, points: b.trend.map((t) => ({ date: t.date, value: t.all_avg_health })) },
        ...(b.trend.some((t) => t.portfolio_avg_health !== null)
          ? [{ id: ownLabel, points: b.trend.map((t) => ({ date: t.date, value: t.portfolio_avg_health })) }]
          : []),
      ],
      { tickFormat: "%b %y", every: "every 2 months" },
    );
    return { b, csms, csmId: q.csm_id ?? "", months: q.months, ownLabel, trendSvg };
  });

export default function Benchmarks() {
  const { b, csms, csmId, months, ownLabel, trendSvg } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>Industry benchmarks: {b.industry}</h1>
      <AutoSubmitForm method="get" className={filterBar} aria-label="Choose an industry">
        <SelectFilter
          name="industry"
          label="Industry"
          value={b.industry}
          options={b.industries.map((i) => [i.industry, i.industry] as const)}
        />
        {csms.length > 0 ? (
          <SelectFilter
            name="csm_id"
            label="Compare with"
            value={csmId}
            anyLabel="Your portfolio"
            options={csms.map((c) => [c.id, `${c.name}'s portfolio`] as const)}
          />
        ) : null}
        <SelectFilter
          name="months"
          label="Trend"
          value={String(months)}
          options={
            [
              ["6", "6 months"],
              ["12", "12 months"],
              ["24", "24 months"],
            ] as const
          }
        />
        <Button type="submit">Show</Button>
      </AutoSubmitForm>

      <Table aria-label={`${b.industry}: all clients against ${ownLabel}`}>
        <thead>
          <tr>
            <th scope="col">{b.industry}</th>
            <th scope="col">Clients</th>
            <th scope="col">ARR</th>
            <th scope="col">Avg health</th>
            <th scope="col">Avg adoption</th>
            <th scope="col">Churn rate (12 mo)</th>
          </tr>
        </thead>
        <tbody>
          {(
            [
              ["All Ethico clients", b.all],
              [ownLabel, b.portfolio],
            ] as const
          ).map(([label, m]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{m?.clients ?? 0}</td>
              <td>{formatUsd(m?.arr ?? 0)}</td>
              <td>{m?.avg_health ?? "N/A"}</td>
              <td>{m?.avg_adoption ?? "N/A"}</td>
              <td>
                {m?.churn_rate_pct === null || m?.churn_rate_pct === undefined
                  ? "N/A"
                  : `${m.churn_rate_pct}% (${m.churned_last_year})`}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>

      <div className="grid items-start gap-4 xl:grid-cols-[minmax(0,540px)_minmax(0,1fr)]">
        <Chart
          svg={trendSvg}
          label={`Average health in ${b.industry} by month, all clients${b.portfolio ? ` and ${ownLabel}` : ""}`}
          caption={`Average health by month: all ${b.industry} clients against ${ownLabel}`}
        />
        <section aria-label="Best in class">
          <h2>Best in class</h2>
          <ol>
            {b.best_in_class.map((c, i) => (
              <li key={c.client_id ?? i}>
                {c.client_id ? <Link to={`/clients/${c.client_id}`}>{c.name}</Link> : c.name} · health {c.health} ·
                adoption {c.adoption ?? "N/A"}
              </li>
            ))}
          </ol>
        </section>
      </div>

      <h2>All industries</h2>
      <Table compact>
        <thead>
          <tr>
            <th scope="col">Industry</th>
            <th scope="col">Clients</th>
            <th scope="col">Avg health</th>
            <th scope="col">Avg adoption</th>
            <th scope="col">Churn rate</th>
            <th scope="col">{ownLabel}: health</th>
          </tr>
        </thead>
        <tbody>
          {b.industries.map((i) => (
            <tr key={i.industry} className={i.industry === b.industry ? "me" : undefined}>
              <th scope="row">
                <a href={`?industry=${encodeURIComponent(i.industry)}${csmId ? `&csm_id=${csmId}` : ""}`}>
                  {i.industry}
                </a>
              </th>
              <td>{i.all?.clients}</td>
              <td>{i.all?.avg_health ?? "N/A"}</td>
              <td>{i.all?.avg_adoption ?? "N/A"}</td>
              <td>{i.all?.churn_rate_pct ?? "N/A"}%</td>
              <td>{i.portfolio?.avg_health ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
