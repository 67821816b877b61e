import { type AiModelConfig, checkModel, modelCheckMessage } from "./model-catalog";

// Per AI feature: is Workers AI actually answering? A failing model must be visible within
// minutes, not silent: the last successful model call, the fallback rate over 24 hours and the
// last error, from the call log (ai_interactions), plus whether the configured model id is one
// the app knows to exist.

export const AI_FEATURES = [
  { feature: "summary", label: "Client summaries", model: "text" },
  { feature: "actions", label: "Recommended actions", model: "text" },
  { feature: "email_draft", label: "Email drafts", model: "text" },
  { feature: "meeting_notes", label: "Meeting notes", model: "text" },
  { feature: "alert_analysis", label: "Alert analysis", model: "text" },
  { feature: "briefing", label: "Daily briefing", model: "text" },
  { feature: "executive_narrative", label: "Executive narrative", model: "text" },
  { feature: "chat", label: "Assistant (query planning)", model: "chat" },
] as const;
export type AiFeature = (typeof AI_FEATURES)[number]["feature"];

export interface FeatureCallStats {
  kind: string;
  /** Calls that tried Workers AI in the last 24 hours (answered, or failed and fell back). */
  attempts_24h: number;
  fallbacks_24h: number;
  last_success_at: string | null;
  last_success_model: string | null;
  last_error_at: string | null;
  last_error_model: string | null;
  last_error: string | null;
}

export type FeatureStatus = "ok" | "degraded" | "failing" | "no_calls";

export interface FeatureHealth {
  feature: string;
  label: string;
  configured_model: string;
  model_known: boolean;
  model_problem: string | null;
  calls_24h: number;
  fallbacks_24h: number;
  fallback_rate_24h: number | null;
  last_success: { at: string; model: string | null } | null;
  last_error: { at: string; model: string | null; error: string } | null;
  status: FeatureStatus;
  /** One sentence a person reads first. */
  summary: string;
}

/** Above this share of fallbacks in 24 hours a feature is degraded. */
export const DEGRADED_FALLBACK_RATE = 0.2;

export function featureHealth(stats: FeatureCallStats[], models: AiModelConfig): FeatureHealth[] {
  const byKind = new Map(stats.map((s) => [s.kind, s]));
  return AI_FEATURES.map(({ feature, label, model }) => {
    const s = byKind.get(feature);
    const configured = models[model];
    const check = checkModel(configured, { tools: model === "chat" });
    const calls = s?.attempts_24h ?? 0;
    const fallbacks = s?.fallbacks_24h ?? 0;
    const rate = calls ? Math.round((1000 * fallbacks) / calls) / 1000 : null;
    const lastSuccess = s?.last_success_at ? { at: s.last_success_at, model: s.last_success_model } : null;
    const lastError = s?.last_error_at
      ? { at: s.last_error_at, model: s.last_error_model, error: s.last_error ?? "unknown error" }
      : null;
    const erroringNow = lastError !== null && (lastSuccess === null || lastError.at > lastSuccess.at);
    const status: FeatureStatus =
      !check.ok || (erroringNow && calls > 0 && rate !== null && rate >= 0.5)
        ? "failing"
        : calls === 0
          ? "no_calls"
          : (rate ?? 0) > DEGRADED_FALLBACK_RATE || erroringNow
            ? "degraded"
            : "ok";
    const problem = check.ok ? null : modelCheckMessage(check);
    const summary =
      problem ??
      (status === "no_calls"
        ? "No Workers AI calls in the last 24 hours."
        : status === "failing"
          ? `Workers AI is failing: ${fallbacks} of ${calls} calls fell back in 24 hours; last error: ${lastError?.error}.`
          : status === "degraded"
            ? `${fallbacks} of ${calls} calls fell back to the local text in 24 hours${lastError ? `; last error: ${lastError.error}` : ""}.`
            : `${calls - fallbacks} of ${calls} calls answered by Workers AI in 24 hours.`);
    return {
      feature,
      label,
      configured_model: configured,
      model_known: check.ok,
      model_problem: problem,
      calls_24h: calls,
      fallbacks_24h: fallbacks,
      fallback_rate_24h: rate,
      last_success: lastSuccess,
      last_error: lastError,
      status,
      summary,
    };
  });
}
