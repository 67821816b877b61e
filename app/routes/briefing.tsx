import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useState } from "react";

import { FeedbackButtons } from "#app/components/ai/feedback-buttons";
import { SelectFilter } from "#app/components/select-filter";
import { Button } from "#app/components/ui/button";
import { filterBar } from "#app/components/ui/form";
import { Panel } from "#app/components/ui/panel";
import { orPageError } from "#app/lib/page-errors.server";
import { timeZoneOf } from "#app/lib/time-zone.server";
import { BriefingQuerySchema } from "#worker/core/inputs/ai";
import { parseQuery } from "#worker/core/inputs/parse";
import { dailyBriefing } from "#worker/services/ai/briefing";
import { csmChoices } from "#worker/services/clients";

// The daily briefing per CSM (PRD F1 "AI generates daily briefing email with top actions"):
// who needs attention today and why, with the first action each, and the same content as an
// email ready to copy or send.

export const meta: MetaFunction = () => [{ title: "Daily briefing · Client Success Dashboard" }];

export const loader = ({ request, context }: LoaderFunctionArgs) =>
  orPageError(async () => {
    const url = new URL(request.url);
    const q = parseQuery(BriefingQuerySchema, url.searchParams);
    const [briefing, csms] = await Promise.all([
      dailyBriefing(context.cloudflare.env, context.db, context.user, new Date(), {
        csm_id: q.csm_id,
        limit: q.limit,
        appUrl: url.origin,
        timeZone: timeZoneOf(request),
      }),
      csmChoices(context.db, context.user),
    ]);
    return { briefing, csms, csmId: q.csm_id ?? "" };
  });

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      size="sm"
      variant="outline"
      onClick={() =>
        navigator.clipboard?.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }
    >
      {copied ? "Copied" : label}
    </Button>
  );
}

export default function BriefingPage() {
  const { briefing: b, csms, csmId } = useLoaderData<typeof loader>();
  return (
    <section className="briefing">
      <h1 className="text-xl font-semibold">
        Daily briefing · {b.csm} · {b.date}
      </h1>
      {csms.length ? (
        <Form method="get" className={filterBar} aria-label="Whose briefing">
          <SelectFilter
            name="csm_id"
            label="CSM"
            value={csmId}
            anyLabel="Everyone I can see"
            options={csms.map((c) => [c.id, c.name] as const)}
          />
          <Button type="submit">Show</Button>
        </Form>
      ) : null}
      <Panel>
        <p className="lead">{b.intro}</p>
        <p className="text-xs text-muted-foreground">
          Opening written by{" "}
          {b.provider === "workers-ai" ? "Workers AI" : "the local narrator (computed facts, no model)"}
          {b.note ? ` · ${b.note}` : ""}.
        </p>
        <FeedbackButtons interactionId={b.interaction_id} rating={null} />
        {b.items.length ? (
          <ol className="mt-3 grid list-decimal gap-2 pl-5 text-[14px]">
            {b.items.map((i) => (
              <li key={i.client_id}>
                <Link to={`/clients/${i.client_id}`} className="font-semibold">
                  {i.name}
                </Link>
                : {i.why.join("; ")}.
                <br />
                <span className="text-muted-foreground">
                  Do ({i.action.priority}, within {i.action.due_in_days} days):{" "}
                </span>
                <Link to={`/clients/${i.client_id}?log=${encodeURIComponent(i.action.action)}#log-activity`}>
                  {i.action.action}
                </Link>
              </li>
            ))}
          </ol>
        ) : null}
        {b.follow_ups.length ? (
          <>
            <h2 className="mt-4 text-sm font-semibold">Follow-ups due</h2>
            <ul className="follow-ups mt-1 grid gap-1 text-[13px]">
              {b.follow_ups.map((f, n) => (
                <li key={`${f.client_id}-${n}`}>
                  {f.due} · <Link to={`/clients/${f.client_id}?tab=timeline`}>{f.name}</Link>: {f.subject}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {b.older_follow_ups ? (
          <p className="mt-2 text-[13px] text-muted-foreground">
            {b.older_follow_ups} more follow-up{b.older_follow_ups === 1 ? " is" : "s are"} due or overdue: see{" "}
            <Link to="/tasks">My tasks</Link>.
          </p>
        ) : null}
      </Panel>
      <Panel aria-labelledby="email-title">
        <h2 id="email-title" className="text-base font-semibold">
          Ready for email
        </h2>
        <p className="mt-1 text-[13px]">
          <strong>Subject:</strong> {b.email.subject}
        </p>
        <pre className="email-text mt-2 whitespace-pre-wrap rounded border border-border bg-muted p-3 font-sans text-[13px]">
          {b.email.text}
        </pre>
        <div className="mt-2 flex gap-2">
          <CopyButton text={b.email.subject} label="Copy subject" />
          <CopyButton text={b.email.text} label="Copy email" />
        </div>
      </Panel>
    </section>
  );
}
