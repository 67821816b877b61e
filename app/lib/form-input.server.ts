import type * as v from "valibot";

import { parseInput } from "#worker/core/inputs/parse";

// The pages' side of the one validation path (worker/core/inputs/parse.ts): an action says how
// its form's fields become the schema's input, and gets typed input or the API's 400 back.
// Query strings of page loaders go through parseQuery directly.

export interface FormFields {
  /** The field as posted ("" when missing). */
  text(name: string): string;
  /** Every value of the field joined with commas, undefined when missing. */
  raw(name: string): string | undefined;
  /** The field, or undefined when missing or empty ("not set"). */
  optional(name: string): string | undefined;
  /** A checkbox or hidden flag: true only when it holds `on` ("true" unless said otherwise). */
  flag(name: string, on?: string): boolean;
  /** Every value of a repeated field. */
  all(name: string): string[];
}

export function formFields(form: FormData): FormFields {
  const raw = (name: string) => (form.has(name) ? form.getAll(name).map(String).join(",") : undefined);
  return {
    text: (name) => String(form.get(name) ?? ""),
    raw,
    optional: (name) => raw(name) || undefined,
    flag: (name, on = "true") => form.get(name) === on,
    all: (name) => form.getAll(name).map(String),
  };
}

/** The form mapped onto `schema`'s input by `build`, parsed as the API parses a body. */
export function parseForm<S extends v.GenericSchema>(
  schema: S,
  form: FormData,
  what: string,
  build: (f: FormFields) => unknown,
): v.InferOutput<S> {
  return parseInput(schema, build(formFields(form)), what);
}
