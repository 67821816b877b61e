import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";

// Charts are nivo components rendered once, on the server, to static SVG markup: readable
// without JavaScript, and nivo never reaches the browser bundle. Loaders call these; pages
// show the markup with <Chart>. Every chart has a text alternative beside it (a table or list).

export function renderSvg(chart: ReactElement): string {
  // nivo sizes its <svg> in pixels; a viewBox lets the page scale it to the column it sits in.
  return renderToStaticMarkup(chart).replace(
    /<svg([^>]*?) width="(\d+)" height="(\d+)"/,
    '<svg$1 width="$2" height="$3" viewBox="0 0 $2 $3" preserveAspectRatio="xMinYMin meet"',
  );
}

// The same band colours as the badges (--color-band-* in app/styles.css).
export const BAND_COLORS = { green: "#1e7e46", yellow: "#a86a06", orange: "#c0561a", red: "#c53030" } as const;
export const INK = "#1a202c";
export const MUTED = "#5a6473";
export const ACCENT = "#2b6cb0";

export const chartTheme = {
  text: { fontSize: 11, fill: MUTED },
  axis: { ticks: { text: { fontSize: 11, fill: MUTED } }, legend: { text: { fontSize: 12, fill: INK } } },
  grid: { line: { stroke: "#edf2f7" } },
  legends: { text: { fontSize: 11, fill: INK } },
};

/** Parses YYYY-MM-DD as a UTC date (nivo time scales take Date values). */
export const utcDate = (d: string) => new Date(`${d}T00:00:00Z`);
