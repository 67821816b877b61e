import { Badge, type BadgeTone } from "#app/components/ui/badge";
import { Table } from "#app/components/ui/table";
import { titleCase } from "#app/lib/format";
import type { getAdoption } from "#worker/services/adoption";

type Adoption = Awaited<ReturnType<typeof getAdoption>>;

/** PRD F5 colours: grey not licensed, red not configured, orange not used, yellow light, greens active/power. */
const STATUS_TONE: Record<string, BadgeTone> = {
  NOT_LICENSED: "st-gray",
  NOT_CONFIGURED: "st-red",
  NOT_USED: "st-orange",
  LIGHT_USE: "st-yellow",
  ACTIVE_USE: "st-lightgreen",
  POWER_USE: "st-green",
};

export function AdoptionTab({ a }: { a: Adoption }) {
  return (
    <section aria-label="Adoption">
      <p className="lead text-base">
        Adoption score <strong>{a.adoption_score === null ? "N/A" : `${a.adoption_score}%`}</strong> · licensed features
        used: {a.licensed_features_used} of {a.licensed_features} · {a.modules_in_use.used} of{" "}
        {a.modules_in_use.licensed} licensed modules in use
        {a.expansion_opportunities.length
          ? ` · expansion: ${a.expansion_opportunities.map((m) => m.module_name).join(", ")}`
          : ""}
      </p>
      <Table>
        <thead>
          <tr>
            <th scope="col">Module</th>
            <th scope="col">Feature</th>
            <th scope="col">Status</th>
            <th scope="col">Usage (30d)</th>
            <th scope="col">Expected</th>
            <th scope="col">Trend</th>
            <th scope="col">Percentile</th>
          </tr>
        </thead>
        <tbody>
          {a.modules.flatMap((m) =>
            m.features.map((f, i) => (
              <tr
                key={f.feature_key}
                className={
                  f.is_licensed && (f.adoption_status === "NOT_USED" || f.adoption_status === "NOT_CONFIGURED")
                    ? "flagged"
                    : undefined
                }
              >
                <td>{i === 0 ? m.module_name : ""}</td>
                <td>{f.feature_name}</td>
                <td>
                  <Badge tone={STATUS_TONE[f.adoption_status]}>{titleCase(f.adoption_status)}</Badge>
                </td>
                <td>{f.is_licensed ? f.usage_30_days : "—"}</td>
                <td>{f.is_licensed ? f.expected_usage : "—"}</td>
                <td>{f.is_licensed ? titleCase(f.usage_trend) : "—"}</td>
                <td>{f.adoption_percentile === null ? "—" : `${f.adoption_percentile}th`}</td>
              </tr>
            )),
          )}
        </tbody>
      </Table>
    </section>
  );
}
