import type { ReactNode } from "react";

/**
 * Server-rendered chart markup (see app/charts/render.server.tsx) with its caption and a text
 * alternative for screen readers and print.
 */
export function Chart({
  svg,
  label,
  caption,
  children,
}: {
  svg: string;
  label: string;
  caption?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <figure
      className="chart m-0 max-w-full overflow-x-auto rounded-lg border border-border bg-card px-3 py-2"
      aria-label={label}
    >
      {/* Markup from React's own renderer on the server: every value in it is escaped. */}
      <div className="chart-svg" dangerouslySetInnerHTML={{ __html: svg }} />
      {caption ? <figcaption className="mt-1 text-[13px] text-muted-foreground">{caption}</figcaption> : null}
      {children}
    </figure>
  );
}
