import { Link } from "@remix-run/react";

import type { Briefing } from "#worker/core/ai/daily-briefing";

import { Panel } from "./ui/panel";

/**
 * The portfolio's AI insights (PRD F1): who needs attention today and why, in priority order,
 * each with the first thing to do. The full list, ready to email, is the daily briefing.
 */
export function AiInsightsPanel({
  b,
  briefingHref,
}: {
  b: Pick<Briefing, "headline" | "needs_attention" | "items" | "follow_ups">;
  briefingHref: string;
}) {
  return (
    <Panel className="ai-insights" aria-labelledby="ai-insights-title">
      <h2 id="ai-insights-title" className="text-base font-semibold">
        AI insights
      </h2>
      <p className="mt-1 text-[13px]">{b.headline}</p>
      {b.items.length ? (
        <ol className="mt-2 grid list-decimal gap-1 pl-5 text-[13px]">
          {b.items.map((i) => (
            <li key={i.client_id}>
              <Link to={`/clients/${i.client_id}`} className="font-semibold">
                {i.name}
              </Link>
              : {i.why.join("; ")}.{" "}
              <Link to={`/clients/${i.client_id}?log=${encodeURIComponent(i.action.action)}#log-activity`}>
                {i.action.action}
              </Link>
            </li>
          ))}
        </ol>
      ) : null}
      <p className="mt-2 flex flex-wrap gap-4 text-[13px]">
        <Link to={briefingHref}>View all recommendations (daily briefing)</Link>
        <Link to="/assistant">Ask the assistant</Link>
      </p>
    </Panel>
  );
}
