import { describe, expect, it } from "vitest";
import { frameFromBars } from "../data/frame.js";
import { InvalidInput } from "../errors.js";
import { escapeHtml, formatNumber, formatTime } from "./html.js";
import { metricsTableModel } from "./metrics-table.js";
import { runsTableModel } from "./runs-table.js";
import { tableHtml, tableModel, tableModelText } from "./table.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 2);

function bars(n: number) {
  return frameFromBars(
    "ACME.SAMPLE",
    "1d",
    Array.from({ length: n }, (_, i) => ({ ts: T0 + i * DAY, open: 10 + i, high: 11 + i, low: 9 + i, close: 10.5 + i, adjClose: 10.5 + i, volume: 1000 * (i + 1) })),
  );
}

describe("escapeHtml and formatNumber", () => {
  it("escapes the five HTML-special characters", () => {
    expect(escapeHtml(`<script>alert("x" & 'y')</script>`)).toBe("&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;");
  });

  it("writes integers whole, others to significant digits, tiny ones in exponent form, NaN and infinities by name", () => {
    expect(formatNumber(1234567)).toBe("1,234,567");
    expect(formatNumber(0.123456789)).toBe("0.123457");
    expect(formatNumber(0.123456789, { digits: 3 })).toBe("0.123");
    expect(formatNumber(-2.5e-7, { digits: 3 })).toBe("-2.50e-7");
    expect(formatNumber(Number.NaN)).toBe("NaN");
    expect(formatNumber(Number.NaN, { nan: "" })).toBe("");
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe("∞");
    expect(formatNumber(Number.NEGATIVE_INFINITY)).toBe("−∞");
  });

  it("writes daily bar times as dates and intraday ones to the minute", () => {
    expect(formatTime(T0)).toBe("2024-01-02");
    expect(formatTime(T0 + 14.5 * 3_600_000)).toBe("2024-01-02 14:30Z");
  });
});

describe("table", () => {
  it("shows head and tail of a long frame with a gap row, dates for ts and numbers right-aligned", () => {
    const m = tableModel(bars(12), { head: 2, tail: 3 });
    expect(m.total).toBe(12);
    expect(m.columns).toEqual(["ts", "open", "high", "low", "close", "adjClose", "volume"]);
    expect(m.rows).toHaveLength(6);
    expect(m.rows[2]).toBeNull();
    expect(m.rows[0]?.slice(0, 2)).toEqual(["2024-01-02", "10"]);
    expect(m.rows[5]?.[0]).toBe("2024-01-13");
    expect(m.rows[5]?.[6]).toBe("12,000");
    expect(m.numeric).toEqual([false, true, true, true, true, true, true]);
    const html = tableHtml(bars(12), { head: 2, tail: 3 });
    expect(html).toContain("… 7 more rows …");
    expect(html).toContain("12 rows × 7 columns");
  });

  it("shows every row when the table is short enough", () => {
    expect(tableModel(bars(4), { head: 2, tail: 2 }).rows.every((r) => r !== null)).toBe(true);
  });

  it("escapes cell text, column names and the caption", () => {
    const html = tableHtml([{ "<b>name</b>": "<img src=x onerror=alert(1)>", n: 1.5 }], { caption: "a & b" });
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("&lt;b&gt;name&lt;/b&gt;");
    expect(html).toContain("a &amp; b");
  });

  it("writes NaN cells as NaN and missing cells empty, and takes the union of row keys", () => {
    const m = tableModel([{ a: Number.NaN }, { b: "x" }]);
    expect(m.columns).toEqual(["a", "b"]);
    expect(m.rows).toEqual([
      ["NaN", ""],
      ["", "x"],
    ]);
  });

  it("shows a FeatureFrame's feature columns after ts and close", () => {
    const frame = { ticker: "X", ts: Float64Array.of(T0), close: Float64Array.of(2), columns: { rsi_14: Float64Array.of(55.5) } };
    expect(tableModel(frame).columns).toEqual(["ts", "close", "rsi_14"]);
  });

  it("refuses unknown columns, naming the known ones", () => {
    expect(() => tableModel(bars(3), { columns: ["close", "vwap"] })).toThrow(InvalidInput);
    expect(() => tableModel(bars(3), { columns: ["close", "vwap"] })).toThrow(/Unknown column\(s\) vwap; the table has ts, open/);
  });

  it("refuses bad options and inputs with InvalidInput", () => {
    expect(() => tableModel(bars(3), { head: -1 })).toThrow(InvalidInput);
    expect(() => tableModel(42 as never)).toThrow(InvalidInput);
    expect(() => tableModel([1, 2] as never)).toThrow(/rows must be objects/);
  });

  it("aligns the text form: numbers padded left, text padded right", () => {
    const text = tableModelText(tableModel([{ name: "a", value: 1.5 }, { name: "bbb", value: 100 }]));
    expect(text.split("\n")).toEqual(["name  value", "a       1.5", "bbb     100", "(2 rows × 2 columns)"]);
  });
});

describe("metrics and runs tables", () => {
  it("lists metrics sorted by name, or the chosen ones in order with NaN for a missing one", () => {
    expect(metricsTableModel({ rmse: 0.0201286, ic: 0.0264 }).rows).toEqual([
      ["ic", "0.0264"],
      ["rmse", "0.02013"],
    ]);
    expect(metricsTableModel({ rmse: 1 }, { only: ["sharpe", "rmse"] }).rows).toEqual([
      ["sharpe", "NaN"],
      ["rmse", "1"],
    ]);
    expect(() => metricsTableModel({ rmse: "low" } as never)).toThrow(InvalidInput);
  });

  const run = (runId: string, modelType: string, metrics: Record<string, number>) => ({
    runId,
    runName: `${modelType}-run`,
    status: "FINISHED",
    startTime: "2024-01-01T00:00:00.000Z",
    modelType,
    params: { "model.type": modelType },
    metrics,
  });

  it("sorts runs best first: ascending for error metrics, descending otherwise", () => {
    const runs = [
      run("a".repeat(32), "linear", { rmse: 0.03, ic: 0.01 }),
      run("b".repeat(32), "xgboost", { rmse: 0.01, ic: 0.05 }),
      run("c".repeat(32), "lightgbm", { rmse: 0.02, ic: 0.03 }),
    ];
    expect(runsTableModel(runs, { sortBy: "rmse" }).rows.map((r) => r?.[1])).toEqual(["xgboost", "lightgbm", "linear"]);
    expect(runsTableModel(runs, { sortBy: "ic" }).rows.map((r) => r?.[1])).toEqual(["xgboost", "lightgbm", "linear"]);
    expect(runsTableModel(runs, { sortBy: "ic", ascending: true }).rows.map((r) => r?.[1])).toEqual(["linear", "lightgbm", "xgboost"]);
    const m = runsTableModel(runs, { params: ["model.type"] });
    expect(m.columns).toEqual(["run", "model", "run_id", "rmse", "ic", "model.type"]);
    expect(m.rows[0]?.[2]).toBe("aaaaaaaa");
  });

  it("shows an empty comparison as a header-only table", () => {
    expect(runsTableModel([]).rows).toEqual([]);
  });
});
