import { Link } from "@remix-run/react";

import { Badge } from "#app/components/ui/badge";
import { SubmitButton } from "#app/components/ui/submit-button";
import { titleCase } from "#app/lib/format";
import type { AlertCard, ClientGroup } from "#worker/core/alerts/alert-causes";
import { formatLocal } from "#worker/core/time-zone";

import { SEVERITY_TONE } from "./severity";

// One client's cards in the inbox. Every control posts the one inbox form (no nested forms):
// a card's buttons carry "verb|ids" (all of the card's alerts), the client's buttons every id of
// the client's cards on this page, and the checkboxes feed the bulk bar. Works without JavaScript.

export type InboxAlert = {
  id: string;
  client_id: string;
  cause_key: string | null;
  severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW";
  status: string;
  title: string;
  description: string;
  alert_type: string;
  created_at: string;
  snoozed_until: string | null;
  ai_analysis: string | null;
  ai_recommended_action: string | null;
  resolution_notes: string | null;
  trigger_metric: string | null;
  trigger_value: string | null;
  trigger_threshold: string | null;
  client: { name: string };
  deliveries: {
    id: string;
    at: string;
    channel: string;
    attempt: number;
    status: string;
    http_status: number | null;
    detail: string | null;
  }[];
};

const OPEN = ["NEW", "ACKNOWLEDGED", "SNOOZED"];
const idsOf = (c: AlertCard<InboxAlert>) => [c.lead, ...c.linked].map((a) => a.id).join(",");

export function AlertClientGroup({ group, tz }: { group: ClientGroup<InboxAlert>; tz: string }) {
  const name = group.cards[0]!.lead.client.name;
  const open = group.cards.filter((c) => OPEN.includes(c.lead.status));
  const all = open.map(idsOf).join(",");
  return (
    <section
      className="alert-group rounded-lg border border-border bg-card"
      aria-label={`Alerts of ${name}`}
      data-client={group.client_id}
    >
      <header className="flex flex-wrap items-center gap-2 border-b border-border px-3 py-2">
        <label className="inline-flex items-center gap-2">
          <input
            type="checkbox"
            className="select-group size-4"
            aria-label={`Select every alert of ${name}`}
            data-group={group.client_id}
          />
          <Link to={`/clients/${group.client_id}`} className="font-semibold">
            {name}
          </Link>
        </label>
        <span className="text-xs text-muted-foreground">
          {group.cards.length} {group.cards.length === 1 ? "card" : "cards"}
        </span>
        {open.length ? (
          <span className="ml-auto flex flex-wrap gap-1.5">
            <SubmitButton
              size="sm"
              variant="outline"
              name="intent"
              value={`acknowledge|${all}`}
              aria-label={`Acknowledge all of ${name}`}
            >
              Acknowledge all
            </SubmitButton>
            <SubmitButton
              size="sm"
              variant="outline"
              name="intent"
              value={`dismiss|${all}`}
              aria-label={`Dismiss all of ${name}`}
            >
              Dismiss all
            </SubmitButton>
          </span>
        ) : null}
      </header>
      <ul className="grid divide-y divide-border">
        {group.cards.map((c) => (
          <AlertCardItem key={c.key} card={c} tz={tz} group={group.client_id} />
        ))}
      </ul>
    </section>
  );
}

function AlertCardItem({ card, tz, group }: { card: AlertCard<InboxAlert>; tz: string; group: string }) {
  const a = card.lead;
  const ids = idsOf(card);
  const isOpen = OPEN.includes(a.status);
  return (
    <li className="alert-card min-w-0 p-3" data-status={a.status} data-ids={ids}>
      <div className="flex flex-wrap items-center gap-2">
        {isOpen ? (
          <input
            type="checkbox"
            name="alert_id"
            value={ids}
            className="select-card size-4"
            data-group={group}
            aria-label={`Select ${a.title}`}
          />
        ) : null}
        <Badge tone={SEVERITY_TONE[a.severity]} className="uppercase">
          {a.severity}
        </Badge>
        <Badge className="uppercase">{titleCase(a.status)}</Badge>
        <strong className="min-w-0 break-words">{a.title}</strong>
        <span className="ml-auto text-xs text-muted-foreground">
          {formatLocal(a.created_at, tz)} · {titleCase(a.alert_type)}
        </span>
      </div>
      <p className="mt-1 break-words text-[13px]">{a.description}</p>
      {card.linked.length ? (
        <ul className="linked mt-1 list-disc pl-5 text-[13px]" aria-label="Same cause">
          {card.linked.map((l) => (
            <li key={l.id}>
              Same cause: {l.title}{" "}
              <span className="text-xs text-muted-foreground">
                ({titleCase(l.alert_type)}, {formatLocal(l.created_at, tz)})
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {a.ai_analysis ? <p className="mt-1 break-words text-[13px] text-muted-foreground">{a.ai_analysis}</p> : null}
      {a.ai_recommended_action ? (
        <p className="mt-1 text-[13px]">
          Recommended:{" "}
          <Link to={`/clients/${a.client_id}?log=${encodeURIComponent(a.ai_recommended_action)}#log-activity`}>
            {a.ai_recommended_action}
          </Link>
        </p>
      ) : null}
      {a.status === "SNOOZED" && a.snoozed_until ? (
        <p className="text-xs text-muted-foreground">Snoozed until {formatLocal(a.snoozed_until, tz)}</p>
      ) : null}
      {a.resolution_notes ? <p className="text-xs text-muted-foreground">Resolution: {a.resolution_notes}</p> : null}
      {isOpen ? (
        <div className="mt-2 flex flex-wrap items-center gap-2" role="group" aria-label={`Act on ${a.title}`}>
          {a.status !== "ACKNOWLEDGED" ? (
            <SubmitButton size="sm" name="intent" value={`acknowledge|${ids}`}>
              Acknowledge
            </SubmitButton>
          ) : null}
          <SubmitButton size="sm" variant="outline" name="intent" value={`snooze_1d|${ids}`}>
            Snooze 1 day
          </SubmitButton>
          <SubmitButton size="sm" variant="outline" name="intent" value={`snooze_1w|${ids}`}>
            Snooze 1 week
          </SubmitButton>
          <SubmitButton size="sm" variant="outline" name="intent" value={`dismiss|${ids}`}>
            Dismiss
          </SubmitButton>
          <label className="sr-only" htmlFor={`notes-${a.id}`}>
            Resolution notes
          </label>
          <input
            id={`notes-${a.id}`}
            name={`notes|${ids}`}
            placeholder="Resolution notes"
            maxLength={2000}
            className="min-w-40 flex-1 rounded-md border border-input px-2 py-1 text-[13px]"
          />
          <SubmitButton size="sm" variant="outline" name="intent" value={`resolve|${ids}`}>
            Resolve
          </SubmitButton>
        </div>
      ) : null}
      <details className="mt-2 text-xs">
        <summary>
          Trigger and delivery ({a.deliveries.length} {a.deliveries.length === 1 ? "entry" : "entries"})
        </summary>
        <p>
          {a.trigger_metric}: {a.trigger_value} (threshold {a.trigger_threshold})
        </p>
        <ul className="deliveries">
          {a.deliveries.map((d) => (
            <li key={d.id}>
              {formatLocal(d.at, tz)} · {d.channel} · attempt {d.attempt} · {titleCase(d.status)}
              {d.http_status ? ` · HTTP ${d.http_status}` : ""}
              {d.detail ? ` · ${d.detail}` : ""}
            </li>
          ))}
          {a.deliveries.length === 0 ? <li>In-app only.</li> : null}
        </ul>
      </details>
    </li>
  );
}
