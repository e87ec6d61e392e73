import { describe, expect, it } from "vitest";
import { InvalidInput } from "../errors.js";
import type { NotebookParameter } from "./notebook-params.js";
import { checkParameterValues } from "./notebook-values.js";

const declared: NotebookParameter[] = [
  { name: "ticker", type: "string", default: "AAA", keyword: "const" },
  { name: "lookback", type: "number", default: 60, keyword: "const" },
  { name: "plot", type: "boolean", default: true, keyword: "let" },
];

function thrown(fn: () => unknown): InvalidInput {
  try {
    fn();
  } catch (error) {
    return error as InvalidInput;
  }
  throw new Error("expected a throw");
}

describe("checkParameterValues", () => {
  it("accepts declared names with the declared types, and none at all", () => {
    expect(checkParameterValues(declared, { ticker: "MSFT", lookback: 5, plot: false }, "r.ipynb")).toEqual({ ticker: "MSFT", lookback: 5, plot: false });
    expect(checkParameterValues(declared, {}, "r.ipynb")).toEqual({});
    expect(checkParameterValues(declared, undefined, "r.ipynb")).toEqual({});
  });

  it("refuses a wrong type, naming the parameter, the expected type and the given one", () => {
    const e = thrown(() => checkParameterValues(declared, { lookback: "60" }, "r.ipynb"));
    expect(e).toBeInstanceOf(InvalidInput);
    expect(e.message).toContain("parameter 'lookback' expects a number");
    expect(e.message).toContain('got a string ("60")');
    expect(e.details).toEqual([{ path: "parameters.lookback", message: expect.stringContaining("expects a number") }]);
    expect(thrown(() => checkParameterValues(declared, { plot: 1 }, "r.ipynb")).message).toContain("'plot' expects a boolean");
    expect(thrown(() => checkParameterValues(declared, { ticker: true }, "r.ipynb")).message).toContain("'ticker' expects a string");
  });

  it("refuses an unknown name and lists the declared ones", () => {
    const e = thrown(() => checkParameterValues(declared, { tickr: "A", lookback: 1 }, "r.ipynb"));
    expect(e.message).toContain("unknown parameter 'tickr'");
    expect(e.message).toContain("ticker (string), lookback (number), plot (boolean)");
    expect(thrown(() => checkParameterValues([], { a: 1 }, "n.ipynb")).message).toContain("no cell tagged 'parameters'");
  });

  it("refuses values no notebook can take", () => {
    expect(() => checkParameterValues(declared, { lookback: Number.NaN }, "r.ipynb")).toThrow(InvalidInput);
    expect(() => checkParameterValues(declared, { lookback: Number.POSITIVE_INFINITY }, "r.ipynb")).toThrow(InvalidInput);
    expect(() => checkParameterValues(declared, { ticker: ["A"] }, "r.ipynb")).toThrow(InvalidInput);
    expect(() => checkParameterValues(declared, { "bad-name": 1 }, "r.ipynb")).toThrow(InvalidInput);
  });
});
