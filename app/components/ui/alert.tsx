import { cn } from "./cn";

/** shadcn's Alert in its destructive form: a refusal or error, announced to screen readers. */
export function Alert({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      role="alert"
      className={cn(
        "alert my-3 rounded-lg border border-destructive/50 bg-destructive/5 px-4 py-3 text-sm text-destructive [&_ul]:my-1 [&_ul]:pl-5",
        className,
      )}
      {...props}
    />
  );
}

/** A quiet empty state: says what is missing and, where it helps, what to do about it. */
export function EmptyState({ className, ...props }: React.ComponentProps<"p">) {
  return (
    <p
      className={cn(
        "rounded-lg border border-dashed border-border bg-card/60 px-4 py-3 text-sm text-muted-foreground",
        className,
      )}
      {...props}
    />
  );
}
