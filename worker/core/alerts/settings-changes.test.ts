import { describe, expect, it } from "vitest";

import { defaultAlertSettings } from "./alert-settings";
import { conflictingChanges, settingsChanges, type SubmittedSettings } from "./settings-changes";

const loaded = defaultAlertSettings();
const form = (): SubmittedSettings => ({
  types: Object.fromEntries(
    Object.entries(loaded.types).map(([t, s]) => [
      t,
      {
        enabled: s.enabled,
        channels: [...s.channels].reverse(),
        ...(s.threshold === null ? {} : { threshold: s.threshold }),
      },
    ]),
  ),
  quiet_hours: null,
});

describe("the settings page's changes", () => {
  it("are empty when nothing was changed (channel order does not matter)", () =>
    expect(settingsChanges(loaded, form())).toEqual({}));

  it("name only the fields the user changed", () => {
    const f = form();
    f.types.HEALTH_DROP = { ...f.types.HEALTH_DROP!, threshold: 12 };
    f.types.SUPPORT_SPIKE = { ...f.types.SUPPORT_SPIKE!, enabled: false, channels: ["in_app", "slack"] };
    f.quiet_hours = { start: "20:00", end: "07:00", time_zone: "UTC" };
    expect(settingsChanges(loaded, f)).toEqual({
      types: { HEALTH_DROP: { threshold: 12 }, SUPPORT_SPIKE: { enabled: false, channels: ["in_app", "slack"] } },
      quiet_hours: { start: "20:00", end: "07:00", time_zone: "UTC" },
    });
  });

  it("conflict only where someone else changed the same field meanwhile", () => {
    const current = defaultAlertSettings();
    current.types.HEALTH_DROP.threshold = 20; // someone else
    current.types.USAGE_DECLINE.threshold = 40; // someone else, a field this user did not touch
    expect(conflictingChanges(loaded, current, { types: { HEALTH_DROP: { threshold: 12 } } })).toEqual([
      "HEALTH_DROP.threshold",
    ]);
    expect(
      conflictingChanges(loaded, current, { types: { HEALTH_DROP: { enabled: false } }, quiet_hours: null }),
    ).toEqual([]);
  });
});
