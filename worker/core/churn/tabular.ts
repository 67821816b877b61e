// Any CSV of historical accounts turned into a numeric design matrix for the churn model's own
// logistic regression (`npm run churn:evaluate`). Messy input is handled and reported, never
// fatal: "$1,200", "45%" and " 12 " are numbers; blanks and unreadable cells in a numeric column
// become the column mean plus a "<column> missing" indicator (a column is numeric when 80% of
// its filled cells are numbers); a text column becomes one
// indicator per frequent value.

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ""));
}

/** A number from how people type numbers in spreadsheets; null when it is not one. */
export function parseNumber(raw: string): number | null {
  const s = raw.trim().replace(/^\$/, "").replace(/,/g, "").replace(/%$/, "").trim();
  if (s === "" || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return null;
  return Number(s);
}

const TRUE = new Set(["yes", "y", "true", "t", "1", "churned", "churn"]);
const FALSE = new Set(["no", "n", "false", "f", "0", "retained", "renewed"]);
export function parseTarget(raw: string): 0 | 1 | null {
  const s = raw.trim().toLowerCase();
  return TRUE.has(s) ? 1 : FALSE.has(s) ? 0 : null;
}

export interface ColumnReport {
  name: string;
  kind: "numeric" | "categorical" | "skipped";
  blanks: number;
  unreadable: number;
  levels?: number;
  note?: string;
}

export interface Dataset {
  features: string[];
  X: number[][];
  y: (0 | 1)[];
  ids: string[];
  columns: ColumnReport[];
  rows: { total: number; used: number; skipped_target: number; skipped_width: number };
}

const MAX_LEVELS = 20;

export function buildDataset(text: string, target: string, idColumn?: string): Dataset {
  const [header, ...body] = parseCsv(text);
  if (!header) throw new Error("the CSV is empty");
  const names = header.map((h) => h.trim());
  const t = names.indexOf(target);
  if (t < 0) throw new Error(`no column named "${target}"; columns are: ${names.join(", ")}`);
  const idIdx = idColumn ? names.indexOf(idColumn) : -1;
  if (idColumn && idIdx < 0) throw new Error(`no id column named "${idColumn}"`);
  let skippedTarget = 0;
  let skippedWidth = 0;
  const kept: { cells: string[]; y: 0 | 1 }[] = [];
  for (const cells of body) {
    if (cells.length !== names.length) {
      skippedWidth++;
      continue;
    }
    const y = parseTarget(cells[t]);
    if (y === null) {
      skippedTarget++;
      continue;
    }
    kept.push({ cells, y });
  }
  const features: string[] = [];
  const columns: ColumnReport[] = [];
  const extractors: ((cells: string[]) => number)[] = [];
  names.forEach((name, j) => {
    if (j === t || j === idIdx) return;
    const values = kept.map((r) => r.cells[j].trim());
    const blanks = values.filter((v) => v === "").length;
    const nonBlank = values.filter((v) => v !== "");
    const numbers = nonBlank.map(parseNumber);
    const readable = numbers.filter((v) => v !== null).length;
    if (nonBlank.length === 0) {
      columns.push({ name, kind: "skipped", blanks, unreadable: 0, note: "every value is blank" });
      return;
    }
    if (readable / nonBlank.length >= 0.8) {
      const known = numbers.filter((v): v is number => v !== null);
      const mean = known.reduce((a, b) => a + b, 0) / known.length;
      const unreadable = nonBlank.length - readable;
      features.push(name);
      extractors.push((cells) => parseNumber(cells[j]) ?? mean);
      if (blanks + unreadable > 0) {
        features.push(`${name} missing`);
        extractors.push((cells) => (parseNumber(cells[j]) === null ? 1 : 0));
      }
      columns.push({
        name,
        kind: "numeric",
        blanks,
        unreadable,
        note: blanks + unreadable ? "missing values take the column mean, with an indicator" : undefined,
      });
      return;
    }
    // Text: one indicator per value seen at least 5 times (the 20 most frequent), the rest pooled.
    const counts = new Map<string, number>();
    for (const v of values) counts.set(v || "(blank)", (counts.get(v || "(blank)") ?? 0) + 1);
    const ordered = [...counts].sort((a, b) => b[1] - a[1]);
    const levels = ordered
      .filter(([, n]) => n >= 5)
      .slice(0, MAX_LEVELS)
      .map(([v]) => v);
    const pooled = ordered.length - levels.length;
    // With nothing pooled, the least frequent kept value is the baseline the others compare to.
    if (levels.length > 1 && pooled === 0) levels.pop();
    for (const level of levels) {
      features.push(`${name} = ${level}`);
      extractors.push((cells) => ((cells[j].trim() || "(blank)") === level ? 1 : 0));
    }
    columns.push({
      name,
      kind: levels.length ? "categorical" : "skipped",
      blanks,
      unreadable: 0,
      levels: counts.size,
      note: levels.length ? (pooled ? `${pooled} rare values pooled` : undefined) : "no value occurs 5 times",
    });
  });
  return {
    features,
    X: kept.map((r) => extractors.map((f) => f(r.cells))),
    y: kept.map((r) => r.y),
    ids: kept.map((r, i) => (idIdx >= 0 ? r.cells[idIdx] : String(i + 1))),
    columns,
    rows: { total: body.length, used: kept.length, skipped_target: skippedTarget, skipped_width: skippedWidth },
  };
}
