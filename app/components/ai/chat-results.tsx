import { Link } from "@remix-run/react";

import { Table } from "#app/components/ui/table";
import { formatUsd } from "#app/lib/format";

type Result = Record<string, unknown> & { client_id: string | null; name: string };

const num = (v: unknown) => (typeof v === "number" ? v : null);

/**
 * A chat answer's structured results: clients as links with their figures, drafts with subject
 * and body, signals and drivers as lists. Only fields the answer actually carries are shown.
 */
export function ChatResults({ results }: { results: Result[] }) {
  if (!results.length) return null;
  if (results.some((r) => typeof r.subject === "string")) return <Drafts results={results} />;
  const cols = [
    {
      key: "health",
      label: "Health",
      show: (r: Result) => num(r.health_score) !== null,
      cell: (r: Result) =>
        num(r.health_then) !== null && num(r.health_change) !== null && num(r.health_change)! < 0
          ? `${r.health_then} → ${r.health_score}`
          : String(r.health_score),
    },
    {
      key: "churn",
      label: "Churn",
      show: (r: Result) => num(r.churn_risk) !== null,
      cell: (r: Result) => `${r.churn_risk}%`,
    },
    { key: "arr", label: "ARR", show: (r: Result) => num(r.arr) !== null, cell: (r: Result) => formatUsd(num(r.arr)) },
    {
      key: "renewal",
      label: "Renewal",
      show: (r: Result) => num(r.days_to_renewal) !== null,
      cell: (r: Result) => `${r.days_to_renewal}d`,
    },
    {
      key: "contact",
      label: "Last contact",
      show: (r: Result) => num(r.last_contact_days) !== null,
      cell: (r: Result) => `${r.last_contact_days}d ago`,
    },
    {
      key: "activities",
      label: "Activities",
      show: (r: Result) => num(r.activities) !== null,
      cell: (r: Result) => String(r.activities),
    },
    {
      key: "expansion",
      label: "Signals",
      show: (r: Result) => Array.isArray(r.signals),
      cell: (r: Result) => (r.signals as string[]).join("; "),
    },
    {
      key: "similarity",
      label: "Similarity",
      show: (r: Result) => num(r.similarity) !== null,
      cell: (r: Result) => `${r.similarity}%`,
    },
  ].filter((c) => results.some(c.show));
  return (
    <Table
      compact
      className="chat-results mt-2 text-[12px] [&_td]:whitespace-nowrap [&_td]:[overflow-wrap:normal] [&_th]:whitespace-nowrap"
    >
      <thead>
        <tr>
          <th scope="col">Client</th>
          {cols.map((c) => (
            <th key={c.key} scope="col">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {results.map((r, i) => (
          <tr key={`${r.client_id ?? r.name}-${i}`}>
            <td>{r.client_id ? <Link to={`/clients/${r.client_id}`}>{r.name}</Link> : r.name}</td>
            {cols.map((c) => (
              <td key={c.key}>{c.show(r) ? c.cell(r) : ""}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function Drafts({ results }: { results: Result[] }) {
  return (
    <div className="mt-2 grid gap-2">
      {results.map((r) => {
        const to = r.to as { name: string; email: string | null } | null;
        const mailto = to?.email
          ? `mailto:${to.email}?subject=${encodeURIComponent(String(r.subject))}&body=${encodeURIComponent(String(r.body))}`
          : null;
        return (
          <div key={r.client_id ?? r.name} className="draft rounded border border-border p-2 text-[12px]">
            <p>
              <strong>{r.client_id ? <Link to={`/clients/${r.client_id}`}>{r.name}</Link> : r.name}</strong>
              {to ? ` · to ${to.name}` : " · no contact on record"}
            </p>
            <p className="font-semibold">Subject: {String(r.subject)}</p>
            <pre className="whitespace-pre-wrap font-sans [overflow-wrap:anywhere]">{String(r.body)}</pre>
            {mailto ? <a href={mailto}>Open in email</a> : null}
          </div>
        );
      })}
    </div>
  );
}
