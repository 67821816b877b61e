import { Link } from "@remix-run/react";

import { cn } from "./cn";

// Tabs that are links: each tab is a URL (shareable, works without JavaScript), marked with
// aria-current, and reached with Tab like any link.
export function TabsNav({ className, ...props }: React.ComponentProps<"nav">) {
  return (
    <nav
      className={cn("tabs mt-5 mb-3 flex flex-wrap items-end gap-1 border-b-2 border-border", className)}
      {...props}
    />
  );
}

export const tabClass = (active: boolean) =>
  cn(
    "-mb-0.5 inline-block border-b-2 px-3.5 py-2 text-sm no-underline transition-colors focus-visible:outline-2 focus-visible:outline-ring",
    active
      ? "active border-primary font-semibold text-foreground"
      : "border-transparent text-muted-foreground hover:text-foreground",
  );

export function TabLink({ to, active, children }: { to: string; active: boolean; children: React.ReactNode }) {
  return (
    <Link to={to} aria-current={active ? "page" : undefined} className={tabClass(active)}>
      {children}
    </Link>
  );
}
