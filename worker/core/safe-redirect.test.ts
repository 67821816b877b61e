import { describe, expect, it } from "vitest";

import { safeRedirectTarget } from "./safe-redirect";

describe("safeRedirectTarget", () => {
  it.each(["/", "/?sort=name", "/clients/cli_1?tab=overview#day-breakdown", "/alerts/settings"])(
    "keeps the local path %s",
    (t) => {
      expect(safeRedirectTarget(t)).toBe(t);
    },
  );

  it.each([
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "//evil.example",
    "///evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    "evil.example",
    "",
    "/" + "a".repeat(3000),
  ])("refuses %j", (t) => {
    expect(safeRedirectTarget(t)).toBe("/");
  });

  it("refuses non-strings", () => {
    expect(safeRedirectTarget(null)).toBe("/");
    expect(safeRedirectTarget(undefined, "/x")).toBe("/x");
  });
});
