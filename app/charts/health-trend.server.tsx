import { Line, type LineCustomSvgLayerProps, type LineSeries } from "@nivo/line";

import { collapseMarkers, markerTitle } from "#worker/core/chart-markers";

import { ACCENT, BAND_COLORS, chartTheme, MUTED, renderSvg, utcDate } from "./render.server";

// The client's health over 90 days (PRD F2 Overview): the score, the tier cohort's average,
// key events marked, and every day a link that opens that day's component breakdown.

export type ChartEventKind = "renewal" | "milestone" | "escalation" | "touchpoint";
export interface ChartEvent {
  date: string;
  kind: ChartEventKind;
  label: string;
}

export const EVENT_STYLE: Record<ChartEventKind, { color: string; glyph: string; name: string }> = {
  renewal: { color: BAND_COLORS.green, glyph: "R", name: "Renewal" },
  milestone: { color: "#805ad5", glyph: "M", name: "Milestone" },
  escalation: { color: BAND_COLORS.red, glyph: "!", name: "Support escalation" },
  touchpoint: { color: ACCENT, glyph: "•", name: "CSM touchpoint" },
};

const EVENT_ORDER: readonly ChartEventKind[] = ["renewal", "milestone", "escalation", "touchpoint"];

interface Input {
  history: { date: string; overall_score: number }[];
  cohort: { label: string; points: { date: string; avg: number }[] } | null;
  events: ChartEvent[];
  selectedDay: string | null;
  /** Link for a day, e.g. "?tab=overview&day=2026-11-02#day-breakdown". */
  dayHref: (date: string) => string;
}

type S = LineSeries & { data: { x: Date; y: number }[] };
type LayerProps = LineCustomSvgLayerProps<S>;
const x = (p: LayerProps, d: string) => (p.xScale as unknown as (v: Date) => number)(utcDate(d));
const y = (p: LayerProps, v: number) => (p.yScale as unknown as (v: number) => number)(v);

function bandsLayer(p: LayerProps) {
  const bands = [
    { from: 80, to: 100, color: BAND_COLORS.green },
    { from: 60, to: 80, color: BAND_COLORS.yellow },
    { from: 40, to: 60, color: BAND_COLORS.orange },
    { from: 0, to: 40, color: BAND_COLORS.red },
  ];
  return (
    <g aria-hidden="true">
      {bands.map((b) => (
        <rect
          key={b.from}
          x={0}
          width={p.innerWidth}
          y={y(p, b.to)}
          height={y(p, b.from) - y(p, b.to)}
          fill={b.color}
          opacity={0.06}
        />
      ))}
    </g>
  );
}

export function renderHealthTrend(input: Input): string {
  const { history, cohort, events, selectedDay, dayHref } = input;
  const series: S[] = [{ id: "Health score", data: history.map((h) => ({ x: utcDate(h.date), y: h.overall_score })) }];
  if (cohort && cohort.points.length > 1)
    series.push({ id: cohort.label, data: cohort.points.map((c) => ({ x: utcDate(c.date), y: Math.round(c.avg) })) });

  // One marker per day and kind with a count (core/chart-markers.ts). Only the rare, decisive
  // events (renewals, milestones) draw a line across the plot; escalations and touchpoints stay
  // on the marker row, so a busy support month does not bury the score line.
  const eventsLayer = (p: LayerProps) => {
    const inRange = events.filter(
      (e) => history.length > 0 && e.date >= history[0].date && e.date <= history[history.length - 1].date,
    );
    const markers = collapseMarkers(inRange, EVENT_ORDER);
    return (
      <g className="events">
        {markers.map((m) => {
          const style = EVENT_STYLE[m.kind];
          const cx = x(p, m.date);
          const cy = p.innerHeight + (m.kind === "touchpoint" ? 28 : 14);
          return (
            <g key={`${m.date}-${m.kind}`} className={`event event-${m.kind}`} data-count={m.count}>
              <title>{markerTitle(m, style.name)}</title>
              {m.kind === "renewal" || m.kind === "milestone" ? (
                <line
                  x1={cx}
                  x2={cx}
                  y1={0}
                  y2={p.innerHeight}
                  stroke={style.color}
                  strokeDasharray="3 3"
                  strokeWidth={1}
                />
              ) : null}
              <circle cx={cx} cy={cy} r={m.count > 1 ? 6.5 : 5} fill={style.color} stroke="#fff" strokeWidth={1} />
              <text x={cx} y={cy + 3} textAnchor="middle" fontSize={m.count > 9 ? 7 : 8} fill="#fff" fontWeight={700}>
                {m.count > 1 ? String(m.count) : m.kind === "touchpoint" ? "" : style.glyph}
              </text>
            </g>
          );
        })}
      </g>
    );
  };

  const daysLayer = (p: LayerProps) => {
    const step = history.length > 1 ? x(p, history[1].date) - x(p, history[0].date) : p.innerWidth;
    return (
      <g className="day-links">
        {selectedDay && history.some((h) => h.date === selectedDay) ? (
          <line
            x1={x(p, selectedDay)}
            x2={x(p, selectedDay)}
            y1={0}
            y2={p.innerHeight}
            stroke="#1a202c"
            strokeWidth={1.5}
          />
        ) : null}
        {history.map((h) => (
          <a
            key={h.date}
            href={dayHref(h.date)}
            aria-label={`${h.date}: health ${h.overall_score}. Show that day's breakdown`}
          >
            <title>{`${h.date}: ${h.overall_score} (show breakdown)`}</title>
            <rect
              x={x(p, h.date) - step / 2}
              y={0}
              width={Math.max(step, 2)}
              height={p.innerHeight}
              fill="transparent"
            />
          </a>
        ))}
      </g>
    );
  };

  return renderSvg(
    <Line<S>
      data={series}
      width={760}
      height={300}
      margin={{ top: 16, right: 150, bottom: 66, left: 40 }}
      xScale={{ type: "time", precision: "day", useUTC: true }}
      yScale={{ type: "linear", min: 0, max: 100 }}
      axisBottom={{ format: "%b %d", tickValues: "every 2 weeks", tickPadding: 38 }}
      axisLeft={{ tickValues: [0, 20, 40, 60, 80, 100] }}
      gridYValues={[0, 20, 40, 60, 80, 100]}
      enableGridX={false}
      colors={[ACCENT, MUTED]}
      lineWidth={2}
      enablePoints={false}
      isInteractive={false}
      animate={false}
      theme={chartTheme}
      legends={[
        { anchor: "right", direction: "column", translateX: 140, itemWidth: 130, itemHeight: 18, symbolSize: 10 },
      ]}
      layers={[bandsLayer, "grid", "axes", "lines", eventsLayer, daysLayer, "legends"]}
      role="img"
    />,
  );
}
