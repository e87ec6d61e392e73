import { describe, expect, it } from "vitest";
import { lastYear, toDay } from "./dates.js";

describe("dates", () => {
  it("gives the UTC day of a time", () => {
    expect(toDay("2025-12-31T00:00:00.000Z")).toBe("2025-12-31");
    expect(toDay(1704153600000)).toBe("2024-01-02");
  });

  it("defaults a ticker's range to the 364 days up to its last bar", () => {
    expect(lastYear("2008-01-02T00:00:00.000Z", "2025-12-31T00:00:00.000Z")).toEqual({ start: "2025-01-01", end: "2025-12-31" });
  });

  it("never starts before the first bar, and is empty without bars", () => {
    expect(lastYear("2025-06-02T00:00:00.000Z", "2025-12-31T00:00:00.000Z")).toEqual({ start: "2025-06-02", end: "2025-12-31" });
    expect(lastYear(null, null)).toEqual({ start: "", end: "" });
  });
});
