import type { getHeatmap, getUsage, getUsageUsers } from "../../../worker/services/usage";
import { titleCase } from "../../lib/format";

type Usage = Awaited<ReturnType<typeof getUsage>>;
type Users = Awaited<ReturnType<typeof getUsageUsers>>;
type Heatmap = Awaited<ReturnType<typeof getHeatmap>>;

function MetricCard({ label, m }: { label: string; m: Usage["daily_active_users"] }) {
  const arrow = m.trend === "UP" ? "↑" : m.trend === "DOWN" ? "↓" : "→";
  return (
    <div className="card">
      <h2>{label}</h2>
      <p className="big">{m.current ?? "N/A"}</p>
      <p className="sub">
        {m.change_vs_baseline_pct === null ? "no 90-day baseline" : `${arrow} ${m.change_vs_baseline_pct > 0 ? "+" : ""}${m.change_vs_baseline_pct}% vs 90-day avg`}
        {m.tier_cohort_average === null ? "" : ` · tier avg ${m.tier_cohort_average}`}
      </p>
    </div>
  );
}

/** Logins by weekday × hour as server SVG: readable with no JavaScript, values in <title>s. */
function HeatmapSvg({ h }: { h: Heatmap }) {
  const max = Math.max(1, ...h.logins.flatMap((d) => d.hours));
  const cell = 18;
  return (
    <svg viewBox={`0 0 ${40 + 24 * cell} ${20 + 7 * cell}`} className="heatmap" role="img" aria-label={`Logins by hour and weekday over ${h.days} days (UTC)${h.peak ? `; busiest ${h.peak.day} ${h.peak.hour}:00` : ""}`}>
      {h.logins.map((d, r) =>
        d.hours.map((n, c) => (
          <rect key={`${r}-${c}`} x={40 + c * cell} y={r * cell} width={cell - 2} height={cell - 2} rx={2} fill={n === 0 ? "#edf2f7" : `rgba(43,108,176,${0.15 + 0.85 * (n / max)})`}>
            <title>{`${d.day} ${c}:00 UTC: ${n} logins`}</title>
          </rect>
        )),
      )}
      {h.logins.map((d, r) => <text key={d.day} x={0} y={r * cell + 13} className="label">{d.day}</text>)}
      {[0, 6, 12, 18].map((hr) => <text key={hr} x={40 + hr * cell} y={7 * cell + 14} className="label">{hr}h</text>)}
    </svg>
  );
}

export function UsageTab({ usage, users, heatmap }: { usage: Usage; users: Users; heatmap: Heatmap }) {
  return (
    <section aria-label="Usage">
      <div className="cards three">
        <MetricCard label="Daily active" m={usage.daily_active_users} />
        <MetricCard label="Weekly active" m={usage.weekly_active_users} />
        <MetricCard label="Monthly active" m={usage.monthly_active_users} />
      </div>
      <p className="sub">
        {usage.sessions.total_30d} sessions in 30 days · {usage.sessions.avg_duration_seconds === null ? "—" : `${Math.round(usage.sessions.avg_duration_seconds / 60)} min`} average · {usage.sessions.avg_depth_actions ?? "—"} actions per session ·
        stickiness {usage.stickiness_dau_mau ?? "—"} · {usage.feature_breadth.modules_used_30d} of {usage.feature_breadth.modules_licensed} modules used
      </p>
      <h2>Activity heatmap (logins by hour, UTC)</h2>
      <HeatmapSvg h={heatmap} />
      <h2>User engagement</h2>
      <table className="grid">
        <thead><tr><th scope="col">User</th><th scope="col">Role</th><th scope="col">Last login</th><th scope="col">Sessions (30d)</th><th scope="col">Status</th><th scope="col">Tags</th></tr></thead>
        <tbody>
          {users.data.map((u) => (
            <tr key={u.user_id} className={u.inactive_14_days ? "flagged" : undefined}>
              <td>{u.name}</td>
              <td>{u.role ?? "—"}</td>
              <td>{u.days_since_login === null ? "never" : u.days_since_login === 0 ? "today" : `${u.days_since_login} days ago`}</td>
              <td>{u.sessions_30d}</td>
              <td>{titleCase(u.status)}{u.inactive_14_days ? " ⚠" : ""}</td>
              <td>{[u.champion ? "Champion" : null, u.power_user ? "Power user" : null, u.key_stakeholder && !u.champion ? titleCase(u.key_stakeholder.role) : null].filter(Boolean).join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
