import { describe, expect, it } from "vitest";
import { accuracy, confusion, f1Score, LOG_LOSS_EPSILON, logLoss, precision, recall, rocAuc } from "./classification.js";
import { classificationMetrics } from "./summary.js";

const f64 = (values: number[]) => Float64Array.from(values);
const yTrue = f64([0, 0, 1, 1, 1, 0]);
const prob = f64([0.1, 0.6, 0.8, 0.4, 0.9, 0.3]);

describe("classification metrics, hand-worked", () => {
  // class = p > 0.5 → 0, 1, 1, 0, 1, 0: TP = rows 2, 4; FP = row 1; FN = row 3; TN = rows 0, 5
  it("confusion at 0.5", () => {
    expect(confusion(yTrue, prob)).toEqual({ truePositive: 2, falsePositive: 1, trueNegative: 2, falseNegative: 1 });
  });
  it("accuracy 4/6, precision 2/3, recall 2/3, F1 2/3", () => {
    expect(accuracy(yTrue, prob)).toBeCloseTo(4 / 6, 15);
    expect(precision(yTrue, prob)).toBeCloseTo(2 / 3, 15);
    expect(recall(yTrue, prob)).toBeCloseTo(2 / 3, 15);
    expect(f1Score(yTrue, prob)).toBeCloseTo(2 / 3, 15);
  });
  it("the threshold moves the class boundary; p equal to the threshold is class 0", () => {
    // at 0.35: classes 0, 1, 1, 1, 1, 0 → TP 3, FP 1, FN 0
    expect(precision(yTrue, prob, 0.35)).toBeCloseTo(3 / 4, 15);
    expect(recall(yTrue, prob, 0.35)).toBe(1);
    expect(confusion(f64([1]), f64([0.5])).falseNegative).toBe(1);
  });
  it("ROC AUC = pairs where the positive scores higher / all pairs = 8/9", () => {
    // positives 0.8 > {0.1, 0.6, 0.3}: 3; 0.4 > {0.1, 0.3}: 2; 0.9: 3 → 8 of 3 × 3
    expect(rocAuc(yTrue, prob)).toBeCloseTo(8 / 9, 15);
  });
  it("ROC AUC counts a tie as one half", () => {
    // positives 0.5 and 0.7, negatives 0.5 and 0.2: 0.5 vs 0.5 = ½, 0.5 > 0.2, 0.7 > both → 3.5 / 4
    expect(rocAuc(f64([0, 1, 0, 1]), f64([0.5, 0.5, 0.2, 0.7]))).toBe(0.875);
  });
  it("log loss = −mean ln(probability given to the true class)", () => {
    const expected = -(Math.log(0.9) + Math.log(0.4) + Math.log(0.8) + Math.log(0.4) + Math.log(0.9) + Math.log(0.7)) / 6;
    expect(logLoss(yTrue, prob)).toBeCloseTo(expected, 14);
  });
  it("log loss clips probabilities at 1e-15: a certain miss costs −ln(1e-15)", () => {
    expect(logLoss(f64([1]), f64([0]))).toBeCloseTo(-Math.log(LOG_LOSS_EPSILON), 12);
    expect(logLoss(f64([0, 1]), f64([0, 1]))).toBeCloseTo(-Math.log(1 - LOG_LOSS_EPSILON), 12);
  });
  it("undefined ratios are NaN", () => {
    expect(precision(f64([0, 1]), f64([0.1, 0.2]))).toBeNaN(); // nothing predicted positive
    expect(recall(f64([0, 0]), f64([0.1, 0.9]))).toBeNaN(); // no positive label
    expect(f1Score(f64([0, 0]), f64([0.1, 0.2]))).toBeNaN(); // TP + FP + FN = 0
    expect(f1Score(f64([1, 0]), f64([0.1, 0.2]))).toBe(0); // TP = 0 but a positive was missed
    expect(rocAuc(f64([1, 1]), f64([0.1, 0.9]))).toBeNaN(); // one class only
  });
  it("classificationMetrics gathers them all", () => {
    const m = classificationMetrics(yTrue, prob);
    expect(m.n).toBe(6);
    expect(m.rocAuc).toBeCloseTo(8 / 9, 15);
    expect(m.accuracy).toBeCloseTo(4 / 6, 15);
  });
  it("rejects labels other than 0/1, probabilities outside [0, 1], a bad threshold", () => {
    expect(() => accuracy(f64([2]), f64([0.5]))).toThrow(/label 2 at row 0 is not 0 or 1/);
    expect(() => rocAuc(f64([1]), f64([1.2]))).toThrow(/probability 1.2 at row 0 is outside \[0, 1\]/);
    expect(() => accuracy(f64([1]), f64([0.5]), 2)).toThrow(/threshold/);
  });
});
