import { addDays, daysBetween } from "#worker/core/dates";

import type { PlanCondition, PlanMetric } from "./query-plan";

// The comparisons a question carries, for the local planner (plan-parser.ts): a health change
// over a window, days since the last CSM contact or a contact's login, days to renewal, and
// thresholds on health, churn risk, adoption and ARR. Read from normalised, typo-corrected text.

export const NUM: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  sixty: 60,
  ninety: 90,
  dozen: 12,
};
export const NUMW = String.raw`(\d{1,4}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|sixty|ninety|dozen)`;
export const UNIT: Record<string, number> = {
  day: 1,
  days: 1,
  week: 7,
  weeks: 7,
  month: 30,
  months: 30,
  quarter: 91,
  quarters: 91,
  year: 365,
  years: 365,
};
export const num = (s: string) => (/^\d/.test(s) ? Number(s) : NUM[s]);
export const NOT = String.raw`(?:not|non|aren t|isn t|are not|is not|no longer|excluding|except|other than|outside(?: of)?|besides|but not|without)`;

/** "this month" is the last 30 days unless the user says "since the 1st" (then the calendar month so far). */
export function windowDaysIn(t: string, today: string): number | null {
  const n = t.match(
    new RegExp(
      String.raw`\b(?:last|past|previous|recent|over the last|in the last|within)\s+${NUMW}\s+(days?|weeks?|months?|quarters?|years?)\b`,
    ),
  );
  if (n) return num(n[1]) * UNIT[n[2]];
  if (
    /\bsince the (?:1st|first)\b|\bmonth to date\b|\bmtd\b|\bsince the start of the month\b|\bcalendar month\b/.test(t)
  )
    return Math.max(1, daysBetween(`${today.slice(0, 8)}01`, today));
  if (/\b(?:this|past|last|previous) month\b|\ba month\b/.test(t)) return 30;
  if (/\b(?:this|past|last|previous) week\b|\ba week\b/.test(t)) return 7;
  if (/\b(?:this|past|last|previous) quarter\b|\bquarter\b/.test(t)) return 91;
  if (/\b(?:this|past|last|previous) year\b/.test(t)) return 365;
  const bare = t.match(new RegExp(String.raw`\b(?:in|over|for)\s+${NUMW}\s+(days?|weeks?|months?|quarters?)\b`));
  return bare ? num(bare[1]) * UNIT[bare[2]] : null;
}

const MORE = String.raw`(?:over|above|more than|greater than|higher than|bigger than|exceeding|upwards of|>)`;
const LESS = String.raw`(?:under|below|less than|lower than|smaller than|fewer than|<)`;
const INCL_MORE = String.raw`(?:at least|>=|no less than|or more)`;
const INCL_LESS = String.raw`(?:at most|<=|no more than|or less)`;
const cmpOp = (word: string): PlanCondition["op"] =>
  new RegExp(`^${INCL_MORE}$`).test(word)
    ? "gte"
    : new RegExp(`^${INCL_LESS}$`).test(word)
      ? "lte"
      : new RegExp(`^${MORE}$`).test(word)
        ? "gt"
        : "lt";
const ANY_CMP = `(${INCL_MORE}|${INCL_LESS}|${MORE}|${LESS})`;

const money = (amount: string, unit: string | undefined) =>
  Math.round(
    Number(amount) *
      (unit && /^(k|thousand)$/.test(unit) ? 1_000 : unit && /^(m|mm|million)$/.test(unit) ? 1_000_000 : 1),
  );
const AMOUNT = String.raw`(?:\$\s?(\d+(?:\.\d+)?)\s?(k|m|mm|thousand|million)?\b|(\d+(?:\.\d+)?)\s?(k|m|mm|thousand|million)\b|(\d+(?:\.\d+)?)(?=\s+(?:in\s+)?(?:arr|revenue|annual)))`;
const amountOf = (m: RegExpMatchArray, at: number) =>
  m[at] ? money(m[at], m[at + 1]) : m[at + 2] ? money(m[at + 2], m[at + 3]) : money(m[at + 4], undefined);

function arrIn(t: string): PlanCondition[] {
  const between = t.match(new RegExp(`\\bbetween\\s+${AMOUNT}\\s+and\\s+${AMOUNT}`));
  if (between)
    return [
      { metric: "arr", op: "gte", value: amountOf(between, 1) },
      { metric: "arr", op: "lte", value: amountOf(between, 6) },
    ];
  const out: PlanCondition[] = [];
  const re = new RegExp(`${ANY_CMP}\\s+${AMOUNT}`, "g");
  for (const m of t.matchAll(re)) out.push({ metric: "arr", op: cmpOp(m[1]), value: amountOf(m, 2) });
  const bare = t.match(
    /\b(?:arr|revenue|annual revenue)\s+(?:of\s+)?(over|above|more than|greater than|under|below|less than|at least|at most)\s+(\d+)\b(?!\s*(?:k|m|%|points?|days?))/,
  );
  if (!out.length && bare) out.push({ metric: "arr", op: cmpOp(bare[1]), value: Number(bare[2]) });
  return out;
}

/** "health dropped more than 10 points this month" → health_change < −10 over 30 days. */
function healthChangeIn(t: string, today: string): PlanCondition | null {
  const down = String.raw`(?:dropped|drop|dropping|drops|fell|fallen|falling|declined|declining|decreased|decline|went down|gone down|lost|slipped|sank|worsened|deteriorated|down)`;
  const up = String.raw`(?:rose|risen|rising|increased|improved|improving|went up|gone up|grew|gained|climbed|up)`;
  const qual = String.raw`(?:(more than|over|greater than|above|at least|by at least|by more than|by over|by)\s+)?`;
  const pts = String.raw`\s*(\+|or more)?\s*(?:points?|pts?)?`;
  const window = windowDaysIn(t, today) ?? 30;
  const read = (dir: "down" | "up", m: RegExpMatchArray): PlanCondition => {
    const [q, n, plus] = [m[1], Number(m[2]), m[3]];
    const strict = Boolean(q) && /more than|over|greater than|above/.test(q) && !plus;
    return dir === "down"
      ? { metric: "health_change", op: strict ? "lt" : "lte", value: -n, window_days: window }
      : { metric: "health_change", op: strict ? "gt" : "gte", value: n, window_days: window };
  };
  for (const [dir, verb] of [
    ["down", down],
    ["up", up],
  ] as const) {
    const m =
      t.match(new RegExp(`\\b${verb}\\s+${qual}(\\d{1,3})${pts}`)) ??
      t.match(
        new RegExp(
          `\\b(?:drop|decline|fall|decrease|loss|gain|increase|rise|improvement)\\s+of\\s+${qual}(\\d{1,3})${pts}`,
        ),
      );
    if (
      m &&
      (dir === "down"
        ? /drop|declin|fell|fall|decreas|down|lost|loss|slip|sank|worse|deterior/.test(m[0])
        : /rose|risen|rising|increas|improv|up|grew|gain|climb|rise/.test(m[0]))
    )
      return read(dir, m);
  }
  const pre = t.match(
    /\b(\d{1,3})\s*(\+|or more)?\s*(?:points?|pts?)\s+(?:health\s+)?(drop|decline|fall|loss|gain|increase|rise)/,
  );
  if (pre)
    return /gain|increase|rise/.test(pre[3])
      ? { metric: "health_change", op: "gte", value: Number(pre[1]), window_days: window }
      : { metric: "health_change", op: "lte", value: -Number(pre[1]), window_days: window };
  if (
    /\bhealth(?: score)?s? (?:is |are |has |have )?(?:been )?(?:dropping|declining|falling|dropped|declined|fell|going down|gone down|trending down|getting worse)\b|\b(?:declining|dropping|falling) health\b/.test(
      t,
    )
  )
    return { metric: "health_change", op: "lt", value: 0, window_days: window };
  if (
    /\bhealth(?: score)?s? (?:is |are |has |have )?(?:been )?(?:improving|rising|improved|rose|going up|gone up|trending up)\b|\bimproving health\b/.test(
      t,
    )
  )
    return { metric: "health_change", op: "gt", value: 0, window_days: window };
  return null;
}

const SPAN = String.raw`(?:in|for|within|over|during|since|the)?\s*(?:the\s+)?(?:last|past)?\s*${NUMW}\s+(days?|weeks?|months?|quarters?|years?)`;

function daysSinceContactIn(t: string): PlanCondition | null {
  const verb = String.raw`(?:contacte?d|talked to|talked with|spoken to|spoken with|spoke to|spoke with|called|reached out to|touched|heard from|met with|met|emailed|engaged|connected with)`;
  const neg = new RegExp(
    `\\b(?:not|never|haven t|hasn t|have not|has not|didn t|did not|nobody has|no one has|we haven t|i haven t)\\s+(?:been\\s+|we\\s+|i\\s+)?${verb}`,
  );
  const noContact =
    /\bno (?:csm |recent )?(?:contact|touch(?:point)?s?|outreach|calls?|meetings?|conversations?)\b|\bgone dark\b|\bneglected\b|\bwithout (?:a |any )?(?:csm )?contact\b|\buntouched\b/;
  const last = t.match(
    new RegExp(
      `\\b(?:last (?:csm )?contact(?:ed)?|last (?:spoke|talked|touched))\\s+(?:was\\s+|is\\s+)?${ANY_CMP}\\s+${NUMW}\\s+(days?|weeks?|months?)`,
    ),
  );
  if (last)
    return {
      metric: "days_since_contact",
      op: cmpOp(last[1]) === "lt" || cmpOp(last[1]) === "lte" ? cmpOp(last[1]) : "gt",
      value: num(last[2]) * UNIT[last[3]],
    };
  const since = t.match(new RegExp(`\\bdays since (?:the )?last (?:csm )?contact\\s+${ANY_CMP}\\s+(\\d{1,4})`));
  if (since) return { metric: "days_since_contact", op: cmpOp(since[1]), value: Number(since[2]) };
  const span = t.match(new RegExp(SPAN));
  const days = span ? num(span[1]) * UNIT[span[2]] : null;
  if (neg.test(t) || (noContact.test(t) && !/\bmost neglected\b/.test(t)))
    return { metric: "days_since_contact", op: "gt", value: days ?? 30 };
  if (new RegExp(`\\b${verb}\\b`).test(t) && days !== null && !/\blog/.test(t))
    return { metric: "days_since_contact", op: "lte", value: days };
  return null;
}

function daysSinceLoginIn(t: string): PlanCondition | null {
  const login = /\b(?:logged in|log in|login|logins|signed in|sign in)\b/;
  if (!login.test(t)) return null;
  const span = t.match(new RegExp(SPAN));
  const days = span ? num(span[1]) * UNIT[span[2]] : 30;
  if (/\b(?:not|no|never|haven t|hasn t|have not|has not|nobody|no one|without)\b/.test(t))
    return { metric: "days_since_login", op: "gt", value: days };
  return { metric: "days_since_login", op: "lte", value: days };
}

function scoreIn(t: string, words: string, metric: PlanMetric): PlanCondition[] {
  const out: PlanCondition[] = [];
  for (const m of t.matchAll(
    new RegExp(`\\b(?:${words})(?: score| rate)?s?\\s+(?:is\\s+|of\\s+|are\\s+)?${ANY_CMP}\\s+(\\d{1,3})\\s*%?`, "g"),
  ))
    out.push({ metric, op: cmpOp(m[1]), value: Number(m[2]) });
  for (const m of t.matchAll(new RegExp(`\\b${ANY_CMP}\\s+(\\d{1,3})\\s*%?\\s+(?:${words})`, "g")))
    out.push({ metric, op: cmpOp(m[1]), value: Number(m[2]) });
  return out;
}

function renewalIn(t: string, today: string): PlanCondition[] {
  if (!/\brenew|\bup for renewal\b/.test(t)) return [];
  const n = t.match(
    new RegExp(
      String.raw`\b(?:next|coming|within|in|upcoming|less than)\s+(?:the\s+)?(?:next\s+)?${NUMW}\s+(days?|weeks?|months?|quarters?|years?)\b`,
    ),
  );
  let days: number | null = n ? num(n[1]) * UNIT[n[2]] : null;
  const quarterEnd = () => {
    const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 4;
    const end =
      q > 12 ? `${Number(today.slice(0, 4)) + 1}-01-01` : `${today.slice(0, 5)}${String(q).padStart(2, "0")}-01`;
    return daysBetween(today, addDays(end, -1));
  };
  if (days === null && /\bthis quarter\b/.test(t)) days = quarterEnd();
  if (days === null && /\bnext quarter\b/.test(t)) days = 90;
  if (days === null && /\bthis month\b/.test(t))
    days = daysBetween(today, addDays(`${today.slice(0, 8)}01`, 40).slice(0, 8) + "01") - 1;
  if (days === null && /\bnext month\b/.test(t)) days = 30;
  if (days === null && /\bsoon\b|\bupcoming\b|\bcoming up\b/.test(t)) days = 90;
  if (days === null) return [];
  return [
    { metric: "days_to_renewal", op: "gte", value: 0 },
    { metric: "days_to_renewal", op: "lte", value: days },
  ];
}

export function conditionsIn(t: string, today: string): PlanCondition[] {
  const out: PlanCondition[] = [];
  const change = healthChangeIn(t, today);
  if (change) out.push(change);
  const contact = daysSinceContactIn(t);
  if (contact) out.push(contact);
  const login = daysSinceLoginIn(t);
  if (login) out.push(login);
  out.push(...renewalIn(t, today));
  if (!change) out.push(...scoreIn(t, "health", "health"));
  out.push(...scoreIn(t, "churn risk|churn probability|churn|risk", "churn_risk"));
  if (/\bhigh(?:er)? churn risk\b|\bhigh risk of churn\b/.test(t) && !out.some((c) => c.metric === "churn_risk"))
    out.push({ metric: "churn_risk", op: "gte", value: 50 });
  out.push(...scoreIn(t, "adoption|feature adoption", "adoption"));
  if (/\blow adoption\b|\bpoor adoption\b/.test(t) && !out.some((c) => c.metric === "adoption"))
    out.push({ metric: "adoption", op: "lt", value: 50 });
  out.push(...arrIn(t));
  return out;
}
