import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Conflict, InvalidInput, NotFound } from "../errors.js";
import { resolveFeatureSet } from "./feature-set.js";
import { FeatureRegistry } from "./registry.js";

const input = (close: number[]) => {
  const c = Float64Array.from(close);
  return { open: c, high: c, low: c, close: c, volume: c };
};

describe("FeatureRegistry", () => {
  it("lists at least 30 built-ins with a JSON schema, defaults, outputs and lookback", () => {
    const list = new FeatureRegistry().list();
    expect(list.length).toBeGreaterThanOrEqual(30);
    const rsi = list.find((f) => f.name === "rsi");
    expect(rsi).toMatchObject({ builtin: true, defaults: { period: 14 }, outputs: ["rsi_14"], lookback: 14 });
    expect(JSON.stringify(rsi?.params)).toContain('"default":14');
    const macd = list.find((f) => f.name === "macd");
    expect(macd?.outputs).toEqual(["macd_12_26_9", "macd_signal_12_26_9", "macd_hist_12_26_9"]);
  });

  it("refuses a duplicate name unless replacing is asked for, and never replaces a built-in", () => {
    const r = new FeatureRegistry();
    const spread = { name: "spread", lookback: 0, compute: (i: { close: Float64Array }) => Float64Array.from(i.close, (v) => v * 2) };
    r.register(spread);
    expect(() => r.register(spread)).toThrow(Conflict);
    r.register({ ...spread, compute: (i) => Float64Array.from(i.close, (v) => v * 3) }, { replace: true });
    expect(Array.from(r.get("spread").compute(input([1, 2]), {})[0])).toEqual([3, 6]);
    expect(() => r.register({ ...spread, name: "rsi" }, { replace: true })).toThrow(/built-in feature/);
  });

  it("names close matches for an unknown feature", () => {
    const r = new FeatureRegistry();
    expect(() => r.get("rsii")).toThrow(NotFound);
    expect(() => r.get("rsii")).toThrow(/Did you mean rsi/);
  });

  it("turns a custom feature that throws or returns the wrong length into a clear error naming it", () => {
    const r = new FeatureRegistry();
    r.register({
      name: "boom",
      lookback: 0,
      compute: () => {
        throw new Error("division by zero");
      },
    });
    r.register({ name: "short", lookback: 0, compute: () => [1, 2] });
    r.register({ name: "two", lookback: 0, outputs: ["a", "b"], compute: (i) => [i.close] });
    expect(() => r.get("boom").compute(input([1, 2, 3]), {})).toThrow(/Custom feature 'boom' threw: division by zero/);
    expect(() => r.get("short").compute(input([1, 2, 3]), {})).toThrow(/returned 2 values .* has 3 bars/);
    expect(() => r.get("two").compute(input([1, 2, 3]), {})).toThrow(/returned 1 arrays but declares 2 outputs/);
    expect(() => r.register({ name: "Bad Name", lookback: 0, compute: () => [] })).toThrow(InvalidInput);
  });

  it("validates params per feature with the feature and the param in the message", () => {
    const r = new FeatureRegistry();
    expect(() => r.parseParams("sma", { period: 0 })).toThrow(/params of feature 'sma'.*period/);
    expect(() => r.parseParams("sma", { period: 2.5 })).toThrow(/whole number/);
    expect(() => r.parseParams("sma", { period: -3 })).toThrow(/at least/);
    expect(() => r.parseParams("sma", { window: 3 })).toThrow(/window/);
    r.register({ name: "lagged", params: z.strictObject({ lag: z.number().int().min(1).default(1) }), lookback: (p) => p.lag, compute: (i) => i.close });
    expect(r.parseParams("lagged", {})).toEqual({ lag: 1 });
  });
});

describe("resolveFeatureSet", () => {
  const sets = { default: [{ name: "sma", params: { period: 5 } }, { name: "rsi" }] };

  it("resolves named and explicit sets with defaults, max lookback and a stable hash", () => {
    const r = new FeatureRegistry();
    const named = resolveFeatureSet("default", r, sets);
    expect(named.columns).toEqual(["sma_5", "rsi_14"]);
    expect(named.lookback).toBe(14);
    const explicit = resolveFeatureSet([{ name: "sma", params: { period: 5 } }, { name: "rsi", params: { period: 14 } }], r, sets);
    expect(explicit.hash).toBe(named.hash);
    const other = resolveFeatureSet([{ name: "sma", params: { period: 6 } }, { name: "rsi" }], r, sets);
    expect(other.hash).not.toBe(named.hash);
  });

  it("changes the hash when a custom feature's code changes", () => {
    const r = new FeatureRegistry();
    r.register({ name: "f", lookback: 0, compute: (i) => i.close });
    const before = resolveFeatureSet([{ name: "f" }], r, {}).hash;
    r.register({ name: "f", lookback: 0, compute: (i) => Float64Array.from(i.close, (v) => -v) }, { replace: true });
    expect(resolveFeatureSet([{ name: "f" }], r, {}).hash).not.toBe(before);
  });

  it("refuses unknown sets, empty lists and duplicate columns", () => {
    const r = new FeatureRegistry();
    expect(() => resolveFeatureSet("nope", r, sets)).toThrow(/No feature set 'nope'.*default/);
    expect(() => resolveFeatureSet([], r, sets)).toThrow(/at least one feature/);
    expect(() => resolveFeatureSet([{ name: "rsi" }, { name: "rsi" }], r, sets)).toThrow(/column 'rsi_14' twice/);
  });
});
