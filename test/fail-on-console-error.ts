import { afterEach, beforeEach, vi } from "vitest";

// A console.error during a test is a failure: it means something went wrong that the test did
// not assert on. Tests that expect an error log spy on console.error themselves.
let calls: unknown[][] = [];

beforeEach(() => {
  calls = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    calls.push(args);
  });
});

afterEach(() => {
  const seen = calls;
  calls = [];
  vi.restoreAllMocks();
  if (seen.length > 0) {
    throw new Error(
      `console.error was called during the test:\n${seen.map((a) => a.map(String).join(" ")).join("\n")}`,
    );
  }
});
