import { describe, expect, it } from "vitest";
import { InvalidInput } from "../errors.js";
import { inNotebook, publish } from "./kernel.js";
import { ProgressBar, progressHtml, progressText } from "./progress.js";

describe("outside a tslab kernel", () => {
  it("is not in a notebook, and publishes the text/plain part of a bundle", () => {
    expect(inNotebook()).toBe(false);
    const out: string[] = [];
    publish({ "text/html": "<b>x</b>", "text/plain": "x as text" }, { fallback: (t) => out.push(t) });
    publish({ "application/vnd.plotly.v1+json": {} }, { fallback: (t) => out.push(t) });
    expect(out).toEqual(["x as text", "[application/vnd.plotly.v1+json output: shown in a tslab notebook]"]);
  });

  it("prints only the final state of a progress bar when stdout is not a terminal", () => {
    const out: string[] = [];
    const bar = new ProgressBar("ingest", { write: (t) => out.push(t), minIntervalMs: 0 });
    bar.update(0.5, "half");
    bar.update(0.75);
    expect(out).toEqual([]);
    bar.done("3 tickers");
    bar.update(0.1, "ignored after done");
    expect(out).toEqual(["ingest [########################] 100% 3 tickers\n"]);
  });

  it("refuses a label that is not text", () => {
    expect(() => new ProgressBar(42 as never)).toThrow(InvalidInput);
  });
});

describe("progress rendering", () => {
  it("fills the text bar in proportion, clamps and marks failure", () => {
    expect(progressText({ label: "train", fraction: 0.5, message: "fit", status: "running" }, 10)).toBe("train [#####-----]  50% fit");
    expect(progressText({ label: "train", fraction: 7, message: "", status: "running" }, 4)).toBe("train [####] 100%");
    expect(progressText({ label: "train", fraction: Number.NaN, message: "x", status: "failed" }, 4)).toBe("train [----]   0% FAILED x");
  });

  it("escapes label and message in HTML and exposes status and percent", () => {
    const html = progressHtml({ label: "<i>", fraction: 0.333, message: "a<b", status: "done" });
    expect(html).toContain('data-status="done" data-percent="33"');
    expect(html).toContain("&lt;i&gt;");
    expect(html).toContain("a&lt;b");
    expect(html).toContain("width:33%");
  });
});
