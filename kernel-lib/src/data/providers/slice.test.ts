import { describe, expect, it } from "vitest";
import { frameFromBars } from "../frame.js";
import { lowerBound, selectTimeRange, upperBound } from "./slice.js";

const ts = new Float64Array([10, 20, 20, 30]);

describe("binary search bounds", () => {
  it("finds the first ≥ and the first >", () => {
    expect([0, 10, 15, 20, 25, 30, 31].map((t) => lowerBound(ts, t))).toEqual([0, 0, 1, 1, 3, 3, 4]);
    expect([0, 10, 15, 20, 25, 30, 31].map((t) => upperBound(ts, t))).toEqual([0, 1, 1, 3, 3, 4, 4]);
  });
});

describe("selectTimeRange", () => {
  const frame = frameFromBars("X", "1d", [10, 20, 30, 40].map((t) => ({ ts: t, open: t, high: t, low: t, close: t, adjClose: t, volume: t })));
  it("keeps start ≤ ts ≤ end, either bound optional", () => {
    expect(Array.from(selectTimeRange(frame, 20, 30).ts)).toEqual([20, 30]);
    expect(Array.from(selectTimeRange(frame, 15).close)).toEqual([20, 30, 40]);
    expect(Array.from(selectTimeRange(frame, undefined, 15).volume)).toEqual([10]);
    expect(selectTimeRange(frame, 31, 39).ts.length).toBe(0);
  });
  it("copies rather than sharing memory", () => {
    const part = selectTimeRange(frame);
    part.close[0] = -1;
    expect(frame.close[0]).toBe(10);
  });
});
