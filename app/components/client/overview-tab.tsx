import { Chart } from "#app/components/chart";
import { EmptyState } from "#app/components/ui/alert";
import { Panel } from "#app/components/ui/panel";
import { Table } from "#app/components/ui/table";
import { daysAgo, formatDate, titleCase } from "#app/lib/format";
import { healthColor } from "#worker/core/health/bands";
import type { clientOverviewExtras } from "#worker/services/client-overview";
import type { ClientDetail } from "#worker/services/clients";

import { ChurnRiskPanel, type ChurnView } from "./churn-risk-panel";
import { HealthChangePanel } from "./health-change-panel";

const COMPONENTS = ["usage", "adoption", "support", "relationship", "contract", "outcome"] as const;

type Overview = Awaited<ReturnType<typeof clientOverviewExtras>> & { chartSvg: string; churn: ChurnView };

// Same glyphs and colours as the markers drawn in app/charts/health-trend.server.tsx.
const EVENT_LEGEND = [
  ["renewal", "R", "Renewal", "bg-band-green"],
  ["milestone", "M", "Milestone", "bg-violet-600"],
  ["escalation", "!", "Support escalation", "bg-band-red"],
  ["touchpoint", "", "CSM touchpoint", "bg-primary"],
] as const;

const BAR_FILL = {
  green: "bg-band-green",
  yellow: "bg-band-yellow",
  orange: "bg-band-orange",
  red: "bg-band-red",
  gray: "bg-band-gray",
} as const;

const ordinal = (n: number) =>
  `${n}${n % 10 === 1 && n % 100 !== 11 ? "st" : n % 10 === 2 && n % 100 !== 12 ? "nd" : n % 10 === 3 && n % 100 !== 13 ? "rd" : "th"}`;

function ComponentBars({
  scores,
  details,
}: {
  scores: Partial<Record<(typeof COMPONENTS)[number], number | null>>;
  details: Record<string, string>;
}) {
  return (
    <ul className="bars grid max-w-3xl gap-2">
      {COMPONENTS.map((k) => {
        const v = scores[k] ?? null;
        return (
          <li key={k} className="grid grid-cols-[110px_1fr_40px] items-center gap-x-2">
            <span>{titleCase(k)}</span>
            <span
              className="h-2.5 overflow-hidden rounded-full bg-muted"
              role="meter"
              aria-label={`${titleCase(k)} score`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={v ?? undefined}
            >
              <span className={`block h-full ${BAR_FILL[healthColor(v)]}`} style={{ width: `${v ?? 0}%` }} />
            </span>
            <span
              className="font-semibold tabular-nums"
              title={v === null ? "Health score unavailable: not enough data for this component" : undefined}
            >
              {v ?? "N/A"}
            </span>
            <span className="col-span-2 col-start-2 text-xs text-muted-foreground">{details[k] ?? ""}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** Health trend chart, cohort comparison, component scores, contacts and recent activity. */
export function OverviewTab({ c, now, o }: { c: ClientDetail; now: Date; o: Overview }) {
  const tier = o.standing?.tier;
  const industry = o.standing?.industry;
  return (
    <>
      <section>
        <h2>Health trend (90 days)</h2>
        {c.health_history.length === 0 ? (
          <EmptyState>No health history yet: the first score appears after the next recalculation.</EmptyState>
        ) : (
          <Chart
            svg={o.chartSvg}
            label={`Health score over 90 days, from ${c.health_history[0].overall_score} to ${c.health_history[c.health_history.length - 1].overall_score}, with the ${o.cohort.label} line and ${o.events.length} key events`}
            caption={
              <>
                <span className="mr-2 inline-flex flex-wrap gap-3">
                  {EVENT_LEGEND.map(([k, g, name, bg]) => (
                    <span key={k}>
                      <span className={`legend-dot ${bg}`} aria-hidden="true">
                        {g}
                      </span>{" "}
                      {name}
                    </span>
                  ))}
                </span>
                <span> Hover a marker or a day for its values; click a day for its breakdown. </span>
                <a href={`/api/v1/client-success/clients/${c.id}/health/history?days=90&format=csv`} download>
                  Export trend (CSV)
                </a>
              </>
            }
          >
            <details className="chart-events text-[13px]">
              <summary>Key events ({o.events.length})</summary>
              <ul className="my-1 max-h-48 list-disc overflow-auto pl-5">
                {o.events.map((e, i) => (
                  <li key={`${e.date}-${i}`}>
                    {formatDate(e.date)} · {titleCase(e.kind)}: {e.label}
                  </li>
                ))}
              </ul>
            </details>
          </Chart>
        )}
        <p className="cohort-compare flex flex-wrap gap-6">
          {tier ? (
            <span>
              vs {tier.label} avg: <strong>{tier.average}</strong> ({ordinal(tier.percentile)} %ile of {tier.size})
            </span>
          ) : null}
          {industry ? (
            <span>
              vs {industry.label} avg: <strong>{industry.average}</strong> ({ordinal(industry.percentile)} %ile of{" "}
              {industry.size})
            </span>
          ) : null}
        </p>
      </section>

      {o.day ? (
        <Panel id="day-breakdown" aria-label={`Breakdown on ${o.day.date}`}>
          <h2 className="mt-0">
            Breakdown on {formatDate(o.day.date)}: {o.day.overall_score}
          </h2>
          <ComponentBars scores={o.day.components} details={o.day.details} />
          {o.day.notable_events.length ? (
            <p className="text-muted-foreground">Notable: {o.day.notable_events.join("; ")}</p>
          ) : null}
          <a href="?tab=overview">Back to today</a>
        </Panel>
      ) : null}

      <ChurnRiskPanel churn={o.churn} />

      {c.health_components ? (
        <section>
          <h2>Component scores</h2>
          <ComponentBars scores={c.health_components} details={c.health_components.details} />
        </section>
      ) : null}

      <HealthChangePanel change={o.sinceYesterday} />

      <section>
        <h2>Contacts</h2>
        <Table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Title</th>
              <th scope="col">Role</th>
              <th scope="col">Last login</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {c.contacts.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>{p.title ?? "—"}</td>
                <td>{titleCase(p.role)}</td>
                <td>{daysAgo(p.last_platform_login, now)}</td>
                <td>{titleCase(p.engagement_status)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>

      <section>
        <h2>Recent CSM activity</h2>
        {c.recent_activities.length === 0 ? (
          <EmptyState>No activity logged.</EmptyState>
        ) : (
          <ul className="activities grid gap-2">
            {c.recent_activities.map((a) => (
              <li key={a.id} className="rounded-lg border border-border bg-card px-3 py-2">
                <strong>{titleCase(a.activity_type)}</strong> · {formatDate(a.occurred_at)} · {a.subject}
                <span className="block text-xs text-muted-foreground">
                  {a.performed_by}
                  {a.outcome ? ` · ${titleCase(a.outcome)}` : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
