import { Link } from "@remix-run/react";
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable, type VisibilityState } from "@tanstack/react-table";
import { useEffect, useRef, useState } from "react";
import type { ClientSort } from "../../worker/core/client-list-query";
import { healthColor } from "../../worker/core/health-bands";
import type { ClientSummary } from "../../worker/services/clients";
import { formatDate, formatUsd, signed, titleCase, TREND_ARROW } from "../lib/format";
import { LogActivityFields } from "./client/log-activity-form";

// The portfolio table (PRD F1) on TanStack Table. Sorting and paging stay on the server (the
// URL holds them, so a view is a link and works without JavaScript); TanStack drives the
// columns, their visibility (kept per browser) and the row actions.

const col = createColumnHelper<ClientSummary>();
const VISIBILITY_KEY = "csd.portfolio.columns";

export type RowAction = { kind: "log" | "call"; client: ClientSummary } | null;

function columns(onAction: (a: RowAction) => void) {
  return [
    col.accessor("name", {
      id: "name", header: "Client", enableHiding: false, meta: { sort: "name" },
      cell: (c) => (
        <>
          <Link to={`/clients/${c.row.original.id}`}>{c.getValue()}</Link>
          <div className="sub">{titleCase(c.row.original.contract_tier)} · {c.row.original.industry ?? "Other"}</div>
        </>
      ),
    }),
    col.accessor("current_health_score", {
      id: "health", header: "Health", meta: { sort: "health_score" },
      cell: (c) => (
        <span className={`score ${healthColor(c.getValue())}`} title={c.getValue() === null ? "Health score unavailable: not enough data yet" : undefined}>
          {c.getValue() ?? "N/A"}
        </span>
      ),
    }),
    col.accessor("health_trend_change", { id: "trend", header: "Trend", meta: { sort: "trend" }, cell: (c) => `${TREND_ARROW[c.row.original.health_trend]} ${signed(c.getValue())}` }),
    col.accessor("churn_risk_score", { id: "churn", header: "Churn", meta: { sort: "churn_risk" }, cell: (c) => (c.getValue() === null ? "—" : `${c.getValue()}%`) }),
    col.accessor("annual_recurring_revenue", { id: "arr", header: "ARR", meta: { sort: "arr" }, cell: (c) => formatUsd(c.getValue()) }),
    col.accessor("days_to_renewal", { id: "renewal", header: "Renewal", meta: { sort: "renewal_date" }, cell: (c) => (c.getValue() === null ? "—" : `${c.getValue()}d`) }),
    col.accessor((r) => r.csm?.name ?? "Unassigned", { id: "csm", header: "CSM", meta: { sort: "csm" } }),
    col.accessor("last_csm_contact_at", { id: "last_contact", header: "Last contact", meta: { sort: "last_contact" }, cell: (c) => formatDate(c.getValue()) }),
    col.display({
      id: "actions", header: "Actions", enableHiding: false,
      cell: (c) => {
        const client = c.row.original;
        const open = (kind: "log" | "call") => (e: React.MouseEvent) => {
          e.preventDefault();
          onAction({ kind, client });
        };
        return (
          <span className="row-actions">
            <a href={`/clients/${client.id}#log-activity`} onClick={open("log")} aria-label={`Log activity for ${client.name}`}>Log</a>
            <a href={`/clients/${client.id}#schedule-call`} onClick={open("call")} aria-label={`Schedule call with ${client.name}`}>Call</a>
            <Link to={`/clients/${client.id}`} aria-label={`View details of ${client.name}`}>View</Link>
          </span>
        );
      },
    }),
  ];
}

export function PortfolioTable({ rows, sort, order, sortHref, nowIso }: { rows: ClientSummary[]; sort: ClientSort; order: "asc" | "desc"; sortHref: (s: ClientSort, o: "asc" | "desc") => string; nowIso: string }) {
  const [visibility, setVisibility] = useState<VisibilityState>({});
  const [action, setAction] = useState<RowAction>(null);
  // Column choices persist per browser; read after hydration so server and client HTML agree.
  useEffect(() => {
    try {
      setVisibility(JSON.parse(localStorage.getItem(VISIBILITY_KEY) ?? "{}"));
    } catch {
      localStorage.removeItem(VISIBILITY_KEY);
    }
  }, []);
  const table = useReactTable({
    data: rows,
    columns: columns(setAction),
    state: { columnVisibility: visibility },
    onColumnVisibilityChange: (u) => {
      const next = typeof u === "function" ? u(visibility) : u;
      setVisibility(next);
      localStorage.setItem(VISIBILITY_KEY, JSON.stringify(next));
    },
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    getRowId: (r) => r.id,
  });
  return (
    <>
      <details className="columns-menu">
        <summary>Columns</summary>
        <fieldset>
          <legend className="sr-only">Show columns</legend>
          {table.getAllLeafColumns().filter((c) => c.getCanHide()).map((c) => (
            <label key={c.id}>
              <input type="checkbox" checked={c.getIsVisible()} onChange={c.getToggleVisibilityHandler()} /> {String(c.columnDef.header)}
            </label>
          ))}
        </fieldset>
      </details>
      <div className="table-scroll">
        <table className="grid portfolio">
          <thead>
            {table.getHeaderGroups().map((g) => (
              <tr key={g.id}>
                {g.headers.map((h) => {
                  const s = (h.column.columnDef.meta as { sort?: ClientSort } | undefined)?.sort;
                  const active = s === sort;
                  const next = active && order === "desc" ? "asc" : active ? "desc" : s === "arr" || s === "churn_risk" ? "desc" : "asc";
                  return (
                    <th key={h.id} scope="col" aria-sort={active ? (order === "asc" ? "ascending" : "descending") : undefined}>
                      {s ? (
                        <a href={sortHref(s, next)} className="sort-link">
                          {flexRender(h.column.columnDef.header, h.getContext())} {active ? (order === "asc" ? "▲" : "▼") : ""}
                        </a>
                      ) : (
                        flexRender(h.column.columnDef.header, h.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((r) => (
              <tr key={r.id}>
                {r.getVisibleCells().map((c) => (
                  <td key={c.id}>{flexRender(c.column.columnDef.cell, c.getContext())}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <RowActionDialog action={action} onClose={() => setAction(null)} nowIso={nowIso} />
    </>
  );
}

/** One native <dialog> for the row actions: focus is trapped and Escape closes it. */
function RowActionDialog({ action, onClose, nowIso }: { action: RowAction; onClose: () => void; nowIso: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (action && !ref.current?.open) ref.current?.showModal();
    if (!action && ref.current?.open) ref.current.close();
  }, [action]);
  const tomorrow = `${new Date(Date.parse(nowIso) + 86_400_000).toISOString().slice(0, 10)}T15:00`;
  return (
    // A submitted form leaves (the page navigates back here, or downloads the invite): close.
    <dialog ref={ref} onClose={onClose} onSubmit={() => setTimeout(onClose, 0)} className="dialog" aria-label={action ? `${action.kind === "log" ? "Log activity" : "Schedule call"}: ${action.client.name}` : undefined}>
      {action ? (
        <>
          <header className="dialog-head">
            <h2>{action.kind === "log" ? "Log activity" : "Schedule call"}: {action.client.name}</h2>
            <button type="button" className="secondary" onClick={onClose} aria-label="Close">✕</button>
          </header>
          {action.kind === "log" ? (
            <LogActivityFields contacts={[]} errors={null} nowLocal={nowIso.slice(0, 16)} action={`/clients/${action.client.id}`} returnTo={`/${typeof window === "undefined" ? "" : window.location.search}`} />
          ) : (
            <form method="post" action={`/clients/${action.client.id}/schedule-call`} className="stacked" aria-label="Schedule call">
              <label>Subject <input name="subject" required maxLength={150} defaultValue={`Call with ${action.client.name}`} /></label>
              <label>When (UTC) <input type="datetime-local" name="start" required defaultValue={tomorrow} /></label>
              <label>Duration (minutes) <input type="number" name="minutes" min={5} max={480} defaultValue={30} /></label>
              <button type="submit">Schedule and download invite (.ics)</button>
            </form>
          )}
        </>
      ) : null}
    </dialog>
  );
}
