import { describe, expect, it } from "vitest";
import { cellSource, hasTag, type NotebookDocument } from "./notebook-format.js";
import { INJECTED_TAG, injectedSource, injectParameters } from "./notebook-inject.js";
import { notebookParameters, parseParametersSource } from "./notebook-params.js";

const doc: NotebookDocument = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: "tslab" } },
  cells: [
    { cell_type: "markdown", id: "title", source: "# Report", metadata: {} },
    { cell_type: "code", id: "params", source: 'const ticker = "AAA";\nlet lookback = 60;\nconst plot = true;', metadata: { tags: ["parameters"] } },
    { cell_type: "code", id: "body", source: "console.log(ticker);", metadata: {} },
  ],
};

describe("injectParameters", () => {
  it("adds a cell tagged injected-parameters right after the parameters cell, re-declaring with the same keyword", () => {
    const declared = notebookParameters(doc);
    const out = injectParameters(doc, declared, { lookback: 5, ticker: "MSFT" });
    expect(out.cells.map((c) => (c as { id?: string }).id)).toEqual(["title", "params", INJECTED_TAG, "body"]);
    const cell = out.cells[2];
    expect(hasTag(cell, INJECTED_TAG)).toBe(true);
    expect(cell.cell_type).toBe("code");
    expect(cellSource(cell)).toBe('// Parameters injected by OpenQuant for this run\nconst ticker = "MSFT";\nlet lookback = 5;');
    // the original is untouched
    expect(doc.cells).toHaveLength(3);
  });

  it("escapes strings so the kernel reads back exactly the value given", () => {
    // "${x}" is meant literally: a placeholder must not be evaluated by the kernel
    const nasty = 'He said "hi"\\n\n\t</script> $' + '{x} `tick` \u2028 é';
    const source = injectedSource([{ name: "s", type: "string", default: "", keyword: "const" }], { s: nasty });
    expect(parseParametersSource(source)[0].default).toBe(nasty);
  });

  it("writes negative and fractional numbers and booleans as literals", () => {
    const declared = parseParametersSource("const a = 1; const b = 2; let c = false;");
    expect(injectedSource(declared, { a: -0.25, b: 1e21, c: true })).toBe(
      "// Parameters injected by OpenQuant for this run\nconst a = -0.25;\nconst b = 1e+21;\nlet c = true;",
    );
    expect(parseParametersSource(injectedSource(declared, { a: -0.25, b: 1e21, c: true })).map((p) => p.default)).toEqual([-0.25, 1e21, true]);
  });

  it("replaces an earlier injected cell and leaves a notebook alone when no values are given", () => {
    const declared = notebookParameters(doc);
    const once = injectParameters(doc, declared, { ticker: "B" });
    const twice = injectParameters(once, declared, { ticker: "C" });
    expect(twice.cells.filter((c) => hasTag(c, INJECTED_TAG)).map(cellSource)).toEqual(['// Parameters injected by OpenQuant for this run\nconst ticker = "C";']);
    expect(injectParameters(doc, declared, {}).cells).toHaveLength(3);
  });
});
