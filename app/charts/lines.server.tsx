import { Line, type LineCustomSvgLayerProps, type LineSeries } from "@nivo/line";

import { ACCENT, chartTheme, MUTED, renderSvg, utcDate } from "./render.server";

// Dated lines (portfolio health over time, an industry against all), 0–100 scale.

export function renderDatedLines(
  series: { id: string; points: { date: string; value: number | null }[] }[],
  opts: { width?: number; height?: number; tickFormat?: string; every?: string },
): string {
  type S = LineSeries & { data: { x: Date; y: number }[] };
  // Hover values: a strip per date whose <title> lists every line's value that day.
  const hoverLayer = ({ points, innerHeight }: LineCustomSvgLayerProps<S>) => {
    const byX = new Map<number, (typeof points)[number][]>();
    for (const p of points) byX.set(p.x, [...(byX.get(p.x) ?? []), p]);
    const xs = [...byX.keys()].sort((a, b) => a - b);
    return (
      <g className="hover-values">
        {xs.map((x, i) => {
          const left = i === 0 ? x : (x + xs[i - 1]) / 2;
          const right = i === xs.length - 1 ? x : (x + xs[i + 1]) / 2;
          const pts = byX.get(x)!;
          const date = (pts[0].data.x as Date).toISOString().slice(0, 10);
          return (
            <rect
              key={x}
              x={left - (i === 0 ? 4 : 0)}
              y={0}
              width={Math.max(right - left + (i === 0 || i === xs.length - 1 ? 4 : 0), 2)}
              height={innerHeight}
              fill="transparent"
            >
              <title>{`${date}: ${pts.map((p) => `${String(p.seriesId)} ${p.data.yFormatted}`).join(", ")}`}</title>
            </rect>
          );
        })}
      </g>
    );
  };
  const data = series.map((s) => ({
    id: s.id,
    data: s.points.filter((p) => p.value !== null).map((p) => ({ x: utcDate(p.date), y: p.value as number })),
  }));
  return renderSvg(
    <Line<S>
      data={data}
      width={opts.width ?? 620}
      height={opts.height ?? 260}
      margin={{ top: 16, right: 130, bottom: 40, left: 40 }}
      xScale={{ type: "time", precision: "day", useUTC: true }}
      yScale={{ type: "linear", min: 0, max: 100 }}
      axisBottom={{ format: opts.tickFormat ?? "%b %d", tickValues: opts.every ?? "every 2 weeks" }}
      axisLeft={{ tickValues: [0, 20, 40, 60, 80, 100] }}
      gridYValues={[0, 20, 40, 60, 80, 100]}
      colors={[ACCENT, MUTED, "#dd6b20", "#805ad5"]}
      pointSize={5}
      lineWidth={2}
      isInteractive={false}
      layers={[
        "grid",
        "markers",
        "axes",
        "areas",
        "crosshair",
        "lines",
        "points",
        "slices",
        "mesh",
        "legends",
        hoverLayer,
      ]}
      animate={false}
      theme={chartTheme}
      legends={[
        { anchor: "right", direction: "column", translateX: 120, itemWidth: 110, itemHeight: 18, symbolSize: 10 },
      ]}
      role="img"
    />,
  );
}
