import { addDays, daysBetween } from "#worker/core/dates";

import { churnLabel, nextRenewalAfter } from "./churn-features";
import type { Labelled, Observation } from "./churn-model";
import { accuracy, auc, brier, type CalibrationBin, calibrationTable, topDecile } from "./metrics";
import type { CandidateKind, CandidateResult, Fold, Selection } from "./model-selection";

// The honest accuracy of the churn model: rolling-origin cross-validation over observation
// dates. For each cutoff (270, 180 and 90 days before the anchor) the candidates learn only from
// renewals decided before it and are scored on the observations of the following 90 days against
// what happened at their next renewal. Nothing a fold is tested on was known when it trained, as
// it would be for a model used in production.

export const FOLD_OFFSETS = [270, 180, 90] as const;
export const FOLD_DAYS = 90;

export interface Evaluation {
  rows: number;
  churns: number;
  auc: number | null;
  brier: number | null;
  accuracy: number | null;
  top_decile: { precision: number | null; recall: number | null; size: number };
  calibration: CalibrationBin[];
}

export interface Backtest {
  method: "rolling-origin";
  /** The first fold's cutoff; every scored observation is on or after it. */
  cutoff: string;
  test_to: string;
  folds: {
    cutoff: string;
    test_to: string;
    train_rows: number;
    train_churned: number;
    test_rows: number;
    test_churns: number;
  }[];
  /** Rows of the first fold's training set (what the earliest model learned from). */
  train: { rows: number; churned: number };
  selected: CandidateKind;
  candidates: CandidateResult[];
  /** The winner's calibrated out-of-fold probabilities: will the next renewal be lost? */
  next_renewal: Evaluation;
  /** Churn within 30/60/90 days of each test observation. */
  horizons: ({ horizon: 30 | 60 | 90 } & Evaluation)[];
}

/** A fold whose model learned from fewer lost renewals than this says little about the model used today. */
export const MIN_TRAIN_CHURNED_RENEWALS = 10;

/**
 * Folds with both outcomes on each side of the cutoff; young portfolios may have none. Folds
 * trained on fewer than MIN_TRAIN_CHURNED_RENEWALS lost renewals are left out when another fold
 * has enough (on the demo book the earliest fold learned from 3 churns: its model was far weaker
 * than today's, and mixing its scores in understated today's accuracy).
 */
export function timeFolds(rows: readonly Labelled[], anchor: string): Fold[] {
  const all = candidateFolds(rows, anchor);
  const churned = (f: Fold) =>
    new Set(f.train.filter((i) => rows[i].y === 1).map((i) => `${rows[i].o.client.id}|${rows[i].renewal}`)).size;
  const enough = all.filter((f) => churned(f) >= MIN_TRAIN_CHURNED_RENEWALS);
  return enough.length ? enough : all;
}

function candidateFolds(rows: readonly Labelled[], anchor: string): Fold[] {
  const folds: Fold[] = [];
  for (const back of FOLD_OFFSETS) {
    const cutoff = addDays(anchor, -back);
    const end = addDays(cutoff, FOLD_DAYS);
    const train: number[] = [];
    const test: number[] = [];
    rows.forEach((r, i) => {
      // Learned from: seen before the cutoff, and its renewal decided by then.
      if (r.o.date < cutoff && r.renewal <= cutoff) train.push(i);
      else if (r.o.date >= cutoff && r.o.date < end) test.push(i);
    });
    const both = (idx: number[]) => idx.some((i) => rows[i].y === 1) && idx.some((i) => rows[i].y === 0);
    if (both(train) && both(test)) folds.push({ train, test, label: cutoff });
  }
  return folds;
}

export function evaluate(p: readonly number[], y: readonly (0 | 1)[]): Evaluation {
  return {
    rows: y.length,
    churns: y.filter((v) => v === 1).length,
    auc: nullableRound(auc(p, y)),
    brier: nullableRound(brier(p, y)),
    accuracy: nullableRound(accuracy(p, y)),
    top_decile: topDecile(p, y),
    calibration: calibrationTable(p, y),
  };
}

/** Churn within H days: only a renewal ends a contract, so it is the renewal risk if one falls inside. */
export const horizonProbability = (p: number, daysToRenewal: number | null, h: number) =>
  daysToRenewal !== null && daysToRenewal <= h ? round(p) : 0;

export function backtestFromSelection(
  all: readonly Observation[],
  rows: readonly Labelled[],
  folds: readonly Fold[],
  s: Selection,
  anchor: string,
): Backtest {
  const tested = [...new Set(folds.flatMap((f) => f.test))];
  const ranges = folds.map((f) => ({ from: f.label!, to: addDays(f.label!, FOLD_DAYS) }));
  const prob = new Map<Observation, number>();
  for (const i of tested) prob.set(rows[i].o, s.oof[i]);
  // Observations farther than 90 days from their renewal have a 0 risk within any horizon; they
  // count in the horizon figures as they would in production.
  const inTest = all.filter((o) => ranges.some((r) => o.date >= r.from && o.date < r.to));
  const horizons = ([30, 60, 90] as const).map((h) => {
    const known = inTest.flatMap((o) => {
      const renewal = nextRenewalAfter(o.client, o.date);
      const days = renewal ? daysBetween(o.date, renewal) : null;
      const y = churnLabel(o.client, anchor, o.k, h);
      if (y === null) return [];
      const inside = days !== null && days <= h;
      const p = prob.get(o);
      // A renewal inside the horizon whose outcome is unknown cannot be scored: leave it out.
      if (inside && p === undefined) return [];
      return [{ p: inside ? horizonProbability(p!, days, h) : 0, y }];
    });
    return {
      horizon: h,
      ...evaluate(
        known.map((k) => k.p),
        known.map((k) => k.y),
      ),
    };
  });
  const first = folds[0];
  return {
    method: "rolling-origin",
    cutoff: ranges[0].from,
    test_to: anchor,
    folds: folds.map((f, j) => ({
      cutoff: ranges[j].from,
      test_to: ranges[j].to < anchor ? ranges[j].to : anchor,
      train_rows: f.train.length,
      train_churned: f.train.filter((i) => rows[i].y === 1).length,
      test_rows: f.test.length,
      test_churns: f.test.filter((i) => rows[i].y === 1).length,
    })),
    train: { rows: first.train.length, churned: first.train.filter((i) => rows[i].y === 1).length },
    selected: s.winner,
    candidates: s.candidates,
    next_renewal: evaluate(
      tested.map((i) => s.oof[i]),
      tested.map((i) => rows[i].y),
    ),
    horizons,
  };
}

const round = (v: number) => Math.round(v * 10_000) / 10_000;
const nullableRound = (v: number | null) => (v === null ? null : round(v));
