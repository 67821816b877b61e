import { Link } from "@remix-run/react";

import { Chart } from "#app/components/chart";
import { EmptyState } from "#app/components/ui/alert";
import { AutoSubmitForm } from "#app/components/ui/auto-submit-form";
import { Button } from "#app/components/ui/button";
import { Field, filterBar } from "#app/components/ui/form";
import { Table } from "#app/components/ui/table";
import { titleCase } from "#app/lib/format";
import { COHORT_TYPES, CUSTOM_CRITERIA } from "#worker/core/benchmark";
import type { clientBenchmark } from "#worker/services/benchmarks";

type Benchmark = Awaited<ReturnType<typeof clientBenchmark>> & { radarSvg: string };

const fmt = (v: number | null, unit: string) => (v === null ? "N/A" : unit === "days" ? `${v} d` : String(v));

/** PRD F7: cohort choice, percentiles, radar, gap table and look-alike success stories. */
export function BenchmarkTab({
  b,
  clientName,
  params,
}: {
  b: Benchmark;
  clientName: string;
  params: Record<string, string>;
}) {
  const chosen = new Set((params.criteria ?? "").split(",").filter(Boolean));
  return (
    <>
      <AutoSubmitForm method="get" className={filterBar} aria-label="Choose a cohort">
        <input type="hidden" name="tab" value="benchmark" />
        <Field label="Cohort">
          <select name="cohort" defaultValue={b.cohort.type}>
            {COHORT_TYPES.map((t) => (
              <option key={t} value={t}>
                {t === "custom" ? "Custom criteria" : `Same ${t}`}
              </option>
            ))}
          </select>
        </Field>
        <fieldset className="flex flex-wrap items-center gap-3 text-[13px]">
          <legend>Custom criteria</legend>
          {CUSTOM_CRITERIA.map((k) => (
            <label key={k} className="inline-flex items-center gap-1.5">
              <input type="checkbox" name="criteria" value={k} defaultChecked={chosen.has(k)} /> {titleCase(k)}
            </label>
          ))}
        </fieldset>
        <Button type="submit">Compare</Button>
      </AutoSubmitForm>
      <p className="lead text-base">
        {clientName} against <strong>{b.cohort.label}</strong> ({b.cohort.size} active client
        {b.cohort.size === 1 ? "" : "s"})
      </p>
      {b.cohort.size < 5 ? (
        <p className="text-muted-foreground">
          A small cohort: percentiles move a lot with one client. Try a wider cohort.
        </p>
      ) : null}

      <div className="grid items-start gap-4 xl:grid-cols-[minmax(0,540px)_minmax(0,1fr)]">
        <Chart
          svg={b.radarSvg}
          label={`Radar of ${clientName} against the cohort average on ${b.radar.map((r) => r.label).join(", ")}`}
        />
        <Table>
          <caption>Percentile within the cohort (higher is better)</caption>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Client</th>
              <th scope="col">Cohort avg</th>
              <th scope="col">Best in class</th>
              <th scope="col">Percentile</th>
            </tr>
          </thead>
          <tbody>
            {b.metrics.map((m) => (
              <tr key={m.metric} className={m.behind ? "flagged" : undefined}>
                <th scope="row">{m.label}</th>
                <td>{fmt(m.value, m.unit)}</td>
                <td>{fmt(m.cohort_average, m.unit)}</td>
                <td>{fmt(m.best_in_class, m.unit)}</td>
                <td>
                  {m.percentile === null ? (
                    "N/A"
                  ) : (
                    <span className="inline-flex items-center gap-1.5" title={`${m.percentile}th percentile`}>
                      <span
                        className="inline-block h-2 max-w-20 rounded-full bg-primary"
                        style={{ width: `${m.percentile}%` }}
                      />{" "}
                      {m.percentile}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>

      <h2>Gap analysis</h2>
      {b.gaps.length === 0 ? (
        <EmptyState>No metric is meaningfully behind this cohort.</EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <th scope="col">Where behind</th>
              <th scope="col">Gap</th>
              <th scope="col">Percentile</th>
              <th scope="col">What peers do</th>
            </tr>
          </thead>
          <tbody>
            {b.gaps.map((g) => (
              <tr key={g.metric}>
                <th scope="row">{g.label}</th>
                <td>
                  {g.gap} {g.unit} {g.unit === "days" ? "slower" : "below"} avg ({fmt(g.value, g.unit)} vs{" "}
                  {fmt(g.cohort_average, g.unit)})
                </td>
                <td>{g.percentile ?? "N/A"}</td>
                <td>{g.recommendation}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      <h2>Look-alike success stories</h2>
      {b.look_alikes.length === 0 ? (
        <EmptyState>No healthy (80+) client in this cohort to learn from; try a wider cohort.</EmptyState>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
          {b.look_alikes.map((s, i) => (
            <li key={s.client_id ?? i} className="rounded-lg border border-border bg-card p-4">
              <strong>{s.client_id ? <Link to={`/clients/${s.client_id}`}>{s.name}</Link> : s.name}</strong>
              <span className="block text-xs text-muted-foreground">
                Health {s.health} · adoption {s.adoption ?? "N/A"} · {s.employee_count?.toLocaleString("en-US") ?? "—"}{" "}
                employees · similarity {s.similarity}%
              </span>
              {s.features_they_use.length ? (
                <p>
                  Uses actively, where {clientName} does not:{" "}
                  {s.features_they_use
                    .map((f) => `${f.name} (${f.module}; here ${titleCase(f.this_client_status)})`)
                    .join(", ")}
                </p>
              ) : (
                <p className="text-muted-foreground">Uses the same features; the difference is depth of use.</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
