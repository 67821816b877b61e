import { Panel } from "#app/components/ui/panel";
import { Table } from "#app/components/ui/table";
import type { FeatureHealth } from "#worker/core/ai/feature-health";

// The AI part of the system page: per feature, whether Workers AI is answering. A failing or
// retired model shows here in words (its last error), not only as a fallback rate. The lead
// puts this section on /admin/system; /admin/ai-health shows it alone.

export interface AiHealthData {
  as_of: string;
  window_hours: number;
  models: { text: string; chat: string };
  workers_ai_bound: boolean;
  features: FeatureHealth[];
}

const STATUS: Record<FeatureHealth["status"], { label: string; className: string }> = {
  ok: { label: "OK", className: "text-emerald-700" },
  degraded: { label: "Degraded", className: "text-amber-700" },
  failing: { label: "Failing", className: "text-red-700" },
  no_calls: { label: "No calls", className: "text-muted-foreground" },
};

const pct = (r: number | null) => (r === null ? "–" : `${Math.round(r * 100)}%`);
const at = (s: string | null | undefined) => (s ? s.replace("T", " ").slice(0, 16) + " UTC" : "never");

export function AiHealthSection({ data }: { data: AiHealthData }) {
  const failing = data.features.filter((f) => f.status === "failing");
  return (
    <Panel aria-labelledby="ai-health-title" className="ai-health">
      <h2 id="ai-health-title" className="text-base font-semibold">
        AI features
      </h2>
      <p className="text-[13px] text-muted-foreground">
        Models: text <code>{data.models.text}</code>, assistant <code>{data.models.chat}</code>.{" "}
        {data.workers_ai_bound
          ? "Workers AI is bound."
          : "Workers AI is not bound here: every answer comes from the local narrator and planner."}{" "}
        Last {data.window_hours} hours, as of {at(data.as_of)}.
      </p>
      {failing.length ? (
        <p role="alert" className="my-2 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {failing.map((f) => `${f.label}: ${f.summary}`).join(" ")}
        </p>
      ) : null}
      <Table compact>
        <thead>
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">Status</th>
            <th scope="col">Model</th>
            <th scope="col">Calls (24 h)</th>
            <th scope="col">Fallback rate</th>
            <th scope="col">Last successful call</th>
            <th scope="col">Last error</th>
          </tr>
        </thead>
        <tbody>
          {data.features.map((f) => (
            <tr key={f.feature} data-feature={f.feature} className={f.status === "failing" ? "flagged" : undefined}>
              <th scope="row">{f.label}</th>
              <td className={STATUS[f.status].className}>{STATUS[f.status].label}</td>
              <td>
                <code>{f.configured_model}</code>
                {f.model_problem ? <span className="block text-xs text-red-700">{f.model_problem}</span> : null}
              </td>
              <td>{f.calls_24h}</td>
              <td>{pct(f.fallback_rate_24h)}</td>
              <td>{f.last_success ? `${at(f.last_success.at)} (${f.last_success.model ?? "?"})` : "never"}</td>
              <td>
                {f.last_error ? (
                  <span title={f.last_error.at}>{`${at(f.last_error.at)}: ${f.last_error.error}`}</span>
                ) : (
                  "none"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Panel>
  );
}
