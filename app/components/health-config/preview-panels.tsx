import { Link } from "@remix-run/react";

import { Badge } from "#app/components/ui/badge";
import { Table } from "#app/components/ui/table";
import { formatDate, formatUsd, signed, titleCase } from "#app/lib/format";
import { HEALTH_STATUSES } from "#worker/core/enums";

import { COMPONENT_LABEL, WEIGHT_FIELDS, type Workspace } from "./panels";

// What the draft would do: the portfolio's bands now and under the draft, the clients that would
// change band, and the draft's churn backtest beside the suggested weights.

export type Preview = Pick<Workspace, "valid" | "sum_problem" | "problems" | "preview" | "backtest">;

const BAND_TONE = { HEALTHY: "green", MONITOR: "yellow", AT_RISK: "orange", CRITICAL: "red" } as const;
const f3 = (v: number | null) => (v === null ? "n/a" : v.toFixed(3));

export function PreviewPanel({ p, busy, error }: { p: Preview; busy: boolean; error: string | null }) {
  const d = p.preview;
  return (
    <section
      aria-labelledby="preview-h"
      aria-busy={busy}
      className="preview min-w-0 rounded-lg border border-border p-3 aria-busy:opacity-70"
    >
      <h3 id="preview-h" className="text-sm font-semibold">
        Preview on the portfolio
        {busy ? <span className="ml-2 font-normal text-muted-foreground">updating…</span> : null}
      </h3>
      {error ? (
        <p role="alert" className="text-[13px] text-destructive">
          {error}
        </p>
      ) : null}
      {!d ? (
        <div role="alert" className="text-[13px] text-destructive">
          <p>No preview until the draft is a valid formula:</p>
          <ul className="list-disc pl-5">
            {p.problems.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : (
        <>
          <p className="preview-summary text-[13px]">
            <strong>{d.clients_changing_band}</strong> of the {d.governed} clients this formula governs would change
            band ({d.clients} clients in the portfolio).
          </p>
          <Table compact aria-label="Clients per band, now and under the draft">
            <thead>
              <tr>
                <th scope="col">Band</th>
                <th scope="col">Now</th>
                <th scope="col">Draft</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {HEALTH_STATUSES.map((s) => (
                <tr key={s}>
                  <th scope="row">
                    <Badge tone={BAND_TONE[s]}>{titleCase(s)}</Badge>
                  </th>
                  <td className="tabular-nums">{d.distribution.current[s]}</td>
                  <td className="tabular-nums">{d.distribution.simulated[s]}</td>
                  <td className={`tabular-nums ${d.distribution.shift[s] ? "font-semibold" : "text-muted-foreground"}`}>
                    {d.distribution.shift[s] ? signed(d.distribution.shift[s]) : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
          {d.changes.length ? (
            <div className="mt-2 max-h-80 overflow-y-auto">
              <Table compact aria-label="Clients that would change band" className="table-fixed">
                <colgroup>
                  <col />
                  <col className="w-16" />
                  <col className="w-28" />
                  <col className="w-28" />
                </colgroup>
                <thead>
                  <tr>
                    <th scope="col">Client</th>
                    <th scope="col">ARR</th>
                    <th scope="col">Now</th>
                    <th scope="col">Draft</th>
                  </tr>
                </thead>
                <tbody>
                  {d.changes.map((c) => (
                    <tr key={c.client_id}>
                      <td className="truncate">
                        <Link to={`/clients/${c.client_id}`} prefetch="intent" title={c.name}>
                          {c.name}
                        </Link>
                      </td>
                      <td className="tabular-nums">{formatUsd(c.arr)}</td>
                      <td className="whitespace-nowrap">
                        <span className="inline-block w-6 tabular-nums">{c.current_score ?? "—"}</span>{" "}
                        <Badge tone={BAND_TONE[c.current_status]}>{titleCase(c.current_status)}</Badge>
                      </td>
                      <td className="whitespace-nowrap">
                        <span className="inline-block w-6 tabular-nums">{c.draft_score ?? "—"}</span>{" "}
                        <Badge tone={BAND_TONE[c.draft_status]}>{titleCase(c.draft_status)}</Badge>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </Table>
              {d.clients_changing_band > d.changes.length ? (
                <p className="text-xs text-muted-foreground">And {d.clients_changing_band - d.changes.length} more.</p>
              ) : null}
            </div>
          ) : (
            <p className="text-[13px] text-muted-foreground">No client would change band.</p>
          )}
        </>
      )}
    </section>
  );
}

export function SuggestionPanel({
  p,
  scopeKey,
  draft,
}: {
  p: Preview;
  scopeKey: string;
  draft: Record<string, string>;
}) {
  const b = p.backtest;
  const s = b.suggested_weights;
  const useHref = s
    ? `?${new URLSearchParams({ scope: scopeKey, ...draft, ...Object.fromEntries(WEIGHT_FIELDS.map(([f, k]) => [f, String(s[k])])) })}`
    : null;
  return (
    <section aria-labelledby="suggest-h" className="suggestion min-w-0 rounded-lg border border-border p-3">
      <h3 id="suggest-h" className="text-sm font-semibold">
        Suggested from churn history
      </h3>
      {!s ? (
        <p className="text-[13px] text-muted-foreground">
          No suggestion yet: it needs past renewals and churns with component scores before them.
        </p>
      ) : (
        <>
          <Table compact aria-label="Draft and suggested weights">
            <thead>
              <tr>
                <th scope="col">Component</th>
                <th scope="col">Draft</th>
                <th scope="col">Suggested</th>
              </tr>
            </thead>
            <tbody>
              {WEIGHT_FIELDS.map(([f, k]) => (
                <tr key={k}>
                  <th scope="row">{COMPONENT_LABEL[k]}</th>
                  <td className="tabular-nums">{draft[f] === "" ? "—" : `${draft[f]}%`}</td>
                  <td className="tabular-nums">{s[k]}%</td>
                </tr>
              ))}
            </tbody>
          </Table>
          <p className="backtest mt-2 text-[13px]">
            Backtest on the {b.test_cases} renewals since {formatDate(b.cutoff)} ({b.test_churns} churned): AUC{" "}
            <strong>{p.valid ? f3(b.draft_auc) : "n/a"}</strong> with the draft, <strong>{f3(b.suggested_auc)}</strong>{" "}
            with weights fitted before that date (higher ranks churners lower better; 0.5 is chance).
          </p>
          <p className="text-xs text-muted-foreground">
            From {b.cases} past renewals ({b.churned} churned), each client's components about 60 days before.
          </p>
          {useHref ? (
            <Link to={useHref} preventScrollReset className="text-[13px]">
              Use the suggested weights in the draft
            </Link>
          ) : null}
        </>
      )}
    </section>
  );
}
