// The facts a client summary states, kept beside the stored text (issue 18.4). A summary read
// later is compared with the client's current facts, the ones its header shows: if any differs,
// the text would contradict the header, so it is rewritten (or marked) before it is shown.

export interface SummaryBasis {
  health_score: number | null;
  health_status: string | null;
  churn_risk_pct: number | null;
  churn_category: string | null;
  last_csm_contact_at: string | null;
  /** The summary says "last contact N days ago": a new day changes the fact even with no new contact. */
  last_contact_days: number | null;
  /** Open alerts the summary cites, by id (sorted). */
  alert_ids: string[];
  /** Set when the text was rewritten automatically because these facts had changed (kept until the next write). */
  rewritten_because?: string[];
}

export interface BasisChange {
  fact: keyof SummaryBasis;
  /** "health 56 → 60" */
  text: string;
}

const band = (s: string | null) => (s ? s.toLowerCase().replace("_", " ") : "none");

export function summaryBasis(b: Omit<SummaryBasis, "alert_ids"> & { alert_ids: readonly string[] }): SummaryBasis {
  return { ...b, alert_ids: [...b.alert_ids].sort() };
}

/** What differs between the facts a summary was written from and the current ones; all of them when it kept none. */
export function basisChanges(stored: SummaryBasis | null, current: SummaryBasis): BasisChange[] {
  if (!stored) return [{ fact: "health_score", text: "written before summaries kept their facts" }];
  const out: BasisChange[] = [];
  const show = (v: unknown) => (v === null || v === undefined ? "none" : String(v));
  if (stored.health_score !== current.health_score)
    out.push({ fact: "health_score", text: `health ${show(stored.health_score)} → ${show(current.health_score)}` });
  if (stored.health_status !== current.health_status)
    out.push({ fact: "health_status", text: `band ${band(stored.health_status)} → ${band(current.health_status)}` });
  if (stored.churn_risk_pct !== current.churn_risk_pct)
    out.push({
      fact: "churn_risk_pct",
      text: `churn risk ${show(stored.churn_risk_pct)}% → ${show(current.churn_risk_pct)}%`,
    });
  else if (stored.churn_category !== current.churn_category)
    out.push({
      fact: "churn_category",
      text: `churn risk ${band(stored.churn_category)} → ${band(current.churn_category)}`,
    });
  if (
    stored.last_csm_contact_at !== current.last_csm_contact_at ||
    stored.last_contact_days !== current.last_contact_days
  ) {
    const days = (d: number | null) => (d === null ? "none on record" : `${d} days ago`);
    const text =
      stored.last_contact_days === current.last_contact_days && current.last_contact_days !== null
        ? `a newer CSM contact (${days(current.last_contact_days)})`
        : `last contact ${days(stored.last_contact_days)} → ${days(current.last_contact_days)}`;
    out.push({ fact: "last_contact_days", text });
  }
  const was = new Set(stored.alert_ids),
    now = new Set(current.alert_ids);
  const opened = current.alert_ids.filter((id) => !was.has(id)).length,
    closed = stored.alert_ids.filter((id) => !now.has(id)).length;
  if (opened || closed)
    out.push({
      fact: "alert_ids",
      text: [
        opened ? `${opened} new alert${opened === 1 ? "" : "s"}` : "",
        closed ? `${closed} alert${closed === 1 ? "" : "s"} closed` : "",
      ]
        .filter(Boolean)
        .join(", "),
    });
  return out;
}
