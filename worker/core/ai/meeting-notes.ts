import type { ActivityOutcome, ActivityType } from "#worker/core/enums";

// The activity logger's meeting summary and next steps (PRD ActivityLog: ai_summary,
// ai_next_steps), written locally from the notes themselves: who was there, the sentences that
// carry news or commitments, the outcome and the follow-up date. Workers AI may reword them;
// this is what every environment can always produce.

export interface MeetingInput {
  activity_type: ActivityType;
  subject: string;
  description: string | null;
  outcome: ActivityOutcome | null;
  outcome_notes: string | null;
  follow_up_date: string | null;
  contacts: { name: string; title: string | null }[];
}

export interface MeetingNotes {
  summary: string;
  next_steps: string[];
}

const TYPE_LABEL: Record<ActivityType, string> = {
  CALL: "Call",
  EMAIL: "Email",
  MEETING: "Meeting",
  QBR: "QBR",
  TRAINING: "Training",
  ONBOARDING: "Onboarding session",
  SUPPORT_ESCALATION: "Support escalation",
  EXECUTIVE_TOUCHPOINT: "Executive touchpoint",
  INTERNAL_DISCUSSION: "Internal discussion",
  OTHER: "Activity",
};

const OUTCOME_STEP: Partial<Record<ActivityOutcome, string>> = {
  ISSUE_IDENTIFIED: "Log the issue with Support and agree an owner and date",
  RISK_IDENTIFIED: "Review the account risk and agree a save plan with your manager",
  EXPANSION_OPPORTUNITY: "Share the expansion opportunity with the account executive",
};

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const COMMITMENT =
  /\b(?:will|plans? to|planning to|agreed to|asked (?:for|us to)|requested|needs? to|wants? to|committed to|promised|next step|action item|to send|to share|to schedule)\b/i;
const NEWS =
  /\b(?:mentioned|said|reported|raised|concern|issue|problem|because|due to|focused on|reduced|increase|decrease|budget|renewal|audit|reorg|left|hired|champion|sponsor|churn|competitor|price|pricing|usage|adoption)\b/i;

const sentencesOf = (text: string | null) =>
  (text ?? "")
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim().replace(/\s+/g, " "))
    .filter((s) => s.length > 3);

const shortDate = (d: string) =>
  new Date(`${d}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const firstName = (name: string) => name.split(" ")[0];
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** "Sarah mentioned team has been focused on…" → "Team has been focused on…": the who is already said. */
const compress = (s: string) =>
  capital(
    s
      .replace(/^(?:we |i )?(?:discussed|talked about|covered|went over)\s+/i, "")
      .replace(/^[A-Z][a-z]+ (?:mentioned|said|noted|explained) (?:that )?/, "")
      .replace(/[.!?]+$/, ""),
  );

export function summarizeMeeting(m: MeetingInput): MeetingNotes {
  const who = m.contacts.length
    ? ` with ${m.contacts
        .map((c) => (c.title ? `${c.title} ${c.name}` : c.name))
        .slice(0, 2)
        .join(" and ")}${m.contacts.length > 2 ? ` and ${m.contacts.length - 2} more` : ""}`
    : "";
  const sentences = [...sentencesOf(m.description), ...sentencesOf(m.outcome_notes)];
  const key = sentences.filter((s) => NEWS.test(s) || COMMITMENT.test(s));
  const chosen = (key.length ? key : sentences).slice(0, 3).map(compress);
  const parts = [
    `${TYPE_LABEL[m.activity_type]}${who}: ${m.subject.replace(/[.!?]+$/, "")}.`,
    ...chosen.map((s) => `${s}.`),
  ];
  if (m.outcome) parts.push(`Outcome: ${m.outcome.toLowerCase().replace(/_/g, " ")}.`);
  if (m.follow_up_date) parts.push(`Follow-up scheduled ${shortDate(m.follow_up_date)}.`);
  return { summary: parts.join(" "), next_steps: nextSteps(m, sentences) };
}

/** Activities where the CSM spoke with the client, so a recap is owed. */
const CONVERSATIONS: ReadonlySet<ActivityType> = new Set([
  "CALL",
  "MEETING",
  "QBR",
  "TRAINING",
  "ONBOARDING",
  "EXECUTIVE_TOUCHPOINT",
  "SUPPORT_ESCALATION",
]);

function nextSteps(m: MeetingInput, sentences: string[]): string[] {
  const steps: string[] = [];
  const lead = m.contacts[0];
  if (lead && CONVERSATIONS.has(m.activity_type)) steps.push(`Send a recap email to ${firstName(lead.name)}`);
  for (const s of sentences) {
    if (!COMMITMENT.test(s)) continue;
    const month = MONTHS.find((mo) => s.toLowerCase().includes(mo));
    if (month && /\b(?:re-?engage|usage|log ?in|adopt|roll ?out|launch|resume|return)\b/i.test(s))
      steps.push(`Monitor login activity in ${capital(month)}`);
    else
      steps.push(
        capital(compress(s).replace(/^(?:they|she|he|the client|the team) (?:will|plans? to|agreed to) /i, "")).slice(
          0,
          120,
        ),
      );
  }
  if (m.outcome && OUTCOME_STEP[m.outcome]) steps.push(OUTCOME_STEP[m.outcome]!);
  if (
    sentences.some((s) => /\b(?:usage|adoption|log ?ins?|audit|budget|reorg|champion)\b/i.test(s)) &&
    m.outcome !== "NO_ACTION_NEEDED"
  )
    steps.push("Update health score notes");
  if (m.follow_up_date) steps.push(`Follow up on ${shortDate(m.follow_up_date)}`);
  return [...new Set(steps)].slice(0, 5);
}

/** A model's JSON answer ({ summary, next_steps }), or null when it is not exactly that. */
export function parseMeetingNotes(text: string): MeetingNotes | null {
  const json = text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1);
  try {
    const v = JSON.parse(json) as unknown;
    if (!v || typeof v !== "object") return null;
    const { summary, next_steps } = v as Record<string, unknown>;
    if (
      typeof summary !== "string" ||
      !summary.trim() ||
      !Array.isArray(next_steps) ||
      !next_steps.every((s) => typeof s === "string")
    )
      return null;
    return {
      summary: summary.trim(),
      next_steps: (next_steps as string[])
        .map((s) => s.trim())
        .filter(Boolean)
        .slice(0, 6),
    };
  } catch {
    return null;
  }
}
