import { healthColor } from "../../../worker/core/health-bands";
import type { ClientDetail } from "../../../worker/services/clients";
import { daysAgo, formatDate, titleCase } from "../../lib/format";
import { HealthSparkline } from "../health-sparkline";

const COMPONENTS = ["usage", "adoption", "support", "relationship", "contract", "outcome"] as const;

/** Health trend, component scores with their explanations, contacts and recent activity. */
export function OverviewTab({ c, now }: { c: ClientDetail; now: Date }) {
  return (
    <>
      <section>
        <h2>Health trend (90 days)</h2>
        <HealthSparkline points={c.health_history} />
      </section>

      {c.health_components ? (
        <section>
          <h2>Component scores</h2>
          <ul className="bars">
            {COMPONENTS.map((k) => {
              const v = c.health_components?.[k] ?? null;
              return (
                <li key={k}>
                  <span className="bar-label">{titleCase(k)}</span>
                  <span className="bar">
                    <span className={`fill ${healthColor(v)}`} style={{ width: `${v ?? 0}%` }} />
                  </span>
                  <span className="bar-value" title={v === null ? "Health score unavailable: not enough data for this component" : undefined}>{v ?? "N/A"}</span>
                  <span className="bar-detail">{c.health_components?.details[k] ?? ""}</span>
                </li>
              );
            })}
          </ul>
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
