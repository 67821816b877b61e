import { formatUsd, signed } from "#app/lib/format";
import type { portfolioSummary } from "#worker/services/clients";

import { Card, CardGrid, CardNote, CardTitle, CardValue } from "./ui/card";

type Summary = Awaited<ReturnType<typeof portfolioSummary>>;

/** The four cards of the portfolio dashboard (PRD F1), each with its comparison. */
export function SummaryCards({ s }: { s: Summary }) {
  const delta = (v: number | null, suffix: string) => (v === null ? "no earlier data" : `${signed(v)} ${suffix}`);
  return (
    <CardGrid aria-label="Portfolio summary">
      <Card>
        <CardTitle>Total clients</CardTitle>
        <CardValue>{s.total_clients.value}</CardValue>
        <CardNote>{delta(s.total_clients.change_this_month, "this month")}</CardNote>
      </Card>
      <Card>
        <CardTitle>At risk</CardTitle>
        <CardValue>{s.at_risk.value}</CardValue>
        <CardNote>{delta(s.at_risk.change_vs_last_week, "vs last week")}</CardNote>
      </Card>
      <Card>
        <CardTitle>Avg health</CardTitle>
        <CardValue title={s.avg_health.value === null ? "Health score unavailable" : undefined}>
          {s.avg_health.value ?? "N/A"}
        </CardValue>
        <CardNote>{delta(s.avg_health.change_vs_last_month, "vs last month")}</CardNote>
      </Card>
      <Card>
        <CardTitle>ARR at risk</CardTitle>
        <CardValue>{formatUsd(s.arr_at_risk.value)}</CardValue>
        <CardNote>
          {s.arr_at_risk.share_of_arr_pct === null
            ? "no ARR on record"
            : `${s.arr_at_risk.share_of_arr_pct}% of total ARR`}
        </CardNote>
      </Card>
    </CardGrid>
  );
}
