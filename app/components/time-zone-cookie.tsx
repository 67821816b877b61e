import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";

// Tells the server the browser's time zone (a cookie, a year long), so dates and times are
// shown and entered on the user's clock. When it changes, the page reloads its data once.
export function TimeZoneCookie({ current }: { current: string }) {
  const revalidator = useRevalidator();
  useEffect(() => {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!tz || tz === current) return;
    document.cookie = `tz=${encodeURIComponent(tz)}; path=/; max-age=31536000; samesite=lax${location.protocol === "https:" ? "; secure" : ""}`;
    revalidator.revalidate();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current]);
  return null;
}

/** A hidden time_zone field filled in by the browser (the cookie covers forms without JavaScript). */
export function TimeZoneField() {
  useEffect(() => {
    for (const el of document.querySelectorAll<HTMLInputElement>("input[name=time_zone][data-auto]"))
      el.value = Intl.DateTimeFormat().resolvedOptions().timeZone;
  }, []);
  return <input type="hidden" name="time_zone" data-auto="" defaultValue="" />;
}
