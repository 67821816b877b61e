import { Table } from "#app/components/ui/table";
import type { SystemColumn, SystemSection } from "#worker/services/observability/system-status";

// One section of the admin system page: a titled table of figures. Every section the service
// returns renders through this, so a new area needs no new component (a richer one may still
// bring its own, placed by its key in app/routes/admin.system.tsx).

function cell(value: string | number | null | undefined, kind: SystemColumn["kind"]): string {
  if (value === null || value === undefined || value === "") return "—";
  if (kind === "count") return Number(value).toLocaleString("en-US");
  if (kind === "ms")
    return Number(value) >= 10_000
      ? `${(Number(value) / 1000).toFixed(1)} s`
      : `${Math.round(Number(value)).toLocaleString("en-US")} ms`;
  if (kind === "time") return `${String(value).slice(0, 16).replace("T", " ")} UTC`;
  return String(value);
}

export function SystemSectionView({ section }: { section: SystemSection }) {
  const headingId = `system-${section.key}`;
  return (
    <section aria-labelledby={headingId} className="mb-6" data-section={section.key}>
      <h2 id={headingId} className="text-base font-semibold">
        {section.title}
      </h2>
      <p className="mb-2 text-[13px] text-muted-foreground">{section.description}</p>
      {section.rows.length === 0 ? (
        <p className="text-[13px]">{section.empty}</p>
      ) : (
        <Table compact>
          <thead>
            <tr>
              {section.columns.map((c) => (
                <th key={c.key} scope="col" className={c.kind === "text" ? undefined : "text-right"}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {section.rows.map((row, i) => (
              <tr key={i}>
                {section.columns.map((c) => (
                  <td key={c.key} className={c.kind === "text" ? undefined : "text-right tabular-nums"}>
                    {cell(row[c.key], c.kind)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
