import { cn } from "./cn";

// Form controls in shadcn's look. Inputs, selects and textareas are also styled in the base
// layer (app/styles.css), so a plain control inside any form matches these.

/**
 * A label above its control. Pass labelId and point the control's aria-labelledby at it when
 * the control's name must be the label text alone (a wrapped <select> can otherwise be named
 * with its chosen option too).
 */
export function Field({
  label,
  labelId,
  className,
  children,
  ...props
}: React.ComponentProps<"label"> & { label: React.ReactNode; labelId?: string }) {
  return (
    <label className={cn("field grid gap-1 text-xs font-medium text-muted-foreground", className)} {...props}>
      <span id={labelId}>{label}</span>
      {children}
    </label>
  );
}

/** A checkbox with its label on the right. */
export function Check({ label, className, ...props }: React.ComponentProps<"input"> & { label: React.ReactNode }) {
  return (
    <label className={cn("inline-flex items-center gap-2 text-sm text-foreground", className)}>
      <input type="checkbox" className="size-4 accent-primary" {...props} /> {label}
    </label>
  );
}

/** A vertical form: one field per line, at a readable width. */
export function Stack({ className, ...props }: React.ComponentProps<"div">) {
  return <div className={cn("grid max-w-xl gap-3", className)} {...props} />;
}

/** A bar of filters that wraps, with the submit button aligned to the controls. */
export const filterBar = "filters mb-3 flex flex-wrap items-end gap-3 rounded-lg border border-border bg-card p-3";
