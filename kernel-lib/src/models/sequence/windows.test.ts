import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../errors.js";
import { buildWindows, checkWindowFits, rowsByTicker } from "./windows.js";

describe("sequence windows", () => {
  // Two tickers stacked: A has rows 0–3, B rows 4–6; feature values encode (row, feature).
  const tickerIndex = Int32Array.from([0, 0, 0, 0, 1, 1, 1]);
  const scaled = Float32Array.from({ length: 7 * 2 }, (_, i) => 10 * Math.floor(i / 2) + (i % 2));

  it("ends each sample with its own row, preceded by the rows before it of the same ticker, padded with the first row", () => {
    const windows = buildWindows(scaled, 2, rowsByTicker({ rows: 7, tickerIndex }), 3);
    const sample = (r: number) => Array.from(windows.subarray(r * 6, (r + 1) * 6));
    // by hand: [feature0, feature1] of each step, oldest first
    expect(sample(0)).toEqual([0, 1, 0, 1, 0, 1]);
    expect(sample(1)).toEqual([0, 1, 0, 1, 10, 11]);
    expect(sample(3)).toEqual([10, 11, 20, 21, 30, 31]);
    expect(sample(4)).toEqual([40, 41, 40, 41, 40, 41]);
    expect(sample(6)).toEqual([40, 41, 50, 51, 60, 61]);
  });

  it("never puts a later row or another ticker's row into a sample (every window, every size)", () => {
    const rows = 40;
    const ticker = Int32Array.from({ length: rows }, (_, r) => (r < 17 ? 0 : r < 30 ? 1 : 2));
    const ids = Float32Array.from({ length: rows }, (_, r) => r);
    for (const window of [1, 2, 5, 10]) {
      const windows = buildWindows(ids, 1, rowsByTicker({ rows, tickerIndex: ticker }), window);
      for (let r = 0; r < rows; r++) {
        const steps = Array.from(windows.subarray(r * window, (r + 1) * window));
        expect(steps[window - 1]).toBe(r);
        for (const source of steps) {
          expect(source).toBeLessThanOrEqual(r);
          expect(ticker[source]).toBe(ticker[r]);
        }
        // consecutive bars, oldest first
        for (let s = 1; s < window; s++) expect(steps[s] - steps[s - 1]).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it("refuses a window longer than a ticker's rows, naming window", () => {
    const layout = { rows: 7, tickerIndex, tickers: ["AAA", "BBB"] };
    expect(checkWindowFits(layout, 3, "training set")).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6],
    ]);
    try {
      checkWindowFits(layout, 4, "training set");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInput);
      expect((error as InvalidInput).message).toMatch(/window is 4 bars, longer than the 3 row\(s\) of ticker BBB in the training set/);
      expect((error as InvalidInput).details[0].path).toBe("window");
    }
  });

  it("refuses rows out of time order within a ticker", () => {
    const ts = Float64Array.from([1, 2, 3, 2]);
    expect(() => checkWindowFits({ rows: 4, ts }, 2, "prediction data")).toThrow(/not in time order \(row 3\)/);
  });
});
