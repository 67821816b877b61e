// Reads a shown risk driver's own words and says whether they contradict its name: the
// property every risk factor must keep on every page, API answer, chat answer and briefing
// (issue 17). It parses the detail text, not the model's numbers, because the text is what a CSM
// reads. Returns null when the driver is consistent, else why not.

const num = (detail: string, re: RegExp): number | null => {
  const m = detail.match(re);
  return m ? Number(m[1]) : null;
};

const ALLOWED = new Set([
  "usage_decline",
  "low_usage",
  "adoption_gap",
  "support_spike",
  "ticket_volume",
  "relationship_gap",
  "contract_risk",
  "health_decline",
  "new_client",
  "renewal_soon",
]);

export function driverContradiction(f: { factor: string; detail: string }): string | null {
  const d = f.detail;
  if (!ALLOWED.has(f.factor))
    return `"${f.factor}" is not a risk driver a CSM can act on (seasonality, account size and tenure are never shown as drivers)`;
  if (/\b(up|rose|increased|steady|unchanged)\b/i.test(d) && f.factor !== "new_client")
    return `"${f.factor}" reads as an improvement: ${d}`;
  switch (f.factor) {
    case "usage_decline": {
      const fell =
        num(d, /(?:fell|down) (\d+)%/) ??
        (() => {
          const m = d.match(/fell from (\d+)% to (\d+)%/);
          return m ? Number(m[1]) - Number(m[2]) : null;
        })();
      return fell !== null && fell > 0 ? null : `usage_decline without a fall: ${d}`;
    }
    case "low_usage": {
      const m =
        d.match(/(\d+)%? of users active on a typical day \(typical client: (\d+)%\)/) ??
        d.match(/Usage score (\d+) \(typical client: (\d+)\)/);
      return m && Number(m[1]) <= Number(m[2]) ? null : `low_usage not below typical: ${d}`;
    }
    case "adoption_gap": {
      const m = d.match(/Adoption score (\d+) \(typical client: (\d+)\)/);
      return m && Number(m[1]) <= Number(m[2]) ? null : `adoption_gap not below typical: ${d}`;
    }
    case "support_spike": {
      const high = num(d, /^(\d+) high-severity/);
      return high !== null && high >= 1 ? null : `support_spike without a high-severity ticket: ${d}`;
    }
    case "ticket_volume": {
      const times = num(d, /([\d.]+)× a typical client/);
      return times !== null && times >= 2 ? null : `ticket_volume not above normal: ${d}`;
    }
    case "relationship_gap": {
      if (/No CSM contact on record/.test(d)) return null;
      const days = num(d, /No CSM contact for (\d+) days/);
      return days !== null && days >= 30 ? null : `relationship_gap with recent contact: ${d}`;
    }
    case "contract_risk": {
      const nps = num(d, /^NPS (\d+)/);
      if (nps !== null) return nps <= 8 ? null : `contract_risk with a promoter NPS: ${d}`;
      const m = d.match(/Contract score (\d+) \(typical client: (\d+)\)/);
      return m && Number(m[1]) <= Number(m[2]) ? null : `contract_risk without a low NPS or contract score: ${d}`;
    }
    case "health_decline": {
      const pts = num(d, /Health fell (\d+) points/);
      return pts !== null && pts >= 1 ? null : `health_decline without a fall: ${d}`;
    }
    case "new_client":
      return /New client|Young account/.test(d) ? null : `new_client on an established account: ${d}`;
    case "renewal_soon": {
      const days = num(d, /Renewal in (\d+) days/);
      return days !== null && days <= 90 ? null : `renewal_soon with a distant renewal: ${d}`;
    }
  }
  return null;
}
