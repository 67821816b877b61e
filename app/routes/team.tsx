import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, useLoaderData } from "@remix-run/react";
import { CsmPerformanceQuery, PERFORMANCE_PERIODS } from "../../worker/core/inputs/analytics";
import { parseInput, queryObject } from "../../worker/core/inputs/common";
import { csmPerformance } from "../../worker/services/csm-performance";
import { SelectFilter } from "../components/select-filter";
import { orPageError } from "../lib/page-errors.server";
import { formatUsd, signed } from "../lib/format";

// CSM performance (US-015-042): one scorecard per CSM and the team's averages. Names are shown
// to VPs and admins; everyone else sees their own row and the others anonymised.

export const meta: MetaFunction = () => [{ title: "CSM performance · Client Success Dashboard" }];

export const loader = ({ request, context }: LoaderFunctionArgs) =>
  orPageError(async () => {
    const q = parseInput(CsmPerformanceQuery, queryObject(new URL(request.url).searchParams), "period");
    return csmPerformance(context.db, context.user, q, new Date());
  });

const dash = (v: number | null | undefined, suffix = "") => (v === null || v === undefined ? "—" : `${v}${suffix}`);

export default function Team() {
  const p = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>CSM performance</h1>
      <Form method="get" className="filters" aria-label="Period">
        <SelectFilter name="period_days" label="Period" value={String(p.period.days)} options={PERFORMANCE_PERIODS.map((d) => [d, `Last ${d} days`] as const)} />
        <button type="submit">Apply</button>
        <span className="muted">
          Activity, health change and alert response over the period; retention and NPS over the last 12 months.
          {p.anonymised ? " Other CSMs are shown anonymised." : ""}
        </span>
      </Form>
      <section className="cards" aria-label="Team averages">
        <div className="card"><h2>Avg health</h2><p className="big">{dash(p.team.avg_health)}</p><p className="sub">change {p.team.health_change === null ? "—" : signed(p.team.health_change)}</p></div>
        <div className="card"><h2>Retention</h2><p className="big">{dash(p.team.retention_rate_pct, "%")}</p><p className="sub">renewals kept, 12 months</p></div>
        <div className="card"><h2>NPS</h2><p className="big">{dash(p.team.nps)}</p><p className="sub">mean of CSM NPS</p></div>
        <div className="card"><h2>Activities per CSM</h2><p className="big">{dash(p.team.activities_per_csm)}</p><p className="sub">alert response {dash(p.team.avg_response_hours, " h")}</p></div>
      </section>
      <div className="table-scroll">
        <table className="grid compact" aria-label="Scorecards">
          <thead>
            <tr>
              <th scope="col">CSM</th><th scope="col">Clients</th><th scope="col">ARR</th><th scope="col">Avg health</th><th scope="col">Change</th>
              <th scope="col">Portfolio (G/Y/O/R)</th><th scope="col">Retention</th><th scope="col">NPS</th>
              <th scope="col">Calls</th><th scope="col">Meetings</th><th scope="col">QBRs</th><th scope="col">Emails</th><th scope="col">Alert response</th>
            </tr>
          </thead>
          <tbody>
            {p.csms.map((c) => (
              <tr key={c.csm.id ?? c.csm.name} className={c.csm.is_me ? "me" : undefined}>
                <th scope="row">{c.csm.name}{c.csm.is_me ? " (you)" : ""}</th>
                <td>{c.clients}</td>
                <td>{formatUsd(c.arr)}</td>
                <td>{dash(c.avg_health)}</td>
                <td>{c.health_change === null ? "—" : signed(c.health_change)}</td>
                <td>
                  <span className="dist" aria-label={`${c.distribution.green} healthy, ${c.distribution.yellow} monitor, ${c.distribution.orange} at risk, ${c.distribution.red} critical`}>
                    {(["green", "yellow", "orange", "red"] as const).map((k) => (
                      <span key={k} className={`seg ${k}`} style={{ flexGrow: c.distribution[k] }} title={`${c.distribution[k]}`} />
                    ))}
                  </span>
                  <span className="sub">{c.distribution.green}/{c.distribution.yellow}/{c.distribution.orange}/{c.distribution.red}</span>
                </td>
                <td>{dash(c.retention.rate_pct, "%")}<span className="sub">{c.retention.renewed}/{c.retention.renewals} · NRR {dash(c.retention.net_arr_retention_pct, "%")}</span></td>
                <td>{dash(c.nps.score)}<span className="sub">{c.nps.responses} responses</span></td>
                <td>{c.activities.calls}</td>
                <td>{c.activities.meetings}</td>
                <td>{c.activities.qbrs}</td>
                <td>{c.activities.emails}</td>
                <td>{c.alerts.avg_response_hours === null ? (c.alerts.received ? "none acknowledged" : "no alerts") : `${c.alerts.avg_response_hours} h`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
