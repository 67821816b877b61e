import { formatUsd } from "#app/lib/format";
import type { ChurnForecast } from "#worker/core/ai/churn-forecast";

import { Panel } from "./ui/panel";

// The executive page's AI section (US-015-003): the narrative of what changed since last period
// and who moved it, and next quarter's predicted churn from the churn model with its range.

export interface ExecutiveOutlookData {
  forecast: ChurnForecast;
  narrative: { text: string; provider: string; model: string | null; note: string | null };
  facts: { period: { from: string; to: string } };
}

export function ExecutiveOutlook({ data }: { data: ExecutiveOutlookData }) {
  const f = data.forecast;
  return (
    <Panel aria-labelledby="outlook-title" className="executive-outlook">
      <h2 id="outlook-title" className="text-base font-semibold">
        Outlook
      </h2>
      <p className="narrative text-sm leading-relaxed">{data.narrative.text}</p>
      <p className="text-xs text-muted-foreground">
        {data.narrative.provider === "workers-ai"
          ? `Written by Workers AI (${data.narrative.model}) from the figures on this page.`
          : "Written by the local narrator from the figures on this page."}
        {data.narrative.note ? ` ${data.narrative.note}` : ""} Period {data.facts.period.from} to {data.facts.period.to}
        .
      </p>
      <dl className="forecast mt-3 grid grid-cols-2 gap-3 text-sm md:grid-cols-4">
        <div>
          <dt className="text-xs text-muted-foreground">Predicted churn next quarter</dt>
          <dd className="text-lg font-semibold">
            {f.renewals ? `${f.expected_clients} of ${f.renewals} clients` : "None renewing"}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-muted-foreground">90% range (clients)</dt>
          <dd className="text-lg font-semibold">{f.renewals ? `${f.clients_low}–${f.clients_high}` : "—"}</dd>
        </div>
        <div>
          <dt className="text-xs text-muted-foreground">Predicted ARR lost</dt>
          <dd className="text-lg font-semibold">{formatUsd(f.expected_arr)}</dd>
        </div>
        <div>
          <dt className="text-xs text-muted-foreground">90% range (ARR)</dt>
          <dd className="text-lg font-semibold">
            {f.renewals ? `${formatUsd(f.arr_low)}–${formatUsd(f.arr_high)}` : "—"}
          </dd>
        </div>
      </dl>
      <p className="mt-2 text-xs text-muted-foreground">
        Sum of the churn model's probabilities over the {f.renewals} scored renewals in the next 90 days (
        {formatUsd(f.arr_renewing)} renewing ARR); the range is the 5th–95th percentile of the exact distribution of
        clients lost.
        {f.top.length
          ? ` Largest expected losses: ${f.top
              .slice(0, 3)
              .map((t) => `${t.name} ${Math.round(t.p * 100)}% of ${formatUsd(t.arr)}`)
              .join("; ")}.`
          : ""}
      </p>
    </Panel>
  );
}
