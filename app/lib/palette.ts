// The command palette's matching (Ctrl/Cmd-K): pages, actions and clients in the user's scope,
// ranked by how the query meets the label. Pure, so it is tested in Node.

export type PaletteGroup = "Clients" | "Pages" | "Actions";
export interface PaletteItem {
  id: string;
  group: PaletteGroup;
  label: string;
  hint?: string;
  to: string;
  keywords?: string;
  reload?: boolean;
}

const GROUP_ORDER: Record<PaletteGroup, number> = { Clients: 0, Pages: 1, Actions: 2 };

/** 0 best … 4 worst, null when the item does not match: prefix, word start, substring, keyword, every word somewhere. */
export function matchScore(item: Pick<PaletteItem, "label" | "keywords">, query: string): number | null {
  const q = query.trim().toLowerCase();
  if (!q) return 0;
  const label = item.label.toLowerCase();
  if (label.startsWith(q)) return 0;
  if (label.split(/[\s·\-/]+/).some((w) => w.startsWith(q))) return 1;
  if (label.includes(q)) return 2;
  const hay = `${label} ${(item.keywords ?? "").toLowerCase()}`;
  if (hay.includes(q)) return 3;
  const words = q.split(/\s+/).filter(Boolean);
  if (words.length > 1 && words.every((w) => hay.includes(w))) return 4;
  return null;
}

/** The best `limit` matches; an empty query lists pages and actions (clients need a letter). */
export function rankPalette(items: readonly PaletteItem[], query: string, limit = 12): PaletteItem[] {
  const empty = query.trim() === "";
  return items
    .map((item, i) => ({ item, i, score: empty && item.group === "Clients" ? null : matchScore(item, query) }))
    .filter((x): x is { item: PaletteItem; i: number; score: number } => x.score !== null)
    .sort((a, b) => a.score - b.score || GROUP_ORDER[a.item.group] - GROUP_ORDER[b.item.group] || a.i - b.i)
    .slice(0, limit)
    .map((x) => x.item);
}

/** What one can do with a client from the palette, besides opening it. */
export function clientItems(c: { id: string; name: string; tier?: string; score?: number | null }): PaletteItem[] {
  const base = `/clients/${c.id}`;
  const hint = [
    c.tier ? c.tier.charAt(0) + c.tier.slice(1).toLowerCase() : null,
    c.score !== null && c.score !== undefined ? `health ${c.score}` : null,
  ]
    .filter(Boolean)
    .join(" · ");
  return [
    { id: `client:${c.id}`, group: "Clients", label: c.name, hint: hint || undefined, to: base },
    {
      id: `log:${c.id}`,
      group: "Actions",
      label: `Log activity · ${c.name}`,
      keywords: "call meeting note",
      to: `${base}?log=Check-in#log-activity`,
    },
    {
      id: `email:${c.id}`,
      group: "Actions",
      label: `Draft email · ${c.name}`,
      keywords: "write outreach",
      to: `${base}?draft=email#email-draft`,
    },
    {
      id: `contacts:${c.id}`,
      group: "Actions",
      label: `Contacts · ${c.name}`,
      keywords: "stakeholders people",
      to: `${base}?tab=contacts`,
    },
  ];
}
