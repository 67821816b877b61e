import { useEffect, useRef } from "react";

import { Button } from "./button";
import { cn } from "./cn";

/**
 * A modal on the native <dialog>: showModal() gives the focus trap, Escape, the backdrop and
 * inertness of the page behind it, so no focus-management library ships to the browser.
 */
export function Dialog({
  open,
  onClose,
  title,
  className,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  className?: string;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  // Where focus was when the dialog opened: it goes back there on close (not every browser
  // restores it for a dialog closed with Escape).
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    }
    if (!open) {
      if (dialog.open) dialog.close();
      if (opener.current?.isConnected) opener.current.focus();
      opener.current = null;
    }
  }, [open]);
  return (
    // A submitted form leaves (the page navigates back, or a file downloads): close.
    <dialog
      ref={ref}
      onClose={onClose}
      onSubmit={() => setTimeout(onClose, 0)}
      aria-label={open ? title : undefined}
      className={cn(
        "dialog m-auto w-[min(560px,92vw)] rounded-xl border border-border bg-card p-5 text-foreground shadow-xl backdrop:bg-slate-900/45",
        className,
      )}
    >
      {open ? (
        <>
          <header className="mb-3 flex items-center justify-between gap-4">
            <h2 className="m-0 text-lg font-semibold">{title}</h2>
            <Button variant="ghost" size="icon" onClick={onClose} aria-label="Close">
              ✕
            </Button>
          </header>
          {children}
        </>
      ) : null}
    </dialog>
  );
}
