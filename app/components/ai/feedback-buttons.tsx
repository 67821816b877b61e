import { useFetcher, useLocation } from "@remix-run/react";

import { cn } from "#app/components/ui/cn";

/**
 * Thumbs up or down on one AI answer (stored per user; a second vote replaces the first).
 * Posts to the assistant route; without JavaScript the page comes back to where it was.
 */
export function FeedbackButtons({ interactionId, rating }: { interactionId: string | null; rating: string | null }) {
  const fetcher = useFetcher<{ rating?: string }>();
  const location = useLocation();
  if (!interactionId) return null;
  const current = (fetcher.formData?.get("rating") as string | undefined) ?? fetcher.data?.rating ?? rating;
  const button = (value: "up" | "down", label: string) => (
    <button
      type="submit"
      name="rating"
      value={value}
      aria-pressed={current === value}
      aria-label={label}
      title={label}
      className={cn(
        "rounded border border-border px-1.5 py-0.5 text-sm",
        current === value ? "bg-primary text-primary-foreground" : "bg-card hover:bg-muted",
      )}
    >
      <Thumb down={value === "down"} />
    </button>
  );
  return (
    <fetcher.Form
      method="post"
      action="/assistant"
      className="feedback inline-flex items-center gap-1 text-xs text-muted-foreground"
    >
      <input type="hidden" name="intent" value="feedback" />
      <input type="hidden" name="interaction_id" value={interactionId} />
      <input type="hidden" name="return_to" value={`${location.pathname}${location.search}`} />
      <span>Helpful?</span>
      {button("up", "Helpful")}
      {button("down", "Not helpful")}
      {current ? <span role="status">Thanks</span> : null}
    </fetcher.Form>
  );
}

/** A thumb drawn inline: emoji fonts are not on every machine. */
function Thumb({ down }: { down: boolean }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="14"
      height="14"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      style={down ? { transform: "rotate(180deg)" } : undefined}
    >
      <path d="M7 10v11H3V10h4zm0 0l4-8a3 3 0 0 1 3 3v4h5.5a2 2 0 0 1 2 2.3l-1.4 8A2 2 0 0 1 18.1 21H7" />
    </svg>
  );
}
