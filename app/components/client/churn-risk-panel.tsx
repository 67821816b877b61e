import { Link } from "@remix-run/react";

import { EmptyState } from "#app/components/ui/alert";
import { Badge, type BadgeTone } from "#app/components/ui/badge";
import { Panel } from "#app/components/ui/panel";
import { Table } from "#app/components/ui/table";
import { formatDate, titleCase } from "#app/lib/format";
import type { clientChurnRisk } from "#worker/services/churn";

type Risk = Awaited<ReturnType<typeof clientChurnRisk>>;
export type ChurnView = { risk: Risk | null; unavailable: string | null };

/** The PRD's risk categories in the health-band colours. */
export const CATEGORY_TONE: Record<string, BadgeTone> = { HIGH: "red", MEDIUM: "orange", LOW: "green" };
const IMPACT_TONE: Record<string, BadgeTone> = { high: "st-red", medium: "st-orange", low: "st-gray" };
const pct = (p: number) => `${Math.round(100 * p)}%`;

/** PRD F6 on the client page: risk at the next renewal and why, in words; the model's arithmetic folded away for analysts. */
export function ChurnRiskPanel({ churn }: { churn: ChurnView }) {
  if (!churn.risk) return <EmptyState>Churn risk: {churn.unavailable}</EmptyState>;
  const r = churn.risk;
  const shown = r.factors.filter((f) => Math.abs(f.contribution) >= 0.05);
  const rest = r.factors.filter((f) => Math.abs(f.contribution) < 0.05).reduce((t, f) => t + f.contribution, 0);
  const signed = (v: number) => `${v > 0 ? "+" : ""}${v.toFixed(2)}`;
  return (
    <Panel aria-label="Churn risk" className="churn-risk">
      <h2 className="mt-0">Churn risk</h2>
      <p className="text-base">
        <Badge tone={CATEGORY_TONE[r.risk_category]} size="lg" className="mr-2 align-middle">
          {r.churn_risk_score}%
        </Badge>
        <strong>{r.risk_category.toLowerCase()} risk</strong> of not renewing
        {r.next_renewal_date ? ` on ${formatDate(r.next_renewal_date)} (in ${r.days_to_renewal} days)` : ""}.
        <span className="block text-[13px] text-muted-foreground">
          {titleCase(r.risk_category)} because {r.risk_category_reason}. Within{" "}
          {r.horizons.map((h) => `${h.days} days: ${pct(h.probability)}`).join(" · ")} (a contract ends only at a
          renewal). Confidence {r.confidence.level} ({r.confidence.reason}).
        </span>
      </p>
      <h3 className="mt-3 mb-1 text-sm font-semibold">What raises the risk</h3>
      {r.drivers.length === 0 ? (
        <p className="text-[13px] text-muted-foreground">
          Nothing in this client's figures stands out as raising its risk.
        </p>
      ) : (
        <ul aria-label="Risk drivers" className="grid gap-1 text-[13px]">
          {r.drivers.map((d) => (
            <li key={d.factor}>
              <Badge tone={IMPACT_TONE[d.impact]} className="mr-2">
                {d.impact}
              </Badge>
              <strong>{d.label}</strong>: {d.detail}
            </li>
          ))}
        </ul>
      )}
      <details className="mt-3 text-[13px]">
        <summary className="cursor-pointer text-muted-foreground">
          How the model got there ({r.explanation.model.toLowerCase()}, for analysts)
        </summary>
        <Table compact aria-label="Contributions">
          <caption>
            Each factor's exact effect on the log-odds against an average client; the effects add up to the total
          </caption>
          <thead>
            <tr>
              <th scope="col">Factor</th>
              <th scope="col">Direction</th>
              <th scope="col">Effect</th>
              <th scope="col">Client's figures</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Average client</th>
              <td />
              <td className="tabular-nums">{signed(r.explanation.baseline_logit)}</td>
              <td>The starting point before this client's own values</td>
            </tr>
            {shown.map((f) => (
              <tr key={f.factor}>
                <th scope="row">{f.label}</th>
                <td>
                  <Badge tone={f.contribution > 0 ? IMPACT_TONE[f.impact] : "st-lightgreen"}>
                    {f.contribution > 0 ? "raises" : "lowers"}
                  </Badge>
                </td>
                <td className="tabular-nums">{signed(f.contribution)}</td>
                <td>{f.detail}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Other factors</th>
              <td />
              <td className="tabular-nums">{signed(rest)}</td>
              <td>
                {r.factors
                  .filter((f) => Math.abs(f.contribution) < 0.05)
                  .map((f) => f.label)
                  .join(", ") || "—"}
              </td>
            </tr>
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td />
              <td className="tabular-nums font-semibold">{signed(r.explanation.logit)}</td>
              <td>log-odds, which is a {pct(r.probability_next_renewal)} chance of not renewing</td>
            </tr>
          </tfoot>
        </Table>
      </details>
      <h3 className="mt-4 mb-1 text-sm font-semibold">Most similar past clients</h3>
      <ul aria-label="Similar past clients" className="grid gap-1 text-[13px]">
        {r.similar_clients.map((s, i) => (
          <li key={`${s.client_id ?? "anon"}-${i}`}>
            <Badge tone={s.outcome === "CHURNED" ? "st-red" : "st-lightgreen"} className="mr-2">
              {s.outcome === "CHURNED" ? "Churned" : "Retained"}
            </Badge>
            {s.client_id ? <Link to={`/clients/${s.client_id}`}>{s.name}</Link> : s.name} · renewal{" "}
            {formatDate(s.renewal_date)} · similarity {s.similarity}%
          </li>
        ))}
      </ul>
      <p className="text-xs text-muted-foreground">
        Model v{r.model.version}, trained {formatDate(r.model.trained_at)}; backtest AUC{" "}
        {r.model.backtest_auc === null ? "n/a" : r.model.backtest_auc.toFixed(2)}.{" "}
        <Link to="/churn-model">Model performance</Link>
      </p>
    </Panel>
  );
}
