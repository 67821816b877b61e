import { cn } from "./cn";

/** A surface for a section of a page. */
export function Panel({ className, ...props }: React.ComponentProps<"section">) {
  return (
    <section className={cn("panel my-4 rounded-lg border border-border bg-card px-4 py-3", className)} {...props} />
  );
}

/**
 * A collapsible section on <details>: keyboard and screen-reader support come from the
 * browser, and it opens without JavaScript.
 */
export function Disclosure({
  summary,
  className,
  children,
  ...props
}: React.ComponentProps<"details"> & { summary: React.ReactNode }) {
  return (
    <details className={cn("panel group my-3 rounded-lg border border-border bg-card px-4 py-3", className)} {...props}>
      <summary className="cursor-pointer font-semibold text-foreground marker:text-muted-foreground">{summary}</summary>
      <div className="mt-3">{children}</div>
    </details>
  );
}
