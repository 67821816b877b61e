import { Link } from "@remix-run/react";
import { useState } from "react";

import { ScoreBadge } from "#app/components/ui/badge";
import { buttonVariants } from "#app/components/ui/button";
import { Field } from "#app/components/ui/form";
import { Panel } from "#app/components/ui/panel";
import { daysAgo, formatDate, formatUsdFull, signed, titleCase, TREND_ARROW } from "#app/lib/format";
import type { CrmLink } from "#worker/core/crm-links";
import { healthColor } from "#worker/core/health/bands";
import type { ClientDetail } from "#worker/services/clients";

const sub = "block text-xs font-normal text-muted-foreground";

/** Name, firmographics and the four headline figures (PRD client detail wireframe). */
export function ClientHeader({ c, now }: { c: ClientDetail; now: Date }) {
  return (
    <>
      <p>
        <Link to="/">← Back to portfolio</Link>
      </p>
      <h1 className="mb-1">{c.name}</h1>
      <p className="facts mt-0 text-muted-foreground">
        {titleCase(c.contract_tier)} | {c.industry ?? "Other"} | {c.employee_count?.toLocaleString("en-US") ?? "—"}{" "}
        employees | {[c.city, c.region].filter(Boolean).join(", ") || "—"}
      </p>
      <dl className="headline m-0 grid grid-cols-2 gap-4 rounded-lg border border-border bg-card p-4 shadow-xs md:grid-cols-3 xl:grid-cols-5 [&_dd]:text-lg [&_dd]:font-semibold [&_dt]:text-xs [&_dt]:text-muted-foreground">
        <div>
          <dt>Health score</dt>
          <dd>
            <ScoreBadge score={c.current_health_score} band={healthColor(c.current_health_score)} big />
            <span className={sub}>
              {TREND_ARROW[c.health_trend]} {signed(c.health_trend_change)} (30d) · {titleCase(c.health_status)}
            </span>
          </dd>
        </div>
        <div>
          <dt>Churn risk</dt>
          <dd>
            {c.churn_risk_score === null ? "—" : `${c.churn_risk_score}%`}
            <span className={sub}>{c.churn_risk_category ? titleCase(c.churn_risk_category) : "Not scored"}</span>
          </dd>
        </div>
        <div>
          <dt>ARR</dt>
          <dd>
            {formatUsdFull(c.annual_recurring_revenue)}
            <span className={sub}>Year {c.contract_year}</span>
          </dd>
        </div>
        <div>
          <dt>Renewal</dt>
          <dd>
            {c.days_to_renewal === null ? "—" : `${c.days_to_renewal} days`}
            <span className={sub}>{formatDate(c.next_renewal_date)}</span>
          </dd>
        </div>
        <div>
          <dt>Team</dt>
          <dd>
            CSM: {c.csm?.name ?? "Unassigned"}
            <span className={sub}>
              AE: {c.ae?.name ?? "Unassigned"} · last CSM contact {daysAgo(c.last_csm_contact_at, now)}
            </span>
          </dd>
        </div>
      </dl>
    </>
  );
}

/** Draft Email and Open in CRM, beside the Log Activity and Schedule Call panels. */
export function ClientLinks({ tab, crm }: { tab: string; crm: CrmLink[] }) {
  return (
    <p className="flex flex-wrap items-center gap-2">
      <a className={buttonVariants({ variant: "outline" })} href={`?tab=${tab}&draft=email#email-draft`}>
        Draft email
      </a>
      {crm.map((l) => (
        <a
          key={l.provider}
          className={buttonVariants({ variant: "outline" })}
          href={l.url}
          target="_blank"
          rel="noopener noreferrer"
        >
          {l.label} ↗
        </a>
      ))}
    </p>
  );
}

export interface DraftView {
  to: { name: string; email: string | null } | null;
  subject: string;
  body: string;
  reasons: string[];
}

/** The drafted email, editable here (the mail link follows the edits) or in the mail app. */
export function EmailDraftPanel({ d, closeHref }: { d: DraftView; closeHref: string }) {
  const [subject, setSubject] = useState(d.subject);
  const [body, setBody] = useState(d.body);
  const mailto = `mailto:${d.to?.email ? encodeURIComponent(d.to.email) : ""}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
  return (
    <Panel id="email-draft" aria-label="Email draft">
      <h2 className="mt-0">Email draft</h2>
      <p className="text-muted-foreground">
        To: {d.to ? `${d.to.name}${d.to.email ? ` <${d.to.email}>` : " (no email on file)"}` : "no contact on file"}
        {d.reasons.length ? ` · based on ${d.reasons.join("; ")}` : ""}
      </p>
      <form className="grid max-w-3xl gap-3" action="#" onSubmit={(e) => e.preventDefault()}>
        <Field label="Subject">
          <input name="subject" value={subject} onChange={(e) => setSubject(e.target.value)} />
        </Field>
        <Field label="Body">
          <textarea name="body" rows={12} value={body} onChange={(e) => setBody(e.target.value)} />
        </Field>
      </form>
      <p className="flex flex-wrap items-center gap-3">
        <a className={buttonVariants()} href={mailto}>
          Open in email app
        </a>
        <a href={closeHref}>Close</a>
      </p>
    </Panel>
  );
}
