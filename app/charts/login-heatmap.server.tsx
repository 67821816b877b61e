import { type CustomLayerProps, HeatMap } from "@nivo/heatmap";

import { chartTheme, renderSvg } from "./render.server";

// Logins by weekday × hour (PRD F4), nivo heatmap rendered to SVG on the server.

export function renderLoginHeatmap(logins: { day: string; hours: number[] }[]): string {
  const data = logins.map((d) => ({
    id: d.day.charAt(0).toUpperCase() + d.day.slice(1),
    data: d.hours.map((n, h) => ({ x: `${h}`, y: n })),
  }));
  type Datum = { x: string; y: number };
  // Hover values: each cell's <title> says the day, the hour and the count.
  const hoverLayer = ({ cells }: CustomLayerProps<Datum>) => (
    <g className="hover-values">
      {cells.map((c) => (
        <rect
          key={c.id}
          x={c.x - c.width / 2}
          y={c.y - c.height / 2}
          width={c.width}
          height={c.height}
          fill="transparent"
        >
          <title>{`${c.serieId} ${c.data.x}:00 UTC: ${c.value ?? 0} login${c.value === 1 ? "" : "s"}`}</title>
        </rect>
      ))}
    </g>
  );
  return renderSvg(
    <HeatMap
      data={data}
      width={760}
      height={240}
      margin={{ top: 10, right: 10, bottom: 36, left: 44 }}
      axisTop={null}
      axisBottom={{
        tickSize: 0,
        tickPadding: 6,
        legend: "Hour of day (UTC)",
        legendPosition: "middle",
        legendOffset: 28,
        format: (v: string) => (Number(v) % 3 === 0 ? v : ""),
      }}
      axisLeft={{ tickSize: 0, tickPadding: 6 }}
      colors={{ type: "sequential", scheme: "blues", minValue: 0 }}
      emptyColor="#edf2f7"
      enableLabels={false}
      borderWidth={1}
      borderColor="#ffffff"
      isInteractive={false}
      layers={["grid", "axes", "cells", "legends", "annotations", hoverLayer]}
      animate={false}
      theme={chartTheme}
      role="img"
    />,
  );
}
