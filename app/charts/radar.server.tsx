import { Radar } from "@nivo/radar";

import { ACCENT, chartTheme, MUTED, renderSvg } from "./render.server";

// The client against its cohort's average on each 0–100 component (PRD F7 radar).

export function renderCohortRadar(
  rows: { label: string; client: number | null; cohort_average: number | null }[],
  clientName: string,
): string {
  const data = rows.map((r) => ({
    metric: r.label,
    [clientName]: r.client ?? 0,
    "Cohort average": r.cohort_average ?? 0,
  }));
  return renderSvg(
    <Radar
      data={data}
      keys={[clientName, "Cohort average"]}
      indexBy="metric"
      width={520}
      height={360}
      maxValue={100}
      margin={{ top: 40, right: 110, bottom: 40, left: 110 }}
      colors={[ACCENT, MUTED]}
      fillOpacity={0.2}
      gridLevels={5}
      dotSize={6}
      isInteractive={false}
      animate={false}
      theme={chartTheme}
      legends={[
        {
          anchor: "top-left",
          direction: "column",
          translateX: -100,
          translateY: -30,
          itemWidth: 100,
          itemHeight: 18,
          symbolSize: 10,
        },
      ]}
      role="img"
    />,
  );
}
