import { cva, type VariantProps } from "class-variance-authority";

import { cn } from "./cn";

// Badges carry the PRD's colour codes: health bands (green 80+, yellow 60–79, orange 40–59,
// red < 40, grey when unscored) and feature adoption statuses (PRD F5). Class names are spelled
// out in full so Tailwind finds them.
export const badgeVariants = cva("inline-flex items-center justify-center whitespace-nowrap", {
  variants: {
    size: {
      default: "rounded-md px-2 py-0.5 text-xs font-semibold",
      lg: "rounded-md px-3 py-1 text-2xl font-semibold",
      chip: "rounded-full px-3 py-1 text-sm font-medium",
      dot: "size-3 rounded-full",
    },
    tone: {
      neutral: "bg-muted text-muted-foreground",
      accent: "bg-accent text-primary",
      green: "bg-band-green text-white",
      yellow: "bg-band-yellow text-white",
      orange: "bg-band-orange text-white",
      red: "bg-band-red text-white",
      gray: "bg-band-gray text-white",
      "st-gray": "bg-slate-100 text-slate-600",
      "st-red": "bg-red-100 text-red-800",
      "st-orange": "bg-orange-100 text-orange-800",
      "st-yellow": "bg-yellow-100 text-yellow-800",
      "st-lightgreen": "bg-green-100 text-green-800",
      "st-green": "bg-green-600 text-white",
    },
  },
  defaultVariants: { tone: "neutral", size: "default" },
});

export type BadgeTone = NonNullable<VariantProps<typeof badgeVariants>["tone"]>;

export function Badge({
  className,
  tone,
  size,
  ...props
}: React.ComponentProps<"span"> & VariantProps<typeof badgeVariants>) {
  return <span className={cn(badgeVariants({ tone, size }), className)} {...props} />;
}

/** A health score in its band colour; N/A with the PRD's tooltip when there is no score. */
export function ScoreBadge({
  score,
  band,
  big = false,
  className,
}: {
  score: number | null;
  band: "green" | "yellow" | "orange" | "red" | "gray";
  big?: boolean;
  className?: string;
}) {
  return (
    <Badge
      tone={band}
      size={big ? "lg" : "default"}
      className={cn("score min-w-9 tabular-nums", className)}
      title={score === null ? "Health score unavailable: not enough data yet" : undefined}
    >
      {score ?? "N/A"}
    </Badge>
  );
}
