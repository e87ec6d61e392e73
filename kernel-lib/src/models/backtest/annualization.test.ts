import { describe, expect, it } from "vitest";
import { INTERVALS } from "../../data/frame.js";
import { periodsPerYear } from "./annualization.js";

describe("periodsPerYear", () => {
  it("252 trading days of 6.5 hours, 52 weeks, 12 months", () => {
    expect(periodsPerYear("1d")).toBe(252);
    expect(periodsPerYear("1h")).toBe(252 * 6.5);
    expect(periodsPerYear("60m")).toBe(1638);
    expect(periodsPerYear("1m")).toBe(252 * 390);
    expect(periodsPerYear("5m")).toBe(252 * 78); // 78 five-minute bars a day
    expect(periodsPerYear("15m")).toBe(252 * 26);
    expect(periodsPerYear("30m")).toBe(252 * 13);
    expect(periodsPerYear("90m")).toBe((252 * 6.5) / 1.5);
    expect(periodsPerYear("5d")).toBe(50.4);
    expect(periodsPerYear("1wk")).toBe(52);
    expect(periodsPerYear("1mo")).toBe(12);
    expect(periodsPerYear("3mo")).toBe(4);
  });
  it("covers every interval", () => {
    for (const interval of INTERVALS) expect(periodsPerYear(interval)).toBeGreaterThan(0);
  });
});
