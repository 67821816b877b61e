import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";

import { AutoSubmitForm } from "#app/components/ui/auto-submit-form";
import { Button } from "#app/components/ui/button";
import { Field, filterBar } from "#app/components/ui/form";
import { Table } from "#app/components/ui/table";
import { orPageError } from "#app/lib/page-errors.server";
import { parseAuditQuery } from "#worker/core/audit-query";
import { AUDIT_OUTCOMES } from "#worker/core/enums";
import { searchAudit } from "#worker/services/audit-trail";

// The audit trail (issue 8): every read and write of client data and every refused attempt, for
// the admin and the VP of Client Success. Filters are the API's (GET /audit), so the CSV link
// exports exactly what the page shows, every page of it.

export const meta: MetaFunction = () => [{ title: "Audit trail · Client Success Dashboard" }];

const FILTERS = ["user", "action", "resource_type", "resource_id", "outcome", "from", "to"] as const;
// Paging keeps the first page's as_of, so entries written meanwhile do not shift the pages.

export const loader = ({ request, context }: LoaderFunctionArgs) =>
  orPageError(async () => {
    const params = new URL(request.url).searchParams;
    const result = await searchAudit(context.db, context.user, parseAuditQuery(params));
    const chosen = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ""])) as Record<
      (typeof FILTERS)[number],
      string
    >;
    return { ...result, chosen };
  });

function withParams(chosen: Record<string, string>, extra: Record<string, string>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...chosen, ...extra })) if (v) p.set(k, v);
  return p.toString();
}

export default function AuditPage() {
  const { data, pagination, chosen } = useLoaderData<typeof loader>();
  const { page, total_pages: pages, total, as_of: asOf } = pagination;
  return (
    <section className="audit">
      <h1 className="text-xl font-semibold">Audit trail</h1>
      <p className="text-[13px] text-muted-foreground">
        Who read or changed what, and every refused attempt. Rows are never changed or deleted.{" "}
        <Link to="/admin/crm">CRM sync</Link>
      </p>
      <AutoSubmitForm method="get" className={filterBar} aria-label="Filter the audit trail">
        <Field label="User (email or id)">
          <input name="user" defaultValue={chosen.user} />
        </Field>
        <Field label="Action">
          <input name="action" defaultValue={chosen.action} placeholder="read, update, delete…" />
        </Field>
        <Field label="Resource type">
          <input name="resource_type" defaultValue={chosen.resource_type} placeholder="client, note…" />
        </Field>
        <Field label="Resource id">
          <input name="resource_id" defaultValue={chosen.resource_id} />
        </Field>
        <Field label="Outcome">
          <select name="outcome" defaultValue={chosen.outcome}>
            <option value="">Any</option>
            {AUDIT_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </Field>
        <Field label="From">
          <input name="from" type="date" defaultValue={chosen.from.slice(0, 10)} />
        </Field>
        <Field label="To (through)">
          <input name="to" type="date" defaultValue={chosen.to.slice(0, 10)} />
        </Field>
        <Button type="submit" size="sm">
          Filter
        </Button>
        <a href={`/admin/audit`} className="text-[13px]">
          Clear
        </a>
      </AutoSubmitForm>
      <p className="text-[13px]">
        {total.toLocaleString("en-US")} entries.{" "}
        <a href={`/api/v1/client-success/audit?${withParams(chosen, { format: "csv" })}`} download>
          Export CSV
        </a>
      </p>
      {/* Fixed columns: one long value wraps or is cut (its full text on hover) instead of pushing the others off screen. */}
      <Table
        compact
        className="mt-2 table-fixed [&_td]:[overflow-wrap:anywhere]"
        wrapperClassName="audit-table"
        aria-label="Audit entries"
      >
        <colgroup>
          <col className="w-40" />
          <col className="w-[17%]" />
          <col className="w-28" />
          <col className="w-[20%]" />
          <col className="w-24" />
          <col className="w-16" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">User</th>
            <th scope="col">Action</th>
            <th scope="col">Resource</th>
            <th scope="col">Outcome</th>
            <th scope="col">Status</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {data.map((r) => (
            <tr key={r.id}>
              <td className="whitespace-nowrap">{r.at.replace("T", " ").slice(0, 19)}</td>
              <td title={r.user_email ?? r.user_id ?? undefined}>
                <span className="line-clamp-2">{r.user_email ?? r.user_id ?? "—"}</span>
              </td>
              <td title={r.action}>
                <span className="line-clamp-2">{r.action}</span>
              </td>
              <td title={r.resource_id ? `${r.resource_type} ${r.resource_id}` : r.resource_type}>
                <span className="line-clamp-3">
                  {r.resource_type}
                  {r.resource_id ? <span className="text-muted-foreground"> {r.resource_id}</span> : null}
                </span>
              </td>
              <td>{r.outcome}</td>
              <td>{r.status_code ?? "—"}</td>
              <td className="truncate" title={r.details ? JSON.stringify(r.details) : undefined}>
                {r.details ? JSON.stringify(r.details) : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      {data.length === 0 ? <p className="mt-2 text-[13px]">No entries match these filters.</p> : null}
      <nav aria-label="Pages" className="mt-3 flex items-center gap-3 text-[13px]">
        {page > 1 ? <Link to={`?${withParams(chosen, { page: String(page - 1), as_of: asOf })}`}>Newer</Link> : null}
        <span>
          Page {page} of {pages}
        </span>
        {page < pages ? (
          <Link to={`?${withParams(chosen, { page: String(page + 1), as_of: asOf })}`}>Older</Link>
        ) : null}
      </nav>
    </section>
  );
}
