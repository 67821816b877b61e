import { useEffect, useState } from "react";

/**
 * A confirmation after a form succeeded ("Follow-up completed"): announced to screen readers,
 * gone after a few seconds. `id` changes with every new confirmation so a repeat shows again.
 */
export function Toast({
  message,
  id,
  tone = "success",
}: {
  message: string | null | undefined;
  id?: string | number;
  tone?: "success" | "error";
}) {
  const [shown, setShown] = useState(Boolean(message));
  useEffect(() => {
    setShown(Boolean(message));
    if (!message) return;
    const t = setTimeout(() => setShown(false), 6000);
    return () => clearTimeout(t);
  }, [message, id]);
  if (!message || !shown) return null;
  return (
    <div
      role="status"
      className={`toast fixed bottom-4 right-4 z-50 max-w-sm rounded-md border px-4 py-3 text-sm shadow-lg ${tone === "error" ? "border-destructive bg-card text-destructive" : "border-emerald-600 bg-card text-foreground"}`}
    >
      {message}
    </div>
  );
}
