import { Line, type LineSeries } from "@nivo/line";
import { ACCENT, chartTheme, MUTED, renderSvg, utcDate } from "./render.server";

// Dated lines (portfolio health over time, an industry against all), 0–100 scale.

export function renderDatedLines(series: { id: string; points: { date: string; value: number | null }[] }[], opts: { width?: number; height?: number; tickFormat?: string; every?: string }): string {
  const data = series.map((s) => ({ id: s.id, data: s.points.filter((p) => p.value !== null).map((p) => ({ x: utcDate(p.date), y: p.value as number })) }));
  return renderSvg(
    <Line<LineSeries & { data: { x: Date; y: number }[] }>
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
      animate={false}
      theme={chartTheme}
      legends={[{ anchor: "right", direction: "column", translateX: 120, itemWidth: 110, itemHeight: 18, symbolSize: 10 }]}
      role="img"
    />,
  );
}
