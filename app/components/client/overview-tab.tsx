import { healthColor } from "../../../worker/core/health-bands";
import type { ClientDetail } from "../../../worker/services/clients";
import { daysAgo, formatDate, titleCase } from "../../lib/format";
import type { clientOverviewExtras } from "../../../worker/services/client-overview";
import { Chart } from "../chart";

const COMPONENTS = ["usage", "adoption", "support", "relationship", "contract", "outcome"] as const;

type Overview = Awaited<ReturnType<typeof clientOverviewExtras>> & { chartSvg: string };

const EVENT_LEGEND = [
  ["renewal", "R", "Renewal"],
  ["milestone", "M", "Milestone"],
  ["escalation", "!", "Support escalation"],
  ["touchpoint", "", "CSM touchpoint"],
] as const;

const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? "st" : n % 10 === 2 && n % 100 !== 12 ? "nd" : n % 10 === 3 && n % 100 !== 13 ? "rd" : "th"}`;

function ComponentBars({ scores, details }: { scores: Partial<Record<(typeof COMPONENTS)[number], number | null>>; details: Record<string, string> }) {
  return (
    <ul className="bars">
      {COMPONENTS.map((k) => {
        const v = scores[k] ?? null;
        return (
          <li key={k}>
            <span className="bar-label">{titleCase(k)}</span>
            <span className="bar">
              <span className={`fill ${healthColor(v)}`} style={{ width: `${v ?? 0}%` }} />
            </span>
            <span className="bar-value" title={v === null ? "Health score unavailable: not enough data for this component" : undefined}>{v ?? "N/A"}</span>
            <span className="bar-detail">{details[k] ?? ""}</span>
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
          <p className="muted">No health history yet: the first score appears after the next recalculation.</p>
        ) : (
          <Chart
            svg={o.chartSvg}
            label={`Health score over 90 days, from ${c.health_history[0].overall_score} to ${c.health_history[c.health_history.length - 1].overall_score}, with the ${o.cohort.label} line and ${o.events.length} key events`}
            caption={
              <>
                <span className="legend">
                  {EVENT_LEGEND.map(([k, g, name]) => (
                    <span key={k} className={`legend-item ev-${k}`}>
                      <span className="dot" aria-hidden="true">{g}</span> {name}
                    </span>
                  ))}
                </span>
                <span className="muted"> Click a day for its breakdown. </span>
                <a href={`/api/v1/client-success/clients/${c.id}/health/history?days=90&format=csv`} download>Export trend (CSV)</a>
              </>
            }
          >
            <details className="chart-events">
              <summary>Key events ({o.events.length})</summary>
              <ul>
                {o.events.map((e, i) => (
                  <li key={`${e.date}-${i}`}>
                    {formatDate(e.date)} · {titleCase(e.kind)}: {e.label}
                  </li>
                ))}
              </ul>
            </details>
          </Chart>
        )}
        <p className="cohort-compare">
          {tier ? (
            <span>
              vs {tier.label} avg: <strong>{tier.average}</strong> ({ordinal(tier.percentile)} %ile of {tier.size})
            </span>
          ) : null}
          {industry ? (
            <span>
              vs {industry.label} avg: <strong>{industry.average}</strong> ({ordinal(industry.percentile)} %ile of {industry.size})
            </span>
          ) : null}
        </p>
      </section>

      {o.day ? (
        <section id="day-breakdown" className="panel" aria-label={`Breakdown on ${o.day.date}`}>
          <h2>
            Breakdown on {formatDate(o.day.date)}: {o.day.overall_score}
          </h2>
          <ComponentBars scores={o.day.components} details={o.day.details} />
          {o.day.notable_events.length ? <p className="muted">Notable: {o.day.notable_events.join("; ")}</p> : null}
          <a href="?tab=overview">Back to today</a>
        </section>
      ) : null}

      {c.health_components ? (
        <section>
          <h2>Component scores</h2>
          <ComponentBars scores={c.health_components} details={c.health_components.details} />
        </section>
      ) : null}

      <section>
        <h2>Contacts</h2>
        <table className="grid">
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
        </table>
      </section>

      <section>
        <h2>Recent CSM activity</h2>
        {c.recent_activities.length === 0 ? (
          <p className="muted">No activity logged.</p>
        ) : (
          <ul className="activities">
            {c.recent_activities.map((a) => (
              <li key={a.id}>
                <strong>{titleCase(a.activity_type)}</strong> · {formatDate(a.occurred_at)} · {a.subject}
                <span className="sub">
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
