import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { useLoaderData } from "@remix-run/react";

import { SelectFilter } from "#app/components/select-filter";
import { AutoSubmitForm } from "#app/components/ui/auto-submit-form";
import { Button } from "#app/components/ui/button";
import { Card, CardGrid, CardNote, CardTitle, CardValue } from "#app/components/ui/card";
import { filterBar } from "#app/components/ui/form";
import { Table } from "#app/components/ui/table";
import { formatUsd, signed } from "#app/lib/format";
import { orPageError } from "#app/lib/page-errors.server";
import { CsmPerformanceQuery, PERFORMANCE_PERIODS } from "#worker/core/inputs/analytics";
import { parseQuery } from "#worker/core/inputs/parse";
import { csmPerformance } from "#worker/services/csm-performance";

// CSM performance (US-015-042): one scorecard per CSM and the team's averages. Names are shown
// to VPs and admins; everyone else sees their own row and the others anonymised.

export const meta: MetaFunction = () => [{ title: "CSM performance · Client Success Dashboard" }];

export const loader = ({ request, context }: LoaderFunctionArgs) =>
  orPageError(async () => {
    const q = parseQuery(CsmPerformanceQuery, request.url, "period");
    return csmPerformance(context.db, context.user, q, new Date());
  });

const SEGMENT_FILL = {
  green: "bg-band-green",
  yellow: "bg-band-yellow",
  orange: "bg-band-orange",
  red: "bg-band-red",
} as const;

const dash = (v: number | null | undefined, suffix = "") => (v === null || v === undefined ? "—" : `${v}${suffix}`);

export default function Team() {
  const p = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>CSM performance</h1>
      <AutoSubmitForm method="get" className={filterBar} aria-label="Period">
        <SelectFilter
          name="period_days"
          label="Period"
          value={String(p.period.days)}
          options={PERFORMANCE_PERIODS.map((d) => [d, `Last ${d} days`] as const)}
        />
        <Button type="submit">Apply</Button>
        <span className="text-muted-foreground">
          Activity, health change and alert response over the period; retention and NPS over the last 12 months.
          {p.anonymised ? " Other CSMs are shown anonymised." : ""}
        </span>
      </AutoSubmitForm>
      <CardGrid aria-label="Team averages">
        <Card>
          <CardTitle>Avg health</CardTitle>
          <CardValue>{dash(p.team.avg_health)}</CardValue>
          <CardNote>change {p.team.health_change === null ? "—" : signed(p.team.health_change)}</CardNote>
        </Card>
        <Card>
          <CardTitle>Retention</CardTitle>
          <CardValue>{dash(p.team.retention_rate_pct, "%")}</CardValue>
          <CardNote>renewals kept, 12 months</CardNote>
        </Card>
        <Card>
          <CardTitle>NPS</CardTitle>
          <CardValue>{dash(p.team.nps)}</CardValue>
          <CardNote>mean of CSM NPS</CardNote>
        </Card>
        <Card>
          <CardTitle>Activities per CSM</CardTitle>
          <CardValue>{dash(p.team.activities_per_csm)}</CardValue>
          <CardNote>alert response {dash(p.team.avg_response_hours, " h")}</CardNote>
        </Card>
      </CardGrid>
      <Table compact aria-label="Scorecards">
        <thead>
          <tr>
            <th scope="col">CSM</th>
            <th scope="col">Clients</th>
            <th scope="col">ARR</th>
            <th scope="col">Avg health</th>
            <th scope="col">Change</th>
            <th scope="col">Portfolio (G/Y/O/R)</th>
            <th scope="col">Retention</th>
            <th scope="col">NPS</th>
            <th scope="col">Calls</th>
            <th scope="col">Meetings</th>
            <th scope="col">QBRs</th>
            <th scope="col">Emails</th>
            <th scope="col">Alert response</th>
          </tr>
        </thead>
        <tbody>
          {p.csms.map((c) => (
            <tr key={c.csm.id ?? c.csm.name} className={c.csm.is_me ? "me" : undefined}>
              <th scope="row">
                {c.csm.name}
                {c.csm.is_me ? " (you)" : ""}
              </th>
              <td>{c.clients}</td>
              <td>{formatUsd(c.arr)}</td>
              <td>{dash(c.avg_health)}</td>
              <td>{c.health_change === null ? "—" : signed(c.health_change)}</td>
              <td>
                <span
                  className="flex h-2.5 w-28 overflow-hidden rounded-full bg-muted"
                  aria-label={`${c.distribution.green} healthy, ${c.distribution.yellow} monitor, ${c.distribution.orange} at risk, ${c.distribution.red} critical`}
                >
                  {(["green", "yellow", "orange", "red"] as const).map((k) => (
                    <span
                      key={k}
                      className={`block h-full basis-0 ${SEGMENT_FILL[k]}`}
                      style={{ flexGrow: c.distribution[k] }}
                      title={`${c.distribution[k]}`}
                    />
                  ))}
                </span>
                <span className="block text-xs text-muted-foreground">
                  {c.distribution.green}/{c.distribution.yellow}/{c.distribution.orange}/{c.distribution.red}
                </span>
              </td>
              <td>
                {dash(c.retention.rate_pct, "%")}
                <span className="block text-xs text-muted-foreground">
                  {c.retention.renewed}/{c.retention.renewals} · NRR {dash(c.retention.net_arr_retention_pct, "%")}
                </span>
              </td>
              <td>
                {dash(c.nps.score)}
                <span className="block text-xs text-muted-foreground">{c.nps.responses} responses</span>
              </td>
              <td>{c.activities.calls}</td>
              <td>{c.activities.meetings}</td>
              <td>{c.activities.qbrs}</td>
              <td>{c.activities.emails}</td>
              <td>
                {c.alerts.avg_response_hours === null
                  ? c.alerts.received
                    ? "none acknowledged"
                    : "no alerts"
                  : `${c.alerts.avg_response_hours} h`}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
