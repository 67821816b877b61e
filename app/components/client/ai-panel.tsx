import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";

import { ChatBox } from "#app/components/ai/chat-box";
import { FeedbackButtons } from "#app/components/ai/feedback-buttons";
import { Badge } from "#app/components/ui/badge";
import { Button } from "#app/components/ui/button";
import { Disclosure } from "#app/components/ui/panel";
import { formatDate } from "#app/lib/format";
import type { SummaryBasis } from "#worker/core/ai/summary-basis";
import type { currentAiPanel } from "#worker/services/ai/client-ai";

type Panel = Awaited<ReturnType<typeof currentAiPanel>>;

const lower = (v: string | null) => (v ? v.toLowerCase().replace("_", " ") : "none");

/** The facts the summary states, in the header's words, so a reader can check them side by side. */
function writtenFrom(b: SummaryBasis): string {
  const contact =
    b.last_contact_days === null ? "no CSM contact on record" : `last contact ${b.last_contact_days} days ago`;
  const risk =
    b.churn_risk_pct === null
      ? "churn risk not scored"
      : `churn risk ${b.churn_risk_pct}% (${lower(b.churn_category)})`;
  const alerts = `${b.alert_ids.length} open alert${b.alert_ids.length === 1 ? "" : "s"}`;
  return `health ${b.health_score ?? "N/A"} (${lower(b.health_status)}) · ${risk} · ${contact} · ${alerts}`;
}

const IMPACT_TONE = { high: "red", medium: "orange", low: "gray" } as const;

const PROVIDER_LABEL: Record<string, string> = {
  "workers-ai": "Workers AI",
  local: "the local narrator (computed facts, no model)",
};

/**
 * The AI panel beside the client (PRD AI panel): summary with who wrote it and thumbs, risk
 * factors with their impact, recommended actions (each opens the Log activity form), refresh,
 * copy, and a chat about this client. Collapsible; works without JavaScript except copying.
 */
export function AiPanel({ p }: { p: Panel }) {
  const navigation = useNavigation();
  const writing = navigation.state !== "idle" && navigation.formData?.get("intent") === "ai_summary";
  const [copied, setCopied] = useState(false);
  return (
    <Disclosure summary="AI assistant" open aria-label="AI assistant" className="ai-panel mt-0 min-w-0">
      {p.summary ? (
        <>
          <p className="whitespace-pre-wrap [overflow-wrap:anywhere]">{p.summary}</p>
          <p className="text-xs text-muted-foreground">
            Written {formatDate(p.generated_at)} by {PROVIDER_LABEL[p.provider ?? ""] ?? "an earlier run"}
            {p.written_from ? <span className="summary-basis"> from: {writtenFrom(p.written_from)}</span> : null}.
          </p>
          {p.rewritten_because ? (
            <p className="summary-rewritten text-xs" role="status">
              Rewritten automatically from the current facts because they changed since the last summary (
              {p.rewritten_because.join("; ")}). Refresh summary to have it written again by the AI model.
            </p>
          ) : null}
          <FeedbackButtons interactionId={p.interaction_id} rating={p.rating} />
        </>
      ) : (
        <p className="text-muted-foreground">No summary yet.</p>
      )}
      <div className="flex flex-wrap gap-2">
        <Form method="post">
          <input type="hidden" name="intent" value="ai_summary" />
          <Button type="submit" size="sm" disabled={writing}>
            {writing ? "Writing…" : p.summary ? "Refresh summary" : "Write summary"}
          </Button>
        </Form>
        {p.summary ? (
          <Button
            size="sm"
            variant="outline"
            onClick={() =>
              navigator.clipboard?.writeText(p.summary ?? "").then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? "Copied" : "Copy"}
          </Button>
        ) : null}
      </div>
      {p.risk_factors.length ? (
        <>
          <h3 className="mt-4 mb-1 text-sm font-semibold">Risk factors</h3>
          <ul className="risk-factors grid gap-1 text-[13px]">
            {p.risk_factors.map((f) => (
              <li key={f.factor}>
                <Badge tone={IMPACT_TONE[f.impact]} className="mr-1 uppercase">
                  {f.impact}
                </Badge>
                {f.detail.split(";")[0]}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {p.actions.length ? (
        <>
          <h3 className="mt-4 mb-1 text-sm font-semibold">Recommended actions</h3>
          <ol className="actions ml-5 list-decimal text-[13px]">
            {p.actions.map((a) => (
              <li key={a}>
                <a href={`?log=${encodeURIComponent(a)}#log-activity`}>{a}</a>
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <h3 className="mt-4 mb-1 text-sm font-semibold">Ask about this client</h3>
      <ChatBox clientId={p.client_id} placeholder="e.g. Why is the health score dropping?" />
    </Disclosure>
  );
}
