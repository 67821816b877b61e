import { AutoSubmitForm } from "#app/components/ui/auto-submit-form";
import { Badge } from "#app/components/ui/badge";
import { Button, buttonVariants } from "#app/components/ui/button";
import { cn } from "#app/components/ui/cn";
import { Field, filterBar } from "#app/components/ui/form";
import { formatDate, titleCase } from "#app/lib/format";
import { TIMELINE_TYPES } from "#worker/core/inputs/timeline";

export interface TimelineView {
  data: { type: string; id: string; at: string; title: string; detail: string; actor: string | null }[];
  pagination: { total: number; page: number; pages: number };
}

/** Each kind of item has its colour on the left edge, as in the PRD's timeline. */
const TYPE_BORDER: Record<string, string> = {
  activity: "border-l-primary",
  support_ticket: "border-l-band-orange",
  health_change: "border-l-band-yellow",
  note: "border-l-violet-600",
  renewal: "border-l-band-green",
  alert: "border-l-band-red",
  survey: "border-l-sky-500",
};

/** The unified timeline: type filter and search as a GET form, items expand with <details>, CSV export. */
export function TimelineTab({
  clientId,
  timeline,
  params,
}: {
  clientId: string;
  timeline: TimelineView;
  params: Record<string, string>;
}) {
  const exportQuery = new URLSearchParams({
    format: "csv",
    ...(params.type ? { type: params.type } : {}),
    ...(params.q ? { q: params.q } : {}),
  });
  return (
    <section aria-label="Timeline">
      <AutoSubmitForm method="get" className={filterBar} aria-label="Filter the timeline">
        <input type="hidden" name="tab" value="timeline" />
        <Field label="Type" labelId="lbl-tl-type">
          <select aria-labelledby="lbl-tl-type" name="type" defaultValue={params.type ?? ""}>
            <option value="">All</option>
            {TIMELINE_TYPES.map((t) => (
              <option key={t} value={t}>
                {titleCase(t.toUpperCase())}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Search" labelId="lbl-tl-q">
          <input
            aria-labelledby="lbl-tl-q"
            type="search"
            name="q"
            defaultValue={params.q ?? ""}
            placeholder="Text in the timeline"
          />
        </Field>
        <Button type="submit">Filter</Button>
        <a
          className={buttonVariants({ variant: "outline" })}
          href={`/api/v1/client-success/clients/${clientId}/timeline?${exportQuery}`}
          download
        >
          Export CSV
        </a>
      </AutoSubmitForm>
      <p className="count text-muted-foreground">{timeline.pagination.total} events in the last 12 months</p>
      <ol className="timeline grid gap-1.5">
        {timeline.data.map((i) => (
          <li
            key={i.id}
            className={cn(
              "rounded-md border border-l-4 border-border bg-card px-3 py-2",
              TYPE_BORDER[i.type] ?? "border-l-band-gray",
            )}
          >
            <details>
              <summary>
                <span className="text-[13px] text-muted-foreground">{formatDate(i.at)}</span>{" "}
                <Badge className="mx-1 uppercase">{titleCase(i.type.toUpperCase())}</Badge> {i.title}
              </summary>
              <p className="whitespace-pre-line">{i.detail || "No further detail."}</p>
              {i.actor ? <p className="text-xs text-muted-foreground">By {i.actor}</p> : null}
            </details>
          </li>
        ))}
      </ol>
      <nav className="flex items-center justify-between py-3" aria-label="Timeline pages">
        {timeline.pagination.page > 1 ? (
          <a
            href={`?${new URLSearchParams({ ...params, tab: "timeline", page: String(timeline.pagination.page - 1) })}`}
          >
            ← Newer
          </a>
        ) : (
          <span />
        )}
        <span>
          Page {timeline.pagination.page} of {Math.max(1, timeline.pagination.pages)}
        </span>
        {timeline.pagination.page < timeline.pagination.pages ? (
          <a
            href={`?${new URLSearchParams({ ...params, tab: "timeline", page: String(timeline.pagination.page + 1) })}`}
          >
            Older →
          </a>
        ) : (
          <span />
        )}
      </nav>
    </section>
  );
}
