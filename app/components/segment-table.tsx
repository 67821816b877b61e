import { formatUsd } from "#app/lib/format";

import { Table } from "./ui/table";

export interface Segment {
  key: string | null;
  label: string;
  clients: number;
  arr: number;
  avg_health: number | null;
  at_risk: number;
  arr_at_risk: number;
}

/** One breakdown of the portfolio (by tier, industry, CSM or region). */
export function SegmentTable({
  title,
  rows,
  labelOf = (s) => s.label,
}: {
  title: string;
  rows: Segment[];
  labelOf?: (s: Segment) => string;
}) {
  return (
    <Table compact>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{title.replace(/^By (\w)/, (_, c: string) => c.toUpperCase())}</th>
          <th scope="col">Clients</th>
          <th scope="col">ARR</th>
          <th scope="col">Avg health</th>
          <th scope="col">At risk</th>
          <th scope="col">ARR at risk</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((s) => (
          <tr key={s.key ?? s.label}>
            <th scope="row">{labelOf(s)}</th>
            <td>{s.clients}</td>
            <td>{formatUsd(s.arr)}</td>
            <td>{s.avg_health ?? "N/A"}</td>
            <td>{s.at_risk}</td>
            <td>{formatUsd(s.arr_at_risk)}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
