import type { ActivityOutcome, ActivityType } from "#worker/core/enums";

// A logged CSM activity as the CRMs record one (PRD F10 "Sync CSM activities to CRM"): a
// completed Salesforce Task on the Account, or the HubSpot engagement of the matching kind
// (call, email, meeting, otherwise a note) on the company. The text carries what the CSM wrote
// and the outcome; contact details stay in our database.

export interface ActivityForCrm {
  id: string;
  activity_type: ActivityType;
  subject: string;
  description: string | null;
  occurred_at: string;
  duration_minutes: number | null;
  outcome: ActivityOutcome | null;
  outcome_notes: string | null;
  follow_up_date: string | null;
}

const MEETING_LIKE: readonly ActivityType[] = ["MEETING", "QBR", "TRAINING", "ONBOARDING", "EXECUTIVE_TOUCHPOINT"];

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/_/g, " ")
    .replace(/^./, (c) => c.toUpperCase());

/** The body: what happened, the outcome and the follow-up, in that order. */
export function activityText(a: ActivityForCrm): string {
  const parts = [a.description?.trim() || null];
  if (a.outcome)
    parts.push(`Outcome: ${words(a.outcome)}${a.outcome_notes?.trim() ? `: ${a.outcome_notes.trim()}` : ""}`);
  if (a.follow_up_date) parts.push(`Follow-up by ${a.follow_up_date}`);
  parts.push(`Logged in the Client Success Dashboard as ${words(a.activity_type)}.`);
  return parts.filter(Boolean).join("\n\n");
}

const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** A Salesforce Task for sObject Collections create (Subject is at most 255 characters). */
export function salesforceTask(a: ActivityForCrm, accountId: string): Record<string, unknown> {
  const type =
    a.activity_type === "CALL"
      ? "Call"
      : a.activity_type === "EMAIL"
        ? "Email"
        : MEETING_LIKE.includes(a.activity_type)
          ? "Meeting"
          : "Other";
  return {
    attributes: { type: "Task" },
    WhatId: accountId,
    Subject: clip(a.subject, 255),
    Description: clip(activityText(a), 32_000),
    ActivityDate: a.occurred_at.slice(0, 10),
    Status: "Completed",
    Priority: "Normal",
    Type: type,
    TaskSubtype: a.activity_type === "CALL" ? "Call" : a.activity_type === "EMAIL" ? "Email" : "Task",
    ...(a.activity_type === "CALL" && a.duration_minutes ? { CallDurationInSeconds: a.duration_minutes * 60 } : {}),
  };
}

export type EngagementKind = "calls" | "emails" | "meetings" | "notes";

export function engagementKind(t: ActivityType): EngagementKind {
  if (t === "CALL") return "calls";
  if (t === "EMAIL") return "emails";
  return MEETING_LIKE.includes(t) ? "meetings" : "notes";
}

/** The HubSpot engagement's properties (hs_timestamp is required on every kind). */
export function hubspotEngagement(a: ActivityForCrm): { kind: EngagementKind; properties: Record<string, string> } {
  const kind = engagementKind(a.activity_type);
  const at = new Date(a.occurred_at).toISOString();
  const text = activityText(a);
  if (kind === "calls") {
    return {
      kind,
      properties: {
        hs_timestamp: at,
        hs_call_title: a.subject,
        hs_call_body: text,
        hs_call_direction: "OUTBOUND",
        hs_call_status: "COMPLETED",
        ...(a.duration_minutes ? { hs_call_duration: String(a.duration_minutes * 60_000) } : {}),
      },
    };
  }
  if (kind === "emails")
    return {
      kind,
      properties: {
        hs_timestamp: at,
        hs_email_subject: a.subject,
        hs_email_text: text,
        hs_email_direction: "EMAIL",
        hs_email_status: "SENT",
      },
    };
  if (kind === "meetings") {
    const end = new Date(Date.parse(at) + (a.duration_minutes ?? 30) * 60_000).toISOString();
    return {
      kind,
      properties: {
        hs_timestamp: at,
        hs_meeting_title: a.subject,
        hs_meeting_body: text,
        hs_meeting_start_time: at,
        hs_meeting_end_time: end,
        hs_meeting_outcome: "COMPLETED",
      },
    };
  }
  return { kind, properties: { hs_timestamp: at, hs_note_body: `${a.subject}\n\n${text}` } };
}
