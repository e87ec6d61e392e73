import { describe, expect, it } from "vitest";
import { InvalidInput } from "../errors.js";
import type { NotebookDocument } from "./notebook-format.js";
import { notebookParameters, parametersCellIndex, parseParametersSource } from "./notebook-params.js";

const nb = (cells: NotebookDocument["cells"]): NotebookDocument => ({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells });

describe("parseParametersSource", () => {
  it("reads const, let and var declarations of string, number and boolean literals", () => {
    const source = [
      "// report parameters",
      'const ticker = "MSFT.SAMPLE";',
      "let lookback: number = 60; // days",
      "var verbose = false, scale = -1.5e3;",
      "const alias = 'champion' as const;",
      "const big = 1_000;",
      "const template = `plain`;",
    ].join("\n");
    expect(parseParametersSource(source)).toEqual([
      { name: "ticker", type: "string", default: "MSFT.SAMPLE", keyword: "const" },
      { name: "lookback", type: "number", default: 60, keyword: "let" },
      { name: "verbose", type: "boolean", default: false, keyword: "var" },
      { name: "scale", type: "number", default: -1500, keyword: "var" },
      { name: "alias", type: "string", default: "champion", keyword: "const" },
      { name: "big", type: "number", default: 1000, keyword: "const" },
      { name: "template", type: "string", default: "plain", keyword: "const" },
    ]);
  });

  it("unescapes string literals as TypeScript does", () => {
    const [p] = parseParametersSource('const note = "a \\"quoted\\" line\\nand a tab\\t\\u00e9";');
    expect(p.default).toBe('a "quoted" line\nand a tab\té');
  });

  it("ignores statements that declare nothing", () => {
    expect(parseParametersSource('console.log("hi");\nconst n = 3;').map((p) => p.name)).toEqual(["n"]);
  });

  it("refuses a declaration that is not a literal, naming the parameter and line", () => {
    expect(() => parseParametersSource('const a = 1;\nconst start = new Date("2020-01-01");')).toThrow(/line 2: parameter 'start' must be initialized with a string, number or boolean literal/);
    expect(() => parseParametersSource("const tickers = ['A', 'B'];")).toThrow(InvalidInput);
    expect(() => parseParametersSource("let pending;")).toThrow(/parameter 'pending'/);
    expect(() => parseParametersSource("const t = `x$" + "{1}`;")).toThrow(/parameter 't'/);
  });

  it("refuses destructuring, duplicates and code that does not parse", () => {
    expect(() => parseParametersSource("const { a } = { a: 1 };")).toThrow(/no destructuring/);
    expect(() => parseParametersSource("const a = 1;\nlet a = 2;")).toThrow(/'a' is declared twice/);
    expect(() => parseParametersSource('const a = 1;\nconst b = "unclosed;')).toThrow(/does not parse as TypeScript \(line 2\)/);
  });
});

describe("notebookParameters", () => {
  it("uses the first code cell tagged parameters, joining list sources", () => {
    const doc = nb([
      { cell_type: "markdown", source: "const x = 1;", metadata: { tags: ["parameters"] } },
      { cell_type: "code", source: ["const a = 1;\n", 'const b = "two";'], metadata: { tags: ["setup", "parameters"] } },
      { cell_type: "code", source: "const c = true;", metadata: { tags: ["parameters"] } },
    ]);
    expect(parametersCellIndex(doc)).toBe(1);
    expect(notebookParameters(doc).map((p) => [p.name, p.default])).toEqual([
      ["a", 1],
      ["b", "two"],
    ]);
  });

  it("is empty without a parameters cell", () => {
    const doc = nb([{ cell_type: "code", source: "const a = 1;", metadata: {} }]);
    expect(parametersCellIndex(doc)).toBe(-1);
    expect(notebookParameters(doc)).toEqual([]);
  });

  it("names the cell in errors", () => {
    const doc = nb([
      { cell_type: "markdown", source: "# t" },
      { cell_type: "code", source: "const a = Math.PI;", metadata: { tags: ["parameters"] } },
    ]);
    expect(() => notebookParameters(doc, "x.ipynb")).toThrow(/parameters cell \(cell 1\) of x\.ipynb, line 1: parameter 'a'/);
  });
});
