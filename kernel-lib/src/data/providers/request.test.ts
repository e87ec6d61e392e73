import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../errors.js";
import { validateFetchRequest } from "./request.js";

describe("validateFetchRequest", () => {
  it("passes a valid request through", () => {
    const request = { ticker: "AAPL", interval: "1d" as const, start: 0, end: 86_400_000 };
    expect(validateFetchRequest(request)).toEqual(request);
    expect(validateFetchRequest({ ticker: "AAPL", interval: "5m" })).toEqual({ ticker: "AAPL", interval: "5m" });
  });

  it("names an unsupported interval and lists the supported ones", () => {
    const error = (() => {
      try {
        validateFetchRequest({ ticker: "AAPL", interval: "2d" });
      } catch (e) {
        return e as InvalidInput;
      }
    })();
    expect(error).toBeInstanceOf(InvalidInput);
    expect(error?.message).toContain("interval: one of 1m, 2m, 5m");
  });

  it("refuses start after end, non-finite times and unknown fields", () => {
    expect(() => validateFetchRequest({ ticker: "A", interval: "1d", start: Date.UTC(2021, 0, 1, 12), end: Date.UTC(2021, 0, 1) })).toThrow(
      "Invalid range for A: start 2021-01-01T12:00:00.000Z is after end 2021-01-01.",
    );
    expect(() => validateFetchRequest({ ticker: "A", interval: "1d", start: Number.NaN })).toThrow(InvalidInput);
    expect(() => validateFetchRequest({ ticker: "A", interval: "1d", extra: 1 })).toThrow(InvalidInput);
    expect(() => validateFetchRequest({ ticker: "A B", interval: "1d" })).toThrow(/Invalid ticker/);
  });
});
