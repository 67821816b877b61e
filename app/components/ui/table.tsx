import { cn } from "./cn";

// shadcn's Table, styled from the <table> down so every header and cell (column or row
// headers alike) gets the same padding, rules and hover without a wrapper per cell.
const base =
  "w-full border-collapse bg-card text-sm [&_caption]:px-3 [&_caption]:py-2 [&_caption]:text-left [&_caption]:text-xs [&_caption]:text-muted-foreground " +
  "[&_th]:px-3 [&_th]:text-left [&_th]:align-top [&_td]:px-3 [&_td]:align-top [&_tr]:border-b [&_tr]:border-border " +
  "[&_thead_th]:bg-muted/60 [&_thead_th]:text-xs [&_thead_th]:font-semibold [&_thead_th]:text-muted-foreground [&_tbody_th]:font-medium " +
  "[&_tbody_tr:hover]:bg-muted/40 [&_tr.flagged]:bg-amber-50 [&_tr.me]:bg-sky-50";

export function Table({
  className,
  compact = false,
  wrapperClassName,
  ...props
}: React.ComponentProps<"table"> & { compact?: boolean; wrapperClassName?: string }) {
  return (
    <div className={cn("w-full overflow-x-auto rounded-lg border border-border", wrapperClassName)}>
      <table
        className={cn(base, compact ? "[&_td]:py-1 [&_th]:py-1 text-[13px]" : "[&_td]:py-2 [&_th]:py-2", className)}
        {...props}
      />
    </div>
  );
}
