import { Link } from "@remix-run/react";
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  useReactTable,
  type VisibilityState,
} from "@tanstack/react-table";
import { useEffect, useMemo, useState } from "react";

import { formatDate, formatUsd, signed, titleCase, TREND_ARROW } from "#app/lib/format";
import type { ClientSort } from "#worker/core/client-list-query";
import { healthColor } from "#worker/core/health/bands";
import { localDateTime } from "#worker/core/time-zone";
import type { ClientSummary } from "#worker/services/clients";

import { LogActivityFields } from "./client/log-activity-form";
import { ScoreBadge } from "./ui/badge";
import { Button } from "./ui/button";
import { Dialog } from "./ui/dialog";
import { Field, Stack } from "./ui/form";
import { Table } from "./ui/table";

// The portfolio table (PRD F1) on TanStack Table. Sorting and paging stay on the server (the
// URL holds them, so a view is a link and works without JavaScript); TanStack drives the
// columns, their visibility (kept per browser) and the row actions.

const col = createColumnHelper<ClientSummary>();
const VISIBILITY_KEY = "csd.portfolio.columns";

export type RowAction = { kind: "log" | "call"; client: ClientSummary } | null;

function columns(onAction: (a: RowAction) => void) {
  return [
    col.accessor("name", {
      id: "name",
      header: "Client",
      enableHiding: false,
      meta: { sort: "name" },
      cell: (c) => (
        <>
          <Link to={`/clients/${c.row.original.id}`} prefetch="intent">
            {c.getValue()}
          </Link>
          <div className="text-xs text-muted-foreground">
            {titleCase(c.row.original.contract_tier)} · {c.row.original.industry ?? "Other"}
          </div>
        </>
      ),
    }),
    col.accessor("current_health_score", {
      id: "health",
      header: "Health",
      meta: { sort: "health_score" },
      cell: (c) => <ScoreBadge score={c.getValue()} band={healthColor(c.getValue())} />,
    }),
    col.accessor("health_trend_change", {
      id: "trend",
      header: "Trend",
      meta: { sort: "trend" },
      cell: (c) => `${TREND_ARROW[c.row.original.health_trend]} ${signed(c.getValue())}`,
    }),
    col.accessor("churn_risk_score", {
      id: "churn",
      header: "Churn",
      meta: { sort: "churn_risk" },
      cell: (c) => (c.getValue() === null ? "—" : `${c.getValue()}%`),
    }),
    col.accessor("annual_recurring_revenue", {
      id: "arr",
      header: "ARR",
      meta: { sort: "arr" },
      cell: (c) => formatUsd(c.getValue()),
    }),
    col.accessor("days_to_renewal", {
      id: "renewal",
      header: "Renewal",
      meta: { sort: "renewal_date" },
      cell: (c) => (c.getValue() === null ? "—" : `${c.getValue()}d`),
    }),
    col.accessor((r) => r.csm?.name ?? "Unassigned", { id: "csm", header: "CSM", meta: { sort: "csm" } }),
    col.accessor("last_csm_contact_at", {
      id: "last_contact",
      header: "Last contact",
      meta: { sort: "last_contact" },
      cell: (c) => formatDate(c.getValue()),
    }),
    col.display({
      id: "actions",
      header: "Actions",
      enableHiding: false,
      cell: (c) => {
        const client = c.row.original;
        const open = (kind: "log" | "call") => (e: React.MouseEvent) => {
          e.preventDefault();
          onAction({ kind, client });
        };
        return (
          <span className="flex gap-3 whitespace-nowrap">
            <a
              href={`/clients/${client.id}#log-activity`}
              onClick={open("log")}
              aria-label={`Log activity for ${client.name}`}
            >
              Log
            </a>
            <a
              href={`/clients/${client.id}#schedule-call`}
              onClick={open("call")}
              aria-label={`Schedule call with ${client.name}`}
            >
              Call
            </a>
            <Link to={`/clients/${client.id}`} prefetch="intent" aria-label={`View details of ${client.name}`}>
              View
            </Link>
          </span>
        );
      },
    }),
  ];
}

export function PortfolioTable({
  rows,
  sort,
  order,
  sortHref,
  nowIso,
}: {
  rows: ClientSummary[];
  sort: ClientSort;
  order: "asc" | "desc";
  sortHref: (s: ClientSort, o: "asc" | "desc") => string;
  nowIso: string;
}) {
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
  // Stable column definitions: TanStack's cell renderers are components, so new functions on
  // every render would remount every cell (and lose the focus a dialog returns to).
  const cols = useMemo(() => columns(setAction), []);
  const table = useReactTable({
    data: rows,
    columns: cols,
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
      <details className="columns-menu my-2">
        <summary className="text-sm text-primary">Columns</summary>
        <fieldset className="mt-2 flex flex-wrap gap-x-4 gap-y-2 rounded-lg border border-border bg-card px-3 py-2">
          <legend className="sr-only">Show columns</legend>
          {table
            .getAllLeafColumns()
            .filter((c) => c.getCanHide())
            .map((c) => (
              <label key={c.id} className="inline-flex items-center gap-1.5">
                <input type="checkbox" checked={c.getIsVisible()} onChange={c.getToggleVisibilityHandler()} />{" "}
                {String(c.columnDef.header)}
              </label>
            ))}
        </fieldset>
      </details>
      <Table className="portfolio">
        <thead>
          {table.getHeaderGroups().map((g) => (
            <tr key={g.id}>
              {g.headers.map((h) => {
                const s = (h.column.columnDef.meta as { sort?: ClientSort } | undefined)?.sort;
                const active = s === sort;
                const next =
                  active && order === "desc"
                    ? "asc"
                    : active
                      ? "desc"
                      : s === "arr" || s === "churn_risk"
                        ? "desc"
                        : "asc";
                return (
                  <th
                    key={h.id}
                    scope="col"
                    aria-sort={active ? (order === "asc" ? "ascending" : "descending") : undefined}
                  >
                    {s ? (
                      <Link
                        to={sortHref(s, next)}
                        preventScrollReset
                        className="text-inherit no-underline hover:underline"
                      >
                        {flexRender(h.column.columnDef.header, h.getContext())}{" "}
                        {active ? (order === "asc" ? "▲" : "▼") : ""}
                      </Link>
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
      </Table>
      <RowActionDialog action={action} onClose={() => setAction(null)} nowIso={nowIso} />
    </>
  );
}

/** The row actions in one dialog; each form posts like the client page's own. */
function RowActionDialog({ action, onClose, nowIso }: { action: RowAction; onClose: () => void; nowIso: string }) {
  const tomorrow = `${new Date(Date.parse(nowIso) + 86_400_000).toISOString().slice(0, 10)}T15:00`;
  const title = action ? `${action.kind === "log" ? "Log activity" : "Schedule call"}: ${action.client.name}` : "";
  return (
    <Dialog open={action !== null} onClose={onClose} title={title}>
      {action?.kind === "log" ? (
        <LogActivityFields
          contacts={[]}
          errors={null}
          nowLocal={localDateTime(nowIso, Intl.DateTimeFormat().resolvedOptions().timeZone)}
          action={`/clients/${action.client.id}`}
          returnTo={`/${typeof window === "undefined" ? "" : window.location.search}`}
        />
      ) : action ? (
        <form method="post" action={`/clients/${action.client.id}/schedule-call`} aria-label="Schedule call">
          <Stack>
            <Field label="Subject">
              <input name="subject" required maxLength={150} defaultValue={`Call with ${action.client.name}`} />
            </Field>
            <Field label="When (UTC)">
              <input type="datetime-local" name="start" required defaultValue={tomorrow} />
            </Field>
            <Field label="Duration (minutes)">
              <input type="number" name="minutes" min={5} max={480} defaultValue={30} />
            </Field>
            <Button type="submit">Schedule and download invite (.ics)</Button>
          </Stack>
        </form>
      ) : null}
    </Dialog>
  );
}
