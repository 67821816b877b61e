/** The client page's tabs, in the order the page shows them (PRD F2 plus F7 benchmarking). */
export const TABS = [
  "overview",
  "usage",
  "adoption",
  "timeline",
  "contacts",
  "notes",
  "contract",
  "benchmark",
] as const;
export type Tab = (typeof TABS)[number];
