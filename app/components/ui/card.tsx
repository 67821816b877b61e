import { cn } from "./cn";

// shadcn's Card, trimmed to what the dashboard uses: a bordered surface, a small uppercase
// title, a big figure and a note under it. The "card" class stays as a stable hook for tests.
export function Card({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      className={cn("card rounded-lg border border-border bg-card p-4 text-card-foreground shadow-xs", className)}
      {...props}
    />
  );
}

export function CardTitle({ className, ...props }: React.ComponentProps<"h2">) {
  return (
    <h2
      className={cn("m-0 text-xs font-semibold uppercase tracking-wide text-muted-foreground", className)}
      {...props}
    />
  );
}

export function CardValue({ className, ...props }: React.ComponentProps<"p">) {
  return <p className={cn("my-1 text-3xl font-bold tabular-nums", className)} {...props} />;
}

export function CardNote({ className, ...props }: React.ComponentProps<"p">) {
  return <p className={cn("m-0 text-xs text-muted-foreground", className)} {...props} />;
}

/** A row of cards; four across on a laptop, two on a narrow window. */
export function CardGrid({ className, columns = 4, ...props }: React.ComponentProps<"section"> & { columns?: 3 | 4 }) {
  return (
    <section
      className={cn(
        "cards mb-4 grid grid-cols-2 gap-4",
        columns === 4 ? "lg:grid-cols-4" : "three lg:grid-cols-3",
        className,
      )}
      {...props}
    />
  );
}
