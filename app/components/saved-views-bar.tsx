import { Form, Link } from "@remix-run/react";

import { Button } from "./ui/button";
import { cn } from "./ui/cn";
import { Field, Stack } from "./ui/form";
import { tabClass, TabsNav } from "./ui/tabs";

// The portfolio's view tabs on one line however many views are saved: the built-in views, the
// first few saved ones (and the open one), the rest under "More views", then "+ Add view".

type View = { label: string; query: string; id: string | null };
const INLINE_SAVED = 2;

function DeleteView({ v }: { v: View }) {
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value="delete_view" />
      <input type="hidden" name="id" value={v.id ?? ""} />
      <Button type="submit" variant="ghost" size="icon" aria-label={`Delete view ${v.label}`} title="Delete view">
        ×
      </Button>
    </Form>
  );
}

export function SavedViewsBar({ builtIn, saved, current }: { builtIn: View[]; saved: View[]; current: string }) {
  const openIndex = saved.findIndex((v) => v.query === current);
  const inline = saved.filter((_, i) => i < INLINE_SAVED || i === openIndex);
  const more = saved.filter((v) => !inline.includes(v));
  // Built-in tabs keep their width; saved ones give way (truncated, full name on hover).
  const tab = (v: View) => (
    <span key={`${v.id ?? "b"}-${v.label}`} className={cn("inline-flex items-center", v.id ? "min-w-0" : "shrink-0")}>
      <Link
        to={`/${v.query ? `?${v.query}` : ""}`}
        prefetch="intent"
        aria-current={current === v.query ? "page" : undefined}
        title={v.label}
        className={cn(tabClass(current === v.query), "max-w-48 truncate whitespace-nowrap")}
      >
        {v.label}
      </Link>
      {v.id ? <DeleteView v={v} /> : null}
    </span>
  );
  return (
    <TabsNav aria-label="Views" className="flex-nowrap">
      <div className="flex min-w-0 flex-1 items-end gap-1 overflow-hidden">
        {builtIn.map(tab)}
        {inline.map(tab)}
      </div>
      {more.length ? (
        <details className="relative shrink-0">
          <summary className="list-none whitespace-nowrap px-3.5 py-2 text-sm text-primary">
            More views ({more.length}) ▾
          </summary>
          <ul
            className="absolute right-0 z-10 grid max-h-80 w-72 overflow-y-auto rounded-lg border border-border bg-card p-1 shadow-lg"
            aria-label="More saved views"
          >
            {more.map((v) => (
              <li key={v.id} className="flex items-center justify-between gap-2 rounded px-2 hover:bg-muted">
                <Link to={`/?${v.query}`} prefetch="intent" className="min-w-0 truncate py-1.5 text-sm" title={v.label}>
                  {v.label}
                </Link>
                <DeleteView v={v} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <details className="relative shrink-0">
        <summary className="list-none whitespace-nowrap px-3.5 py-2 text-sm text-primary">+ Add view</summary>
        <Form
          method="post"
          className="absolute right-0 z-10 w-72 rounded-lg border border-border bg-card p-3 shadow-lg"
          aria-label="Save this view"
        >
          <input type="hidden" name="intent" value="save_view" />
          <input type="hidden" name="query" value={current} />
          <Stack>
            <Field label="Name">
              <input name="name" required maxLength={60} placeholder="e.g. Enterprise renewals" />
            </Field>
            <Button type="submit">Save current filters</Button>
          </Stack>
        </Form>
      </details>
    </TabsNav>
  );
}
