import { Chart } from "#app/components/chart";
import { Card, CardGrid, CardNote, CardTitle, CardValue } from "#app/components/ui/card";
import { Table } from "#app/components/ui/table";
import { titleCase } from "#app/lib/format";
import type { getHeatmap, getUsage, getUsageUsers } from "#worker/services/usage";

type Usage = Awaited<ReturnType<typeof getUsage>>;
type Users = Awaited<ReturnType<typeof getUsageUsers>>;
type Heatmap = Awaited<ReturnType<typeof getHeatmap>>;

function MetricCard({ label, m }: { label: string; m: Usage["daily_active_users"] }) {
  const arrow = m.trend === "UP" ? "↑" : m.trend === "DOWN" ? "↓" : "→";
  return (
    <Card>
      <CardTitle>{label}</CardTitle>
      <CardValue title={m.current === null ? "Not enough usage data yet" : "Average per day over the last 30 days"}>
        {m.current ?? "N/A"}
      </CardValue>
      <CardNote>
        {m.change_pct === null
          ? "no baseline in the 30 days before"
          : `${arrow} ${m.change_pct > 0 ? "+" : ""}${m.change_pct}% ${m.window}`}
        {m.baseline_90d === null ? "" : ` · 90-day avg ${m.baseline_90d}`}
        {m.tier_cohort_average === null ? "" : ` · tier avg ${m.tier_cohort_average}`}
      </CardNote>
    </Card>
  );
}

export function UsageTab({
  usage,
  users,
  heatmap,
  heatmapSvg,
}: {
  usage: Usage;
  users: Users;
  heatmap: Heatmap;
  heatmapSvg: string;
}) {
  return (
    <section aria-label="Usage">
      <CardGrid columns={3} aria-label="Active users">
        <MetricCard label="Daily active" m={usage.daily_active_users} />
        <MetricCard label="Weekly active" m={usage.weekly_active_users} />
        <MetricCard label="Monthly active" m={usage.monthly_active_users} />
      </CardGrid>
      <p className="text-[13px] text-muted-foreground">
        {usage.sessions.total_30d} sessions in 30 days ·{" "}
        {usage.sessions.avg_duration_seconds === null
          ? "—"
          : `${Math.round(usage.sessions.avg_duration_seconds / 60)} min`}{" "}
        average · {usage.sessions.avg_depth_actions ?? "—"} actions per session · stickiness{" "}
        {usage.stickiness_dau_mau ?? "—"} · {usage.feature_breadth.modules_used_30d} of{" "}
        {usage.feature_breadth.modules_licensed} licensed modules in use
        {usage.feature_breadth.modules_unused.length
          ? ` (not in use: ${usage.feature_breadth.modules_unused.map(titleCase).join(", ")})`
          : ""}
      </p>
      <h2>Activity heatmap (logins by hour, UTC)</h2>
      <Chart
        svg={heatmapSvg}
        label={`Logins by hour and weekday over ${heatmap.days} days (UTC)${heatmap.peak ? `; busiest ${heatmap.peak.day} ${heatmap.peak.hour}:00 with ${heatmap.peak.logins} logins` : "; no logins"}`}
        caption={
          heatmap.peak
            ? `Busiest: ${titleCase(heatmap.peak.day)} ${heatmap.peak.hour}:00 UTC (${heatmap.peak.logins} logins over ${heatmap.days} days)`
            : `No logins in the last ${heatmap.days} days`
        }
      />
      <h2>User engagement</h2>
      <Table>
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Role</th>
            <th scope="col">Last login</th>
            <th scope="col">Sessions (30d)</th>
            <th scope="col">Status</th>
            <th scope="col">Tags</th>
          </tr>
        </thead>
        <tbody>
          {users.data.map((u) => (
            <tr key={u.user_id} className={u.inactive_14_days ? "flagged" : undefined}>
              <td>{u.name}</td>
              <td>{u.role ?? "—"}</td>
              <td>
                {u.days_since_login === null
                  ? "never"
                  : u.days_since_login === 0
                    ? "today"
                    : `${u.days_since_login} days ago`}
              </td>
              <td>{u.sessions_30d}</td>
              <td>
                {titleCase(u.status)}
                {u.inactive_14_days ? " ⚠" : ""}
              </td>
              <td>
                {[
                  u.champion ? "Champion" : null,
                  u.power_user ? "Power user" : null,
                  u.key_stakeholder && !u.champion ? titleCase(u.key_stakeholder.role) : null,
                ]
                  .filter(Boolean)
                  .join(", ")}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
