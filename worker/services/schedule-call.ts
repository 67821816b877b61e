import { AppError } from "#worker/core/errors";
import { calendarFile } from "#worker/core/ics";
import type { Db } from "#worker/db/client";
import type { EthicoUserRow } from "#worker/db/queries/users";

import { recordActivity } from "./activities";

// "Schedule call" quick action (PRD F1): the invitation is a touchpoint, logged now with the
// call as its follow-up, and an .ics file puts the call in the CSM's calendar.

export interface ScheduleCall {
  start: string; // ISO instant
  minutes: number;
  subject: string;
  contactId: string | null;
}

export async function scheduleCall(db: Db, user: EthicoUserRow, clientId: string, input: ScheduleCall, now: Date) {
  const start = new Date(input.start);
  const problems: string[] = [];
  if (Number.isNaN(start.getTime())) problems.push("the call needs a date and time");
  else if (start.getTime() <= now.getTime()) problems.push("the call must be in the future");
  else if (start.getTime() > now.getTime() + 366 * 86_400_000) problems.push("the call must be within a year");
  if (!Number.isInteger(input.minutes) || input.minutes < 5 || input.minutes > 480)
    problems.push("duration must be 5 to 480 minutes");
  if (!input.subject.trim() || input.subject.length > 150) problems.push("subject must be 1 to 150 characters");
  if (problems.length)
    throw new AppError(
      "UNPROCESSABLE",
      "The call cannot be scheduled",
      problems.map((message) => ({ message })),
    );
  const when = start.toISOString();
  // Recorded without the follow-ups of logging an activity, as it always was.
  const activity = await recordActivity(
    db,
    user,
    clientId,
    {
      activity_type: "OTHER",
      subject: `Call scheduled for ${when.slice(0, 16).replace("T", " ")} UTC: ${input.subject.trim()}`,
      description: null,
      occurred_at: now.toISOString(),
      duration_minutes: null,
      client_contacts: input.contactId ? [input.contactId] : [],
      outcome: "FOLLOW_UP_REQUIRED",
      follow_up_required: true,
      follow_up_date: when.slice(0, 10),
    },
    now,
  );
  const ics = calendarFile({
    uid: `${activity.id}@client-success.ethico`,
    start,
    minutes: input.minutes,
    summary: input.subject.trim(),
    description: `Client Success call (activity ${activity.id})`,
    stamp: now,
  });
  return { activity, ics, filename: `call-${when.slice(0, 10)}.ics` };
}
