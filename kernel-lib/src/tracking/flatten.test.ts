import { describe, expect, it } from "vitest";
import { flattenParams } from "./flatten.js";

describe("flattenParams", () => {
  it("flattens a model spec into dotted params", () => {
    const spec = {
      model: { type: "xgboost", params: { max_depth: 6, eta: 0.1, early_stopping: true } },
      horizon: 5,
      split: { kind: "walk_forward", folds: 5, purge: null },
    };
    expect(flattenParams(spec)).toEqual({
      "model.type": "xgboost",
      "model.params.max_depth": "6",
      "model.params.eta": "0.1",
      "model.params.early_stopping": "true",
      horizon: "5",
      "split.kind": "walk_forward",
      "split.folds": "5",
      "split.purge": "null",
    });
  });

  it("writes a list of plain values as one JSON value and indexes lists of objects", () => {
    const spec = {
      tickers: ["SPY", "QQQ"],
      features: [
        { name: "rsi", params: { period: 14 } },
        { name: "sma", params: {} },
      ],
    };
    expect(flattenParams(spec)).toEqual({
      tickers: '["SPY","QQQ"]',
      "features.0.name": "rsi",
      "features.0.params.period": "14",
      "features.1.name": "sma",
      "features.1.params": "{}",
    });
  });

  it("indexes a list of plain values too long for one param", () => {
    const tickers = Array.from({ length: 1000 }, (_, i) => `TICKER${i}`);
    const flat = flattenParams({ tickers });
    expect(flat["tickers.0"]).toBe("TICKER0");
    expect(flat["tickers.999"]).toBe("TICKER999");
    expect(Object.keys(flat)).toHaveLength(1000);
  });

  it("keeps empty lists, leaves out undefined, writes dates as ISO and bigints as digits", () => {
    expect(
      flattenParams({ a: [], b: undefined, start: new Date(Date.UTC(2020, 0, 2)), n: 12345678901234567890n, ids: [1n, 2n] }),
    ).toEqual({ a: "[]", start: "2020-01-02T00:00:00.000Z", n: "12345678901234567890", ids: '["1","2"]' });
  });

  it("prefixes keys when asked", () => {
    expect(flattenParams({ type: "ridge" }, "model")).toEqual({ "model.type": "ridge" });
  });
});
