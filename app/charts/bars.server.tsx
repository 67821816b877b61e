import { Bar, type BarCustomLayerProps } from "@nivo/bar";

import { chartTheme, renderSvg } from "./render.server";

// A labelled bar chart (health distribution by band, renewals by month…), colour per bar.

export interface BarDatum {
  label: string;
  value: number;
  color: string;
}

export function renderBars(
  data: BarDatum[],
  opts: { width?: number; height?: number; valueLabel: string; format?: (v: number) => string },
): string {
  const rows = data.map((d) => ({ label: d.label, value: d.value, color: d.color }));
  type Row = (typeof rows)[number];
  // Hover values: each bar carries a <title> (the SVG is static, decision 007).
  const hoverLayer = ({ bars }: BarCustomLayerProps<Row>) => (
    <g className="hover-values">
      {bars.map((b) => (
        <rect key={b.key} x={b.x} y={b.y} width={b.width} height={Math.max(b.height, 1)} fill="transparent">
          <title>{`${b.data.indexValue}: ${opts.format ? opts.format(Number(b.data.value)) : String(b.data.value)} (${opts.valueLabel})`}</title>
        </rect>
      ))}
    </g>
  );
  return renderSvg(
    <Bar
      data={rows}
      keys={["value"]}
      indexBy="label"
      width={opts.width ?? 520}
      height={opts.height ?? 240}
      margin={{ top: 16, right: 10, bottom: 40, left: 56 }}
      padding={0.3}
      colors={({ data: d }) => String(d.color)}
      axisLeft={{ legend: opts.valueLabel, legendPosition: "middle", legendOffset: -46, format: opts.format }}
      axisBottom={{ tickSize: 0, tickPadding: 8 }}
      label={(d) => (opts.format ? opts.format(Number(d.value)) : String(d.value))}
      labelTextColor="#ffffff"
      isInteractive={false}
      layers={["grid", "axes", "bars", "markers", "legends", "annotations", hoverLayer]}
      animate={false}
      theme={chartTheme}
      role="img"
    />,
  );
}
