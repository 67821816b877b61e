import { describe, expect, it } from "vitest";

import { ACTIVITY_TYPES } from "#worker/core/enums";

import {
  type ActivityForCrm,
  activityText,
  engagementKind,
  hubspotEngagement,
  salesforceTask,
} from "./activity-records";

const call: ActivityForCrm = {
  id: "act-1",
  activity_type: "CALL",
  subject: "Renewal check-in",
  description: "Talked through the Q3 rollout.",
  occurred_at: "2026-11-20T15:30:00.000Z",
  duration_minutes: 25,
  outcome: "RISK_IDENTIFIED",
  outcome_notes: "Budget under review",
  follow_up_date: "2026-11-27",
};

describe("activities as CRM records", () => {
  it("writes what happened, the outcome and the follow-up", () => {
    expect(activityText(call)).toBe(
      "Talked through the Q3 rollout.\n\nOutcome: Risk identified: Budget under review\n\nFollow-up by 2026-11-27\n\nLogged in the Client Success Dashboard as Call.",
    );
    expect(activityText({ ...call, description: "  ", outcome: null, follow_up_date: null })).toBe(
      "Logged in the Client Success Dashboard as Call.",
    );
  });

  it("makes a completed Salesforce Task on the Account", () => {
    expect(salesforceTask(call, "001xx000003DGb2AAG")).toEqual({
      attributes: { type: "Task" },
      WhatId: "001xx000003DGb2AAG",
      Subject: "Renewal check-in",
      Description: activityText(call),
      ActivityDate: "2026-11-20",
      Status: "Completed",
      Priority: "Normal",
      Type: "Call",
      TaskSubtype: "Call",
      CallDurationInSeconds: 1500,
    });
    const qbr = salesforceTask({ ...call, activity_type: "QBR", subject: "x".repeat(300) }, "001A");
    expect(qbr.Type).toBe("Meeting");
    expect(qbr.TaskSubtype).toBe("Task");
    expect(qbr).not.toHaveProperty("CallDurationInSeconds");
    expect(String(qbr.Subject)).toHaveLength(255);
    expect(salesforceTask({ ...call, activity_type: "SUPPORT_ESCALATION" }, "001A").Type).toBe("Other");
  });

  it("picks the HubSpot engagement kind for every activity type", () => {
    const kinds = Object.fromEntries(ACTIVITY_TYPES.map((t) => [t, engagementKind(t)]));
    expect(kinds).toEqual({
      CALL: "calls",
      EMAIL: "emails",
      MEETING: "meetings",
      QBR: "meetings",
      TRAINING: "meetings",
      ONBOARDING: "meetings",
      EXECUTIVE_TOUCHPOINT: "meetings",
      SUPPORT_ESCALATION: "notes",
      INTERNAL_DISCUSSION: "notes",
      OTHER: "notes",
    });
  });

  it("fills each engagement's own properties, hs_timestamp always", () => {
    expect(hubspotEngagement(call)).toEqual({
      kind: "calls",
      properties: {
        hs_timestamp: call.occurred_at,
        hs_call_title: call.subject,
        hs_call_body: activityText(call),
        hs_call_direction: "OUTBOUND",
        hs_call_status: "COMPLETED",
        hs_call_duration: "1500000",
      },
    });
    const meeting = hubspotEngagement({ ...call, activity_type: "MEETING", duration_minutes: null });
    expect(meeting.properties).toMatchObject({
      hs_meeting_start_time: call.occurred_at,
      hs_meeting_end_time: "2026-11-20T16:00:00.000Z",
      hs_meeting_outcome: "COMPLETED",
    });
    expect(hubspotEngagement({ ...call, activity_type: "EMAIL" }).properties).toMatchObject({
      hs_email_subject: call.subject,
      hs_email_direction: "EMAIL",
      hs_email_status: "SENT",
    });
    const note = hubspotEngagement({ ...call, activity_type: "OTHER" });
    expect(note.properties.hs_note_body.startsWith("Renewal check-in\n\n")).toBe(true);
    for (const t of ACTIVITY_TYPES)
      expect(hubspotEngagement({ ...call, activity_type: t }).properties.hs_timestamp).toBe(call.occurred_at);
  });
});
