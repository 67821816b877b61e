// Synthetic telecom-style accounts that look like the public Orange churn data (plans, minutes,
// charges, customer-service calls), with a known truth, for testing model selection:
//   - "linear": churn log-odds are a straight sum of the standardised columns, so logistic
//     regression is the right model and anything fancier can only add variance;
//   - "interactions": churn comes from thresholds and interactions (4+ service calls; heavy day
//     use only matters without an international plan... ), as in the real data, so trees win.

export type Truth = "linear" | "interactions";

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

export const LOOKALIKE_FEATURES = [
  "account_length",
  "international_plan",
  "voice_mail_plan",
  "vmail_messages",
  "day_minutes",
  "day_calls",
  "eve_minutes",
  "night_minutes",
  "intl_minutes",
  "intl_calls",
  "service_calls",
];

export function lookalike(n: number, truth: Truth, seed: number): { X: number[][]; y: (0 | 1)[] } {
  const r = rng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
  const poisson = (l: number) => {
    let k = 0;
    for (let p = Math.exp(-l), s = r(); s > p; s *= r()) k++;
    return k;
  };
  const X: number[][] = [];
  const y: (0 | 1)[] = [];
  for (let i = 0; i < n; i++) {
    const intl = r() < 0.1 ? 1 : 0;
    const vmail = r() < 0.28 ? 1 : 0;
    const x = [
      100 + 40 * normal(),
      intl,
      vmail,
      vmail ? Math.max(0, 29 + 8 * normal()) : 0,
      Math.max(0, 180 + 54 * normal()),
      100 + 20 * normal(),
      Math.max(0, 200 + 50 * normal()),
      Math.max(0, 200 + 50 * normal()),
      Math.max(0, 10 + 2.8 * normal()),
      poisson(4.5),
      poisson(1.5),
    ];
    let z: number;
    if (truth === "linear") {
      z =
        -2.2 +
        0.9 * intl -
        0.6 * vmail +
        0.012 * (x[4] - 180) +
        0.006 * (x[6] - 200) +
        0.004 * (x[7] - 200) +
        0.09 * (x[8] - 10) -
        0.08 * (x[9] - 4.5) +
        0.45 * (x[10] - 1.5);
    } else {
      const heavyDay = x[4] > 245;
      z =
        -3.2 +
        (x[10] >= 4 ? (x[4] < 160 ? 3.4 : 1.2) : 0) +
        (intl ? (x[8] > 13 || x[9] < 3 ? 3.5 : -0.3) : heavyDay ? (vmail ? 0.4 : 2.8) : 0) +
        (heavyDay && x[6] > 230 ? 1.2 : 0);
    }
    X.push(x);
    y.push(r() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
  }
  return { X, y };
}
