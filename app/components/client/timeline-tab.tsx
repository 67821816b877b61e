import { Form } from "@remix-run/react";
import { TIMELINE_TYPES } from "../../../worker/core/inputs/timeline";
import { formatDate, titleCase } from "../../lib/format";

export interface TimelineView {
  data: { type: string; id: string; at: string; title: string; detail: string; actor: string | null }[];
  pagination: { total: number; page: number; pages: number };
}

/** The unified timeline: type filter and search as a GET form, items expand with <details>, CSV export. */
export function TimelineTab({ clientId, timeline, params }: { clientId: string; timeline: TimelineView; params: Record<string, string> }) {
  const exportQuery = new URLSearchParams({ format: "csv", ...(params.type ? { type: params.type } : {}), ...(params.q ? { q: params.q } : {}) });
  return (
    <section aria-label="Timeline">
      <Form method="get" className="filters">
        <input type="hidden" name="tab" value="timeline" />
        <label className="field">
          <span id="lbl-tl-type">Type</span>
          <select aria-labelledby="lbl-tl-type" name="type" defaultValue={params.type ?? ""}>
            <option value="">All</option>
            {TIMELINE_TYPES.map((t) => (
              <option key={t} value={t}>{titleCase(t.toUpperCase())}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span id="lbl-tl-q">Search</span>
          <input aria-labelledby="lbl-tl-q" type="search" name="q" defaultValue={params.q ?? ""} placeholder="Text in the timeline" />
        </label>
        <button type="submit">Filter</button>
        <a className="reset" href={`/api/v1/client-success/clients/${clientId}/timeline?${exportQuery}`} download>
          Export CSV
        </a>
      </Form>
      <p className="count">{timeline.pagination.total} events in the last 12 months</p>
      <ol className="timeline">
        {timeline.data.map((i) => (
          <li key={i.id} className={`tl-${i.type}`}>
            <details>
              <summary>
                <span className="tl-date">{formatDate(i.at)}</span> <span className="tl-type">{titleCase(i.type.toUpperCase())}</span> {i.title}
              </summary>
              <p>{i.detail || "No further detail."}</p>
              {i.actor ? <p className="sub">By {i.actor}</p> : null}
            </details>
          </li>
        ))}
      </ol>
      <nav className="pager" aria-label="Timeline pages">
        {timeline.pagination.page > 1 ? <a href={`?${new URLSearchParams({ ...params, tab: "timeline", page: String(timeline.pagination.page - 1) })}`}>← Newer</a> : <span />}
        <span>Page {timeline.pagination.page} of {Math.max(1, timeline.pagination.pages)}</span>
        {timeline.pagination.page < timeline.pagination.pages ? <a href={`?${new URLSearchParams({ ...params, tab: "timeline", page: String(timeline.pagination.page + 1) })}`}>Older →</a> : <span />}
      </nav>
    </section>
  );
}
