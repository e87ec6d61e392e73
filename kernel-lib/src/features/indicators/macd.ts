import { z } from "zod";
import { emaFactor } from "./core/ema.js";
import { warmupArray } from "./core/nan-array.js";
import { defineIndicator } from "./define.js";
import { columnName } from "./naming.js";
import { period } from "./params.js";

/** MACD line, signal and histogram of the close (TA-Lib MACD, all three aligned on its lookback). */
export const macd = defineIndicator({
  name: "macd",
  description: "MACD: EMA(fast) − EMA(slow) of the close, its EMA signal line, and their difference.",
  params: z
    .strictObject({ fastPeriod: period(12), slowPeriod: period(26), signalPeriod: period(9) })
    .refine((p) => p.fastPeriod < p.slowPeriod, {
      error: "fastPeriod must be shorter than slowPeriod",
      path: ["fastPeriod"],
    }),
  outputs: (p) => {
    const values = [p.fastPeriod, p.slowPeriod, p.signalPeriod];
    return [columnName("macd", ...values), columnName("macd_signal", ...values), columnName("macd_hist", ...values)];
  },
  lookback: (p) => p.slowPeriod - 1 + (p.signalPeriod - 1),
  compute(input, p) {
    const src = input.close;
    const n = src.length;
    const { fastPeriod, slowPeriod, signalPeriod } = p;
    const start = slowPeriod - 1 + (signalPeriod - 1);
    const line = warmupArray(n, start);
    const signal = warmupArray(n, start);
    const hist = warmupArray(n, start);
    if (start >= n) return [line, signal, hist];
    const fastK = emaFactor(fastPeriod);
    const slowK = emaFactor(slowPeriod);
    const signalK = emaFactor(signalPeriod);
    // Both EMAs are seeded with simple averages whose windows end on bar slow−1 (TA-Lib's alignment):
    // the fast window is the tail of the slow one.
    let slowSum = 0;
    let i = 0;
    for (; i < slowPeriod - fastPeriod; i++) slowSum += src[i];
    let fastSum = 0;
    for (; i < slowPeriod; i++) {
      fastSum += src[i];
      slowSum += src[i];
    }
    let slow = slowSum / slowPeriod;
    let fast = fastSum / fastPeriod;
    // The signal EMA is seeded with the mean of the first `signalPeriod` MACD values.
    let value = fast - slow;
    let signalSum = value;
    for (; i < slowPeriod + signalPeriod - 1; i++) {
      const x = src[i];
      fast = (x - fast) * fastK + fast;
      slow = (x - slow) * slowK + slow;
      value = fast - slow;
      signalSum += value;
    }
    let sig = signalSum / signalPeriod;
    line[start] = value;
    signal[start] = sig;
    hist[start] = value - sig;
    for (i = start + 1; i < n; i++) {
      const x = src[i];
      fast = (x - fast) * fastK + fast;
      slow = (x - slow) * slowK + slow;
      value = fast - slow;
      sig = (value - sig) * signalK + sig;
      line[i] = value;
      signal[i] = sig;
      hist[i] = value - sig;
    }
    return [line, signal, hist];
  },
});
