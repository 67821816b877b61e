// The seed's clock: every timestamp it writes goes through `stamp`, so nothing seeded lies in the
// future of the moment it is read from. Events simulated on the as-of day itself keep their
// order but are squeezed into the part of the day that has passed: a login at 16:00 seeded at
// 08:30 reads 05:40, never "later today".

const pad = (n: number) => String(n).padStart(2, "0");
const DAY_MS = 86_400_000;

export type Stamp = (date: string, hour: number, minute?: number) => string;

/** The end of a calendar day, the default `now` for a seed as of a past date. */
export const endOfDay = (date: string) => `${date}T23:59:59.999Z`;

export function seedClock(asOf: string, now: string): Stamp {
  const dayStart = Date.parse(`${asOf}T00:00:00.000Z`);
  const nowMs = Date.parse(now);
  if (!Number.isFinite(nowMs) || nowMs < dayStart)
    throw new Error(`the seed's now (${now}) is before its as-of date ${asOf}`);
  // Read at the day's last millisecond or later, the whole day has passed: nothing moves.
  const share = nowMs >= dayStart + DAY_MS - 1 ? 1 : (nowMs - dayStart) / DAY_MS;
  return (date, hour, minute = 0) => {
    const naive = `${date}T${pad(hour)}:${pad(minute)}:00.000Z`;
    if (date !== asOf || share === 1) return naive;
    // Whole seconds, rounded down: never after now.
    const offset = Math.floor((hour * 60 + minute) * 60 * share) * 1000;
    return new Date(dayStart + offset).toISOString();
  };
}
