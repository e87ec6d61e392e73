import { describe, expect, it } from "vitest";
import { macd } from "./macd.js";

describe("macd parameters", () => {
  it("names the three columns after all three periods", () => {
    expect(macd.outputs(macd.params.parse({}))).toEqual(["macd_12_26_9", "macd_signal_12_26_9", "macd_hist_12_26_9"]);
  });

  it("refuses a fast period that is not shorter than the slow one", () => {
    const same = macd.params.safeParse({ fastPeriod: 26, slowPeriod: 26 });
    expect(same.success).toBe(false);
    expect(same.error?.issues[0]).toMatchObject({ path: ["fastPeriod"], message: "fastPeriod must be shorter than slowPeriod" });
    expect(macd.params.safeParse({ fastPeriod: 30, slowPeriod: 26 }).success).toBe(false);
    expect(macd.params.safeParse({ fastPeriod: 25, slowPeriod: 26 }).success).toBe(true);
  });
});
