import * as v from "valibot";

import { parseClientListQuery } from "#worker/core/client-list-query";

import { text } from "./common";

// A saved portfolio view: a name and the portfolio's own query string, checked by the same
// parser as the portfolio, so a saved view always opens.

export const MAX_SAVED_VIEWS = 20;
const VIEW_PARAMS_EXCLUDED = ["page", "format"];

export const NewSavedViewSchema = v.strictObject(
  {
    name: text(60),
    query: v.pipe(
      v.record(v.string(), v.pipe(v.string("must be a string"), v.maxLength(200, "must be at most 200 characters"))),
      v.check((q) => Object.keys(q).length <= 15, "has too many parameters"),
      v.rawCheck(({ dataset, addIssue }) => {
        if (!dataset.typed) return;
        try {
          parseClientListQuery(new URLSearchParams(dataset.value));
        } catch (err) {
          const details = (err as { details?: { param: string; message: string }[] }).details ?? [];
          addIssue({
            message: details.map((d) => `${d.param} ${d.message}`).join("; ") || "is not a valid portfolio filter",
          });
        }
      }),
      v.transform((q) =>
        Object.fromEntries(
          Object.entries(q).filter(([k, val]) => val.trim() !== "" && !VIEW_PARAMS_EXCLUDED.includes(k)),
        ),
      ),
    ),
  },
  "is not a known field",
);
export type NewSavedView = v.InferOutput<typeof NewSavedViewSchema>;
