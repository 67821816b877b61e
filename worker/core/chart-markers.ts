// Key events on the client's health trend: one marker per day and kind, with a count, so a week
// of support escalations reads as a few marked days instead of a wall of identical lines.

export interface ChartEventIn<K extends string = string> {
  date: string;
  kind: K;
  label: string;
}
export interface ChartMarker<K extends string = string> {
  date: string;
  kind: K;
  count: number;
  labels: string[];
}

/** Events grouped by day and kind, in date order (then `kindOrder`), labels in their given order. */
export function collapseMarkers<K extends string>(
  events: readonly ChartEventIn<K>[],
  kindOrder: readonly K[],
): ChartMarker<K>[] {
  const byKey = new Map<string, ChartMarker<K>>();
  for (const e of events) {
    const key = `${e.date}\u0000${e.kind}`;
    const m = byKey.get(key);
    if (m) {
      m.count++;
      m.labels.push(e.label);
    } else byKey.set(key, { date: e.date, kind: e.kind, count: 1, labels: [e.label] });
  }
  const rank = (k: K) => (kindOrder.includes(k) ? kindOrder.indexOf(k) : kindOrder.length);
  return [...byKey.values()].sort((a, b) => a.date.localeCompare(b.date) || rank(a.kind) - rank(b.kind));
}

/** The hover text of a marker: "2026-11-02 · 3 support escalations: a; b; c". */
export function markerTitle(m: ChartMarker, name: string, max = 5): string {
  const shown = m.labels.slice(0, max).join("; ");
  const more = m.labels.length > max ? `; and ${m.labels.length - max} more` : "";
  return `${m.date} · ${m.count > 1 ? `${m.count} × ` : ""}${name}: ${shown}${more}`;
}
