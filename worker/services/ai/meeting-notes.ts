import {
  type MeetingInput,
  type MeetingNotes,
  parseMeetingNotes,
  summarizeMeeting,
} from "#worker/core/ai/meeting-notes";
import type { Db } from "#worker/db/client";
import type { EthicoUserRow } from "#worker/db/queries/users";

import { type AiEnv, generateText } from "./provider";

/**
 * The activity's summary and next steps: Workers AI's JSON when it is bound and well-formed,
 * the local reading of the notes otherwise. Notes are free text, so the prompt is redacted like
 * every other (emails and phone numbers masked) by generateText.
 */
export async function writeMeetingNotes(
  env: AiEnv,
  db: Db,
  user: EthicoUserRow,
  clientId: string,
  m: MeetingInput,
): Promise<MeetingNotes> {
  const local = summarizeMeeting(m);
  const answer = await generateText(env, db, user, {
    purpose: "meeting_notes",
    clientId,
    instructions:
      'Summarise these Client Success activity notes in one to three short sentences, then list up to five concrete next steps for the CSM. Reply with JSON only: {"summary": string, "next_steps": string[]}.',
    facts: {
      type: m.activity_type,
      subject: m.subject,
      notes: m.description,
      outcome: m.outcome,
      outcome_notes: m.outcome_notes,
      follow_up_date: m.follow_up_date,
      attendees: m.contacts,
    },
    local: () => JSON.stringify(local),
  });
  return (answer.provider === "workers-ai" ? parseMeetingNotes(answer.text) : null) ?? local;
}
