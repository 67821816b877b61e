import { Table } from "#app/components/ui/table";
import { formatDate, titleCase } from "#app/lib/format";
import type { HealthChange } from "#worker/core/health/change";

const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);

/**
 * What changed the health score since yesterday, input by input: each component's score on both
 * days, what it did to the overall, and the reason (yesterday's shown too when it differs).
 */
export function HealthChangePanel({ change }: { change: HealthChange }) {
  return (
    <section className="health-change" aria-labelledby="health-change-title">
      <h2 id="health-change-title">What changed since yesterday</h2>
      <p className="health-change-summary">{change.summary}</p>
      {change.components.length ? (
        <Table>
          <thead>
            <tr>
              <th scope="col">Component</th>
              <th scope="col">{change.from ? formatDate(change.from) : "Yesterday"}</th>
              <th scope="col">{change.to ? formatDate(change.to) : "Today"}</th>
              <th scope="col" title="Points this component moved the overall score, after weights">
                Effect on health
              </th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {change.components.map((c) => (
              <tr key={c.component} data-component={c.component}>
                <th scope="row">{titleCase(c.component)}</th>
                <td className="tabular-nums">{c.before ?? "N/A"}</td>
                <td className="tabular-nums">
                  {c.after ?? "N/A"}
                  {c.delta ? <span className="text-muted-foreground"> ({signed(c.delta)})</span> : null}
                </td>
                <td className="tabular-nums">{c.overall_points === 0 ? "—" : signed(c.overall_points)}</td>
                <td className="text-xs">
                  {c.reason_after ?? "—"}
                  {c.reason_before && c.reason_before !== c.reason_after ? (
                    <span className="block text-muted-foreground">Yesterday: {c.reason_before}</span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </section>
  );
}
