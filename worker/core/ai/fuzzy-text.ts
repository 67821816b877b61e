// Tolerant text matching for the chat's local intent parser: people type fast, misspell client
// names ("Acme Crop") and keywords ("upsel"), and write possessives ("Acme's"). Everything here
// is deterministic so the same message always parses the same way.

/** Lower case, accents and apostrophes dropped ("Acme's" → "acme s"), runs of other symbols → one space. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/(\d),(?=\d{3}\b)/g, "$1")
    .replace(/[’‘`]/g, "'")
    .replace(/'/g, " ")
    .replace(/[^a-z0-9$%.]+/g, " ")
    .replace(/(^|\s)\.+|\.+(\s|$)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export const tokens = (text: string): string[] => normalizeText(text).split(" ").filter(Boolean);

/** Optimal-string-alignment distance (Levenshtein plus adjacent swaps), stopping early past `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    rows.push(row);
    if (best > max) return max + 1;
  }
  return rows[a.length][b.length];
}

/** How many typos a word of this length may carry and still count as that word. */
export const allowedTypos = (word: string): number => (word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0);

/** A three-letter word may be a longer word missing one letter ("rsk" for "risk"), nothing looser. */
const shortWordMatches = (w: string, v: string) => v.length === w.length + 1 && editDistance(w, v, 1) === 1;

/** Each unknown word is replaced by the closest vocabulary word within its typo allowance (ties: keep it). */
export function correctTypos(words: string[], vocabulary: ReadonlySet<string>): string[] {
  const vocab = [...vocabulary];
  return words.map((w) => {
    if (vocabulary.has(w) || /\d/.test(w) || w.length < 3) return w;
    if (w.length === 3) {
      const hits = vocab.filter((v) => shortWordMatches(w, v));
      return hits.length === 1 ? hits[0] : w;
    }
    let best: string | null = null;
    let bestD = allowedTypos(w) + 1;
    let tie = false;
    for (const v of vocab) {
      if (Math.abs(v.length - w.length) > 2) continue;
      const d = editDistance(w, v, bestD);
      if (d < bestD) [best, bestD, tie] = [v, d, false];
      else if (d === bestD && best !== null && v !== best) tie = true;
    }
    return best && !tie && bestD <= allowedTypos(w) ? best : w;
  });
}

export interface NamedThing {
  id: string;
  name: string;
}

/** `matched`: the name's words found (a typo or prefix counts a little less than 1); `complete`: all of them. */
export interface NameMatch<T extends NamedThing> {
  item: T;
  matched: number;
  complete: boolean;
}

/**
 * Things whose name the message mentions, best first. A name counts as mentioned when its first
 * word is in the message (exactly, as a prefix such as "corp" for "corporation", or with a typo
 * when the message word is not an ordinary word of the question). More of the name found ranks
 * higher, and a name found whole beats a longer one found in part: "Aspen Health" is Aspen Health,
 * not Aspen Health System; "Aspen" alone is both (the caller asks which).
 */
export function findNamesInText<T extends NamedThing>(
  words: string[],
  items: T[],
  ordinaryWords: ReadonlySet<string>,
): NameMatch<T>[] {
  const matches: NameMatch<T>[] = [];
  for (const item of items) {
    const nameWords = tokens(item.name);
    if (nameWords.length === 0) continue;
    let start = -1;
    let score = 0;
    let found = 0;
    let pos = 0;
    for (let k = 0; k < nameWords.length; k++) {
      const hit = wordAt(
        words,
        nameWords[k],
        pos,
        k === 0 ? ordinaryWords : NONE,
        k === 0 ? words.length : Math.min(words.length, pos + 1),
      );
      if (!hit) {
        if (k === 0) break;
        continue;
      }
      if (k === 0) start = hit.index;
      score += hit.weight;
      found += 1;
      pos = hit.index + 1;
    }
    if (start < 0) continue;
    // A name that starts with an everyday word ("Summit", "First") needs a second word to count.
    if (ordinaryWords.has(nameWords[0]) && nameWords.length > 1 && score < 1.8) continue;
    matches.push({ item, matched: Math.round(score * 10) / 10, complete: found === nameWords.length });
  }
  return matches.sort(
    (a, b) =>
      b.matched - a.matched || Number(b.complete) - Number(a.complete) || a.item.name.localeCompare(b.item.name),
  );
}

const NONE: ReadonlySet<string> = new Set();

/** The first message word from `from` (before `until`) that stands for `nameWord`, with how well. */
function wordAt(
  words: string[],
  nameWord: string,
  from: number,
  ordinary: ReadonlySet<string>,
  until: number,
): { index: number; weight: number } | null {
  for (let i = from; i < until; i++) {
    const w = words[i];
    if (w === nameWord) return { index: i, weight: 1 };
    if (w.length >= 4 && nameWord.startsWith(w) && !ordinary.has(w)) return { index: i, weight: 0.9 };
    if (
      !ordinary.has(w) &&
      w.length >= 3 &&
      nameWord.length >= 4 &&
      editDistance(w, nameWord, 2) <= Math.max(1, allowedTypos(nameWord))
    )
      return { index: i, weight: 0.8 };
  }
  return null;
}
