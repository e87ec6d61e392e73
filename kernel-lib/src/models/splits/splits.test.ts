import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../errors.js";
import { buildDataset } from "../dataset/build.js";
import { purgedKFoldSplits } from "./purged-kfold.js";
import { splitDataset } from "./split.js";
import { trainTestSplit } from "./train-test.js";
import type { SplitInput } from "./types.js";
import { walkForwardSplits } from "./walk-forward.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const day = (k: number) => T0 + k * DAY;
const ids = (a: Int32Array) => Array.from(a);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** One ticker, one row per day 0..n−1, label window [day t, day t+h]. */
function daily(n: number, h: number): SplitInput {
  return { ts: Float64Array.from(range(0, n - 1), day), labelEndTs: Float64Array.from(range(0, n - 1), (t) => day(t + h)) };
}
const loose = { minTrainRows: 1, minTestRows: 1 };

describe("trainTestSplit", () => {
  it("by fraction: the last 30% of times are the test; the h rows whose label reaches it are purged", () => {
    // 10 days, h = 2: test = round(0.3 × 10) = 3 days → days 7, 8, 9. Rows 5 and 6 end their
    // labels on days 7 and 8, inside the test → purged. Train: days 0..4.
    const { folds } = trainTestSplit(daily(10, 2), { testFraction: 0.3, ...loose });
    const [f] = folds;
    expect(ids(f.test)).toEqual([7, 8, 9]);
    expect(ids(f.train)).toEqual([0, 1, 2, 3, 4]);
    expect(f.purged).toBe(2);
    expect(f.embargoed).toBe(0);
    expect([f.trainStart, f.trainEnd, f.testStart, f.testEnd, f.testLabelEnd]).toEqual([day(0), day(4), day(7), day(9), day(11)]);
  });

  it("by date: the test starts at the first bar on or after the date", () => {
    const input = daily(10, 1);
    // day 6 is the first bar ≥ 2024-01-06 12:00; row 5 (label ends on day 6) is purged
    const { folds } = trainTestSplit(input, { testStart: new Date(day(5) + DAY / 2).toISOString(), ...loose });
    expect(ids(folds[0].test)).toEqual([6, 7, 8, 9]);
    expect(ids(folds[0].train)).toEqual([0, 1, 2, 3, 4]);
    expect(trainTestSplit(input, { testStart: "2024-01-07", ...loose }).folds[0].testStart).toBe(day(6));
  });

  it("splits a panel by time: every ticker is cut at the same instant", () => {
    // ticker A on days 0..5, ticker B on days 2..7, stacked A then B; h = 1
    const ts = Float64Array.from([0, 1, 2, 3, 4, 5, 2, 3, 4, 5, 6, 7], day);
    const labelEndTs = Float64Array.from([1, 2, 3, 4, 5, 6, 3, 4, 5, 6, 7, 8], day);
    // 8 distinct days, test = round(0.25 × 8) = 2 → days 6, 7 (only B has them)
    const { folds } = trainTestSplit({ ts, labelEndTs }, { testFraction: 0.25, ...loose });
    expect(ids(folds[0].test)).toEqual([10, 11]);
    // purged: rows whose label ends on day ≥ 6: A's day 5 (row 5) and B's day 5 (row 9)
    expect(ids(folds[0].train)).toEqual([0, 1, 2, 3, 4, 6, 7, 8]);
    expect(folds[0].purged).toBe(2);
  });

  it("rejects a split that leaves too few rows, with the numbers", () => {
    const input = daily(10, 2);
    expect(() => trainTestSplit(input, { testFraction: 0.3 })).toThrow(
      /The split keeps 5 training rows after purging 2 and embargoing 0 rows .* needs at least 10/,
    );
    expect(() => trainTestSplit(input, { testFraction: 0.1, minTestRows: 2, minTrainRows: 1 })).toThrow(/has 1 test rows .* at least 2/);
    expect(() => trainTestSplit(input, { testStart: "2023-12-01", ...loose })).toThrow(/at or before the first bar.*nothing is left to train on/);
    expect(() => trainTestSplit(input, { testStart: "2025-01-01", ...loose })).toThrow(/after the last bar \(2024-01-10\)/);
    expect(() => trainTestSplit(input, { testFraction: 0.99, ...loose })).toThrow(/leaves none to train on/);
    expect(() => trainTestSplit(input, { testFraction: 0.2, testStart: "2024-01-05" })).toThrow(/exactly one of testStart/);
    expect(() => trainTestSplit(input, {})).toThrow(InvalidInput);
    expect(() => trainTestSplit(input, { testStart: "2024-13-45" })).toThrow(/not a date/);
  });
});

describe("walkForwardSplits", () => {
  it("expanding: test blocks at the end, training on everything before minus the purge of h bars", () => {
    // 12 days, 3 folds → testSize ⌊12 / 4⌋ = 3: tests days 3–5, 6–8, 9–11. h = 1 purges the one
    // row before each block (its label ends on the block's first day).
    const { folds } = walkForwardSplits(daily(12, 1), { folds: 3, ...loose });
    expect(folds.map((f) => ids(f.test))).toEqual([range(3, 5), range(6, 8), range(9, 11)]);
    expect(folds.map((f) => ids(f.train))).toEqual([range(0, 1), range(0, 4), range(0, 7)]);
    expect(folds.map((f) => f.purged)).toEqual([1, 1, 1]);
  });

  it("rolling: each training set spans the last `window` bar times before the purge zone", () => {
    const { folds } = walkForwardSplits(daily(12, 2), { folds: 2, mode: "rolling", window: 3, testSize: 3, ...loose });
    // tests: days 6–8 and 9–11; h = 2 purges 2 rows; then the last 3 days remain
    expect(folds.map((f) => ids(f.test))).toEqual([range(6, 8), range(9, 11)]);
    expect(folds.map((f) => ids(f.train))).toEqual([range(1, 3), range(4, 6)]);
    expect(folds.map((f) => f.purged)).toEqual([2, 2]);
  });

  it("the embargo has nothing to remove: no training row follows its test fold", () => {
    const { folds, embargoBars } = walkForwardSplits(daily(12, 1), { folds: 3, embargo: 4, ...loose });
    expect(embargoBars).toBe(4);
    expect(folds.map((f) => f.embargoed)).toEqual([0, 0, 0]);
    for (const f of folds) expect(Math.max(...Array.from(f.train, (r) => day(r)))).toBeLessThan(f.testStart);
  });

  it("rejects too many folds or too few rows, with the numbers", () => {
    expect(() => walkForwardSplits(daily(5, 1), { folds: 5, ...loose })).toThrow(/5 folds needs at least 6 distinct bar times.*has 5/);
    expect(() => walkForwardSplits(daily(12, 1), { folds: 3, testSize: 4, ...loose })).toThrow(/3 folds of 4 bar times needs more than 12/);
    expect(() => walkForwardSplits(daily(12, 1), { folds: 3 })).toThrow(/Fold 1 of 3 keeps 2 training rows after purging 1 .* at least 10/);
    expect(() => walkForwardSplits(daily(12, 1), { folds: 3, mode: "rolling" })).toThrow(/rolling walk-forward needs window/);
    expect(() => walkForwardSplits(daily(12, 1), { folds: 0 })).toThrow(/folds: must be at least 1/);
  });
});

describe("purgedKFoldSplits", () => {
  it("purges on both sides of the test block and embargoes after it", () => {
    // 10 days in 3 blocks (4, 3, 3 days): 0–3, 4–6, 7–9; h = 1, embargo 2 bars
    const { folds } = purgedKFoldSplits(daily(10, 1), { folds: 3, embargo: 2, ...loose });
    expect(folds.map((f) => ids(f.test))).toEqual([range(0, 3), range(4, 6), range(7, 9)]);
    // fold 0: labels of the test reach day 4 → row 4 purged (starts ≤ day 4); days 5, 6 embargoed
    // fold 1: row 3 purged (label ends on day 4), row 7 purged (starts ≤ day 7); days 8, 9 embargoed
    // fold 2: row 6 purged (label ends on day 7); nothing after the block
    expect(folds.map((f) => ids(f.train))).toEqual([range(7, 9), range(0, 2), range(0, 5)]);
    expect(folds.map((f) => [f.purged, f.embargoed])).toEqual([
      [1, 2],
      [2, 2],
      [1, 0],
    ]);
  });

  it("an embargo fraction is rounded up to whole bars of the distinct times", () => {
    // ⌈0.01 × 10⌉ = 1 bar
    const split = purgedKFoldSplits(daily(10, 1), { folds: 2, embargo: { fraction: 0.01 }, ...loose });
    expect(split.embargoBars).toBe(1);
    // fold 0: test days 0–4, label reach day 5 → row 5 purged, row 6 embargoed
    expect(ids(split.folds[0].train)).toEqual(range(7, 9));
  });

  it("rejects too many folds for the rows, with the numbers", () => {
    expect(() => purgedKFoldSplits(daily(3, 1), { folds: 4, ...loose })).toThrow(/4 folds needs at least 4 distinct bar times; the dataset has 3/);
    expect(() => purgedKFoldSplits(daily(10, 1), { folds: 1 })).toThrow(/folds: must be at least 2/);
    expect(() => purgedKFoldSplits(daily(10, 1), { folds: 2, embargo: -1 })).toThrow(InvalidInput);
    expect(() => purgedKFoldSplits(daily(10, 1), { folds: 2, embargo: { fraction: 1 } })).toThrow(/< 1/);
  });
});

describe("splitDataset", () => {
  it("dispatches on the method and works on a built dataset", () => {
    const n = 40;
    const close = Float64Array.from(range(0, n - 1), (t) => 100 + Math.sin(t));
    const ts = Float64Array.from(range(0, n - 1), day);
    const d = buildDataset([{ ticker: "AAA", ts, close, features: { f: Float64Array.from(close) } }], { horizon: 3, task: "regression" });
    const split = splitDataset(d, { method: "walk_forward", folds: 2, testSize: 5 });
    expect(split.method).toBe("walk_forward");
    // 37 labelled rows (days 0..36); tests days 27–31 and 32–36; purge of 3 bars before each
    expect(split.folds.map((f) => [f.train.length, f.test.length, f.purged])).toEqual([
      [24, 5, 3],
      [29, 5, 3],
    ]);
    expect(splitDataset(d, { method: "purged_kfold", folds: 3 }).folds).toHaveLength(3);
    expect(splitDataset(d, { method: "train_test", testFraction: 0.25 }).folds).toHaveLength(1);
    expect(() => splitDataset(d, { method: "shuffle" } as never)).toThrow(InvalidInput);
  });

  it("rejects input without label ends, or with mismatched lengths", () => {
    expect(() => trainTestSplit({ ts: new Float64Array(3) } as SplitInput, { testFraction: 0.5 })).toThrow(/labelEndTs/);
    expect(() => trainTestSplit({ ts: new Float64Array(3), labelEndTs: new Float64Array(2) }, { testFraction: 0.5 })).toThrow(
      /3 times but 2 label ends/,
    );
    expect(() => trainTestSplit({ ts: Float64Array.of(5), labelEndTs: Float64Array.of(4) }, { testFraction: 0.5 })).toThrow(/label end ≥ time/);
  });
});
