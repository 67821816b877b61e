import { describe, expect, it } from "vitest";

import { type MeetingInput, parseMeetingNotes, summarizeMeeting } from "./meeting-notes";

const prdCall: MeetingInput = {
  activity_type: "CALL",
  subject: "Check-in call with Sarah Chen",
  description:
    "Discussed recent platform usage and upcoming renewal. Sarah mentioned team has been focused on year-end audit and plans to re-engage in January.",
  outcome: "SUCCESSFUL_ENGAGEMENT",
  outcome_notes: null,
  follow_up_date: "2026-02-15",
  contacts: [{ name: "Sarah Chen", title: "CCO" }],
};

describe("meeting summary and next steps from notes", () => {
  it("reads the PRD's example call as the PRD does", () => {
    const n = summarizeMeeting(prdCall);
    expect(n.summary).toBe(
      "Call with CCO Sarah Chen: Check-in call with Sarah Chen. Recent platform usage and upcoming renewal. Team has been focused on year-end audit and plans to re-engage in January. Outcome: successful engagement. Follow-up scheduled Feb 15.",
    );
    expect(n.next_steps).toEqual([
      "Send a recap email to Sarah",
      "Monitor login activity in January",
      "Update health score notes",
      "Follow up on Feb 15",
    ]);
  });
  it("turns commitments into steps and the outcome into its playbook step", () => {
    const n = summarizeMeeting({
      ...prdCall,
      activity_type: "MEETING",
      description: "They will send the updated org chart by Friday. Pricing came up twice.",
      outcome: "ISSUE_IDENTIFIED",
      follow_up_date: null,
    });
    expect(n.next_steps).toEqual([
      "Send a recap email to Sarah",
      "Send the updated org chart by Friday",
      "Log the issue with Support and agree an owner and date",
    ]);
  });
  it("works from a subject alone, and never recaps an email or internal discussion to the client", () => {
    const n = summarizeMeeting({
      activity_type: "INTERNAL_DISCUSSION",
      subject: "Account review",
      description: null,
      outcome: null,
      outcome_notes: null,
      follow_up_date: null,
      contacts: [],
    });
    expect(n).toEqual({ summary: "Internal discussion: Account review.", next_steps: [] });
    expect(summarizeMeeting({ ...prdCall, activity_type: "EMAIL" }).next_steps[0]).not.toMatch(/recap/);
  });
  it("accepts a model's JSON only when it has the right shape", () => {
    expect(parseMeetingNotes('Sure! {"summary": "Call with Sarah.", "next_steps": ["Send recap"]}')).toEqual({
      summary: "Call with Sarah.",
      next_steps: ["Send recap"],
    });
    expect(parseMeetingNotes('{"summary": "", "next_steps": []}')).toBeNull();
    expect(parseMeetingNotes('{"summary": "x", "next_steps": [1]}')).toBeNull();
    expect(parseMeetingNotes("no json here")).toBeNull();
  });
});
