import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { AppError } from "../../worker/core/errors";
import { healthColor } from "../../worker/core/health-bands";
import { getClientDetail } from "../../worker/services/clients";
import { HealthSparkline } from "../components/health-sparkline";
import { daysAgo, formatDate, formatUsdFull, signed, titleCase, TREND_ARROW } from "../lib/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.client.name ?? "Client"} · Client Success Dashboard` },
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const now = new Date();
  try {
    const client = await getClientDetail(context.db, context.user, params.id ?? "", now);
    return { client, now: now.toISOString() };
  } catch (err) {
    if (err instanceof AppError && err.status === 404) throw new Response("This client does not exist or is not in your portfolio.", { status: 404 });
    throw err;
  }
}

const COMPONENTS = ["usage", "adoption", "support", "relationship", "contract", "outcome"] as const;

export default function ClientPage() {
  const { client: c, now } = useLoaderData<typeof loader>();
  const nowDate = new Date(now);
  return (
    <article className="client">
      <p>
        <Link to="/">← Back to portfolio</Link>
      </p>
      <h1>{c.name}</h1>
      <p className="facts">
        {titleCase(c.contract_tier)} | {c.industry ?? "Other"} | {c.employee_count?.toLocaleString("en-US") ?? "—"} employees |{" "}
        {[c.city, c.region].filter(Boolean).join(", ") || "—"}
      </p>
      <dl className="headline">
        <div>
          <dt>Health score</dt>
          <dd>
            <span className={`score big ${healthColor(c.current_health_score)}`}>{c.current_health_score ?? "N/A"}</span>
            <span className="sub">
              {TREND_ARROW[c.health_trend]} {signed(c.health_trend_change)} (30d) · {titleCase(c.health_status)}
            </span>
          </dd>
        </div>
        <div>
          <dt>Churn risk</dt>
          <dd>
            {c.churn_risk_score === null ? "—" : `${c.churn_risk_score}%`}
            <span className="sub">{c.churn_risk_category ? titleCase(c.churn_risk_category) : "Not scored"}</span>
          </dd>
        </div>
        <div>
          <dt>ARR</dt>
          <dd>
            {formatUsdFull(c.annual_recurring_revenue)}
            <span className="sub">Year {c.contract_year}</span>
          </dd>
        </div>
        <div>
          <dt>Renewal</dt>
          <dd>
            {c.days_to_renewal === null ? "—" : `${c.days_to_renewal} days`}
            <span className="sub">{formatDate(c.next_renewal_date)}</span>
          </dd>
        </div>
        <div>
          <dt>Team</dt>
          <dd>
            CSM: {c.csm?.name ?? "Unassigned"}
            <span className="sub">AE: {c.ae?.name ?? "Unassigned"} · last CSM contact {daysAgo(c.last_csm_contact_at, nowDate)}</span>
          </dd>
        </div>
      </dl>

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
                  <span className="bar-value">{v ?? "N/A"}</span>
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
                <td>{daysAgo(p.last_platform_login, nowDate)}</td>
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
    </article>
  );
}
