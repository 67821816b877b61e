import { isCalendarDate } from "./dates";

// The user's wall clock (issue 19: dates and times are entered and shown in the user's time
// zone, stored in UTC). The zone is an IANA name from the browser; anything else means UTC.

export const DEFAULT_TIME_ZONE = "UTC";

export function isTimeZone(tz: string | null | undefined): tz is string {
  if (!tz || tz.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const zoneOr = (tz: string | null | undefined): string => (isTimeZone(tz) ? tz : DEFAULT_TIME_ZONE);

const formatters = new Map<string, Intl.DateTimeFormat>();
function parts(ms: number, tz: string) {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { y: p.year!, mo: p.month!, d: p.day!, h: p.hour!, mi: p.minute!, s: p.second! };
}

/** Minutes the zone is ahead of UTC at that instant. */
export function offsetMinutes(ms: number, tz: string): number {
  const p = parts(ms, tz);
  const asUtc = Date.UTC(Number(p.y), Number(p.mo) - 1, Number(p.d), Number(p.h), Number(p.mi), Number(p.s));
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** The calendar day of an instant on the user's wall clock. */
export function localDate(instant: string | Date, tz: string): string {
  const p = parts(new Date(instant).getTime(), tz);
  return `${p.y}-${p.mo}-${p.d}`;
}

/** "YYYY-MM-DDTHH:mm" for a datetime-local input. */
export function localDateTime(instant: string | Date, tz: string): string {
  const p = parts(new Date(instant).getTime(), tz);
  return `${p.y}-${p.mo}-${p.d}T${p.h}:${p.mi}`;
}

/**
 * A wall-clock time in the zone ("YYYY-MM-DDTHH:mm[:ss]" or a date, meaning its start) as a UTC
 * instant. A time skipped by a clock change moves forward by the gap; a repeated one takes the
 * earlier instant. Null when the text is not a wall-clock time.
 */
export function zonedToUtc(local: string, tz: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(local);
  if (!m || !isCalendarDate(m[1]!)) return null;
  const [h, mi, s] = [Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return null;
  const wall = Date.parse(`${m[1]}T00:00:00Z`) + ((h * 60 + mi) * 60 + s) * 1000;
  // Two passes settle the offset on either side of a change.
  let guess = wall - offsetMinutes(wall, tz) * 60_000;
  guess = wall - offsetMinutes(guess, tz) * 60_000;
  const earlier = wall - offsetMinutes(guess - 3_600_000, tz) * 60_000;
  if (earlier < guess && localDateTime(new Date(earlier), tz) === localDateTime(new Date(guess), tz)) guess = earlier;
  return new Date(guess).toISOString();
}

/** "Sat 5 Dec 2026, 14:30" on the user's wall clock. */
export function formatLocal(instant: string | Date, tz: string, withTime = true): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: tz,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    ...(withTime ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } : {}),
  }).format(new Date(instant));
}
