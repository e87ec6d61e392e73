import { describe, expect, it } from "vitest";
import { columnName } from "./naming.js";

describe("columnName", () => {
  it("joins the stem and the parameter values with underscores", () => {
    expect(columnName("rsi", 14)).toBe("rsi_14");
    expect(columnName("bb_upper", 20, 2, 2.5)).toBe("bb_upper_20_2_2.5");
    expect(columnName("obv")).toBe("obv");
  });
});
