// Calendar arithmetic on "YYYY-MM-DD" strings in UTC. `now` is always passed in.

const DAY_MS = 86_400_000;

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). Accepts dates or instants. */
export function daysBetween(from: string, to: string): number {
  const a = Date.parse(from.length === 10 ? `${from}T00:00:00Z` : from);
  const b = Date.parse(to.length === 10 ? `${to}T00:00:00Z` : to);
  return Math.floor((startOfDay(b) - startOfDay(a)) / DAY_MS);
}

function startOfDay(ms: number): number {
  return ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
}

/** A real calendar day in strict YYYY-MM-DD form. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(t) && isoDate(new Date(t)) === value;
}

/** Contract year (1-based) on `today` for a contract that started on `start`. */
export function contractYear(start: string, today: string): number {
  return Math.max(1, Math.floor(daysBetween(start, today) / 365.25) + 1);
}
