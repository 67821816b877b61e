import { zoneOr } from "#worker/core/time-zone";

// The user's time zone on the server: the "tz" cookie the browser sets (components/time-zone-
// cookie), or a form's time_zone field; UTC until the browser has said.

export const TZ_COOKIE = "tz";

export function timeZoneOf(request: Request, form?: FormData): string {
  const fromForm = form?.get("time_zone");
  if (typeof fromForm === "string" && fromForm) return zoneOr(fromForm);
  const cookie = request.headers.get("cookie") ?? "";
  const m = new RegExp(`(?:^|;\\s*)${TZ_COOKIE}=([^;]*)`).exec(cookie);
  return zoneOr(m ? decodeURIComponent(m[1]!) : null);
}
