import { EmptyState } from "#app/components/ui/alert";
import { Badge } from "#app/components/ui/badge";
import { Table } from "#app/components/ui/table";
import { formatDate, formatUsdFull, titleCase } from "#app/lib/format";
import type { Module } from "#worker/core/enums";
import { MODULE_NAMES } from "#worker/core/feature-catalog";
import type { ClientDetail } from "#worker/services/clients";

/** Contract facts: modules, seats in use against licensed, dates, renewal history with ARR. */
export function ContractTab({
  c,
  totalUsers,
  renewals,
}: {
  c: ClientDetail;
  totalUsers: number | null;
  renewals: { renewal_date: string; outcome: string; arr_before: number | null; arr_after: number | null }[];
}) {
  return (
    <section aria-label="Contract">
      <dl className="facts-grid m-0 grid grid-cols-[repeat(auto-fit,minmax(220px,1fr))] gap-3 rounded-lg border border-border bg-card p-4 [&_dd]:font-semibold [&_dt]:text-xs [&_dt]:text-muted-foreground">
        <div>
          <dt>Tier</dt>
          <dd>{titleCase(c.contract_tier)}</dd>
        </div>
        <div>
          <dt>ARR</dt>
          <dd>
            {formatUsdFull(c.annual_recurring_revenue)} (year {c.contract_year})
          </dd>
        </div>
        <div>
          <dt>Contract start</dt>
          <dd>{formatDate(c.contract_start_date)}</dd>
        </div>
        <div>
          <dt>Current term ends</dt>
          <dd>{formatDate(c.contract_end_date)}</dd>
        </div>
        <div>
          <dt>Next renewal</dt>
          <dd>
            {formatDate(c.next_renewal_date)}
            {c.days_to_renewal === null ? "" : ` (${c.days_to_renewal} days)`}
          </dd>
        </div>
        <div>
          <dt>Go-live</dt>
          <dd>{formatDate(c.go_live_date)}</dd>
        </div>
        <div>
          <dt>Users</dt>
          <dd>
            {totalUsers ?? "—"} of {c.licensed_user_count ?? "—"} licensed
            {totalUsers !== null && c.licensed_user_count
              ? ` (${Math.round((100 * totalUsers) / c.licensed_user_count)}%)`
              : ""}
          </dd>
        </div>
        <div>
          <dt>Payment</dt>
          <dd>{titleCase(c.payment_status)}</dd>
        </div>
      </dl>
      <h2>Licensed modules</h2>
      <ul className="flex flex-wrap gap-2">
        {c.licensed_modules.map((m) => (
          <li key={m}>
            <Badge tone="accent" size="chip">
              {MODULE_NAMES[m as Module] ?? m}
            </Badge>
          </li>
        ))}
      </ul>
      <h2>Renewal history</h2>
      {renewals.length === 0 ? (
        <EmptyState>No renewal on record yet.</EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Outcome</th>
              <th scope="col">ARR before</th>
              <th scope="col">ARR after</th>
            </tr>
          </thead>
          <tbody>
            {renewals.map((r) => (
              <tr key={r.renewal_date}>
                <td>{formatDate(r.renewal_date)}</td>
                <td>{titleCase(r.outcome)}</td>
                <td>{formatUsdFull(r.arr_before)}</td>
                <td>{formatUsdFull(r.arr_after)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
