import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../errors.js";
import { tickerSchema, validateTicker } from "./ticker.js";

describe("validateTicker", () => {
  it("accepts the ticker shapes of real markets and of the sample universe", () => {
    for (const t of ["AAPL", "BRK-B", "BRK.B", "^GSPC", "EURUSD=X", "ES=F", "7203.T", "ACME.SAMPLE", "a_b", "X"]) {
      expect(validateTicker(t)).toBe(t);
      expect(tickerSchema.safeParse(t).success).toBe(true);
    }
  });

  it("refuses anything that could reach SQL, a path or a URL unescaped", () => {
    for (const t of ["", "AAPL;DROP", "a b", "../x", "a/b", "..", "'--", "AAPL\n", "ABCDEFGHIJKLMNOPQRSTU", "ÄPFEL"]) {
      expect(() => validateTicker(t), JSON.stringify(t)).toThrow(InvalidInput);
      expect(tickerSchema.safeParse(t).success).toBe(false);
    }
  });

  it("says what a ticker may contain, and handles non-strings", () => {
    expect(() => validateTicker("a b")).toThrow("Invalid ticker 'a b': a ticker is 1 to 20 characters: letters, digits");
    expect(() => validateTicker(42)).toThrow("Invalid ticker a number");
    expect(() => validateTicker(null)).toThrow("Invalid ticker a null");
  });
});
