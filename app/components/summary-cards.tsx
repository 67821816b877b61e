import type { portfolioSummary } from "../../worker/services/clients";
import { formatUsd, signed } from "../lib/format";

type Summary = Awaited<ReturnType<typeof portfolioSummary>>;

/** The four cards of the portfolio dashboard (PRD F1), each with its comparison. */
export function SummaryCards({ s }: { s: Summary }) {
  const delta = (v: number | null, suffix: string) => (v === null ? "no earlier data" : `${signed(v)} ${suffix}`);
  return (
    <section className="cards" aria-label="Portfolio summary">
      <div className="card">
        <h2>Total clients</h2>
        <p className="big">{s.total_clients.value}</p>
        <p className="sub">{delta(s.total_clients.change_this_month, "this month")}</p>
      </div>
      <div className="card">
        <h2>At risk</h2>
        <p className="big">{s.at_risk.value}</p>
        <p className="sub">{delta(s.at_risk.change_vs_last_week, "vs last week")}</p>
      </div>
      <div className="card">
        <h2>Avg health</h2>
        <p className="big" title={s.avg_health.value === null ? "Health score unavailable" : undefined}>{s.avg_health.value ?? "N/A"}</p>
        <p className="sub">{delta(s.avg_health.change_vs_last_month, "vs last month")}</p>
      </div>
      <div className="card">
        <h2>ARR at risk</h2>
        <p className="big">{formatUsd(s.arr_at_risk.value)}</p>
        <p className="sub">{s.arr_at_risk.share_of_arr_pct === null ? "no ARR on record" : `${s.arr_at_risk.share_of_arr_pct}% of total ARR`}</p>
      </div>
    </section>
  );
}
