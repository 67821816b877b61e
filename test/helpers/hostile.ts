import fc from "fast-check";

// What a hostile or broken client sends, as fast-check arbitraries (test/hostile-input.test.ts).

const NASTY = [
  "'; DROP TABLE clients; --",
  '" OR 1=1 --',
  "1; SELECT * FROM audit_log",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "javascript:alert(1)",
  "{{7*7}}${7*7}",
  "../../etc/passwd",
  '=HYPERLINK("http://evil")',
  "\u0000\u0001\u001f",
  "\uFEFF\u200B\u202E",
  "\uD800", // a lone surrogate
  "Ω≈ç√∫˜µ≤≥÷ 田中さんにあげて下さい 🔥👩‍👩‍👧",
  "NaN",
  "-0",
  "1e309",
  "9".repeat(400),
  "__proto__",
  "constructor",
];

export const hostileString = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constant("x".repeat(100_001)),
);

const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.1 + 0.2),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(hostileString, tie("value"), { maxKeys: 3 }),
  ),
})).value;

/** A request body (raw text): junk JSON, non-JSON, or the valid body with one field made hostile or one unknown field added. */
export function hostileBody(valid: Record<string, unknown>): fc.Arbitrary<string> {
  const keys = Object.keys(valid);
  const mutated = fc
    .tuple(keys.length ? fc.constantFrom(...keys) : fc.constant("x"), hostileValue)
    .map(([k, v]) => JSON.stringify({ ...valid, [k]: v }));
  const extra = fc
    .tuple(hostileString, hostileValue)
    .map(([k, v]) => JSON.stringify({ ...valid, [k === "" ? "unknown" : k]: v }));
  return fc.oneof(
    mutated,
    mutated,
    extra,
    hostileValue.map((v) => JSON.stringify(v) ?? "null"),
    fc.constantFrom("", "{", '{"a":', "[1,2", "null", '"just a string"', '{"a":1}garbage', "\u0000"),
    fc.string({ maxLength: 60 }),
  );
}

/** A query string: known-looking and unknown keys with hostile values, repeated keys included. */
export function hostileQuery(): fc.Arbitrary<string> {
  const key = fc.oneof(
    fc.constantFrom(
      "page",
      "limit",
      "sort",
      "order",
      "days",
      "search",
      "status",
      "type",
      "q",
      "format",
      "csm_id",
      "period_days",
      "health_status",
      "contract_tier",
      "from",
      "to",
      "user",
    ),
    hostileString.map((s) => s.slice(0, 30)),
  );
  const value = hostileString.map((s) => s.slice(0, 2000));
  // A URL cannot carry a lone surrogate: it is sent as U+FFFD, as a browser would.
  const enc = (s: string) =>
    encodeURIComponent(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD"));
  return fc
    .array(fc.tuple(key, value), { minLength: 1, maxLength: 4 })
    .map((pairs) => pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&"));
}

/** A path id that is not one: SQL, traversal, huge, unicode, empty-looking. */
export function hostileId(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      "' OR '1'='1",
      "../../admin",
      "%00",
      "a".repeat(5000),
      "🔥",
      " ",
      "cl_" + "9".repeat(70),
      "null",
      "undefined",
    ),
    fc.string({ minLength: 1, maxLength: 30 }),
  );
}
