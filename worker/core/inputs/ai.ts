import * as v from "valibot";

import { id, optionalText, text } from "./common";
import { wholeNumberText } from "./parse";

// Bodies of the AI endpoints.

/** POST /ai/chat. `client_id` is the client whose page the chat is opened on ("why is it dropping?"). */
export const ChatRequestSchema = v.strictObject(
  {
    message: text(1000),
    conversation_id: v.optional(id),
    client_id: v.optional(id),
  },
  "is not a known field",
);

/** POST /ai/feedback: thumbs on one AI answer (its interaction_id), with an optional comment. */
export const AiFeedbackSchema = v.strictObject(
  {
    interaction_id: id,
    rating: v.picklist(["up", "down"], "must be up or down"),
    comment: optionalText(1000),
  },
  "is not a known field",
);

/** GET /ai/briefing and the insights panel: whose briefing, and how many clients at most. */
export const BriefingQuerySchema = v.strictObject(
  {
    csm_id: v.optional(id),
    limit: v.optional(wholeNumberText({ digits: 2, min: 1, max: 25 }), "10"),
  },
  "is not a known parameter",
);
