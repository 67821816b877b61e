import { describe, expect, it } from "vitest";

import { crossValidate, stratifiedFolds, strongestFactors } from "./cross-validation";
import { buildDataset, parseCsv, parseNumber, parseTarget } from "./tabular";

describe("CSV input for churn:evaluate", () => {
  it("parses quoted cells, escaped quotes, CRLF, a BOM and blank lines", () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n\n1,"multi\nline"\n')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["1", "multi\nline"],
    ]);
  });

  it("reads numbers as people type them, and nothing else", () => {
    expect(["$1,200", " 12 ", "45%", "-3.5", "1e3", ".5"].map(parseNumber)).toEqual([1200, 12, 45, -3.5, 1000, 0.5]);
    expect(["", "n/a", "12abc", "--1", "$"].map(parseNumber)).toEqual([null, null, null, null, null]);
  });

  it("reads the target as yes/no, true/false, 1/0 in any case", () => {
    expect(["Yes", "TRUE", "1", " y ", "no", "False", "0", "N"].map(parseTarget)).toEqual([1, 1, 1, 1, 0, 0, 0, 0]);
    expect(["maybe", "", "2"].map(parseTarget)).toEqual([null, null, null]);
  });

  it("builds features from messy columns and reports what it did", () => {
    const csv = [
      "id,arr,tier,notes,churned",
      ...Array.from(
        { length: 12 },
        (_, i) =>
          `${i},${i % 4 === 0 ? "" : i === 5 ? "n/a" : `"$${i},000"`},${i % 2 ? "gold" : "silver"},${i === 3 ? "x" : ""},${i % 3 === 0 ? "yes" : "no"}`,
      ),
      "99,1,gold,,perhaps",
      "100,2,gold",
    ].join("\n");
    const d = buildDataset(csv, "churned", "id");
    expect(d.rows).toEqual({ total: 14, used: 12, skipped_target: 1, skipped_width: 1 });
    // tier: two common values, so one indicator against the other; notes: mostly blank, one rare value pooled.
    expect(d.features).toEqual(["arr", "arr missing", "tier = silver", "notes = (blank)"]);
    expect(d.columns.find((c) => c.name === "arr")).toMatchObject({ kind: "numeric", blanks: 3, unreadable: 1 });
    expect(d.columns.find((c) => c.name === "notes")).toMatchObject({
      kind: "categorical",
      note: "1 rare values pooled",
    });
    const mean = [1, 2, 3, 6, 7, 9, 10, 11].reduce((a, b) => a + b * 1000, 0) / 8;
    expect(d.X[0]).toEqual([mean, 1, 1, 1]); // id 0: blank ARR, silver, no notes
    expect(d.X[1]).toEqual([1000, 0, 0, 1]);
    expect(d.X[3]).toEqual([3000, 0, 0, 0]); // the one note
    expect(d.ids.slice(0, 2)).toEqual(["0", "1"]);
    expect(d.y.filter((v) => v === 1)).toHaveLength(4);
  });

  it("names a missing target or id column", () => {
    expect(() => buildDataset("a,b\n1,2", "churn")).toThrow(/no column named "churn"; columns are: a, b/);
    expect(() => buildDataset("a,b\n1,yes", "b", "id")).toThrow(/no id column named "id"/);
  });
});

describe("cross-validation", () => {
  it("spreads churners evenly over stratified folds", () => {
    const y = Array.from({ length: 100 }, (_, i) => (i < 20 ? 1 : 0)) as (0 | 1)[];
    const folds = stratifiedFolds(y, 5);
    for (let f = 0; f < 5; f++) expect(y.filter((v, i) => v === 1 && folds[i] === f)).toHaveLength(4);
  });

  it("scores held-out rows: a real signal ranks well, noise near chance", () => {
    const n = 600;
    const x = Array.from({ length: n }, (_, i) => (Math.sin(i * 12.9898) * 43758.5453) % 1);
    const y = x.map((v, i) => ((v > 0.2 ? 1 : 0) ^ (i % 10 === 0 ? 1 : 0)) as 0 | 1);
    const signal = crossValidate(
      x.map((v) => [v]),
      y,
      5,
    );
    expect(signal.auc).toBeGreaterThan(0.8);
    const noise = crossValidate(
      x.map((_, i) => [(Math.cos(i * 7.13) * 1000) % 1]),
      y,
      5,
    );
    expect(noise.auc).toBeGreaterThan(0.35);
    expect(noise.auc).toBeLessThan(0.65);
    expect(
      strongestFactors(
        ["x"],
        x.map((v) => [v]),
        y,
      )[0].direction,
    ).toBe("raises");
  });

  it("refuses folds without both classes", () => {
    expect(() => crossValidate([[1], [2], [3]], [1, 0, 0], 2)).toThrow(/each of the 2 folds needs churners/);
    expect(() => crossValidate([[1]], [1], 1)).toThrow(/at least 2/);
  });
});
