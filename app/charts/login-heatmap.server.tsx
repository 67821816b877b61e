import { HeatMap } from "@nivo/heatmap";
import { chartTheme, renderSvg } from "./render.server";

// Logins by weekday × hour (PRD F4), nivo heatmap rendered to SVG on the server.

export function renderLoginHeatmap(logins: { day: string; hours: number[] }[]): string {
  const data = logins.map((d) => ({ id: d.day.charAt(0).toUpperCase() + d.day.slice(1), data: d.hours.map((n, h) => ({ x: `${h}`, y: n })) }));
  return renderSvg(
    <HeatMap
      data={data}
      width={760}
      height={240}
      margin={{ top: 10, right: 10, bottom: 36, left: 44 }}
      axisTop={null}
      axisBottom={{ tickSize: 0, tickPadding: 6, legend: "Hour of day (UTC)", legendPosition: "middle", legendOffset: 28, format: (v: string) => (Number(v) % 3 === 0 ? v : "") }}
      axisLeft={{ tickSize: 0, tickPadding: 6 }}
      colors={{ type: "sequential", scheme: "blues", minValue: 0 }}
      emptyColor="#edf2f7"
      enableLabels={false}
      borderWidth={1}
      borderColor="#ffffff"
      isInteractive={false}
      animate={false}
      theme={chartTheme}
      role="img"
    />,
  );
}
