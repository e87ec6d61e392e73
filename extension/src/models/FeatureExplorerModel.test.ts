import { afterEach, describe, expect, it } from "vitest";
import { json } from "../../test/loopback-server.js";
import { loopbackSidecar } from "../../test/loopback-sidecar.js";
import { FeatureExplorerModel } from "./FeatureExplorerModel.js";

const server = loopbackSidecar();
let model: FeatureExplorerModel | undefined;

const int = (d: number, min: number) => ({ default: d, type: "integer", minimum: min, maximum: 100000 });
// As GET /features publishes them (abridged to the features used here).
const FEATURES = [
  { name: "sma", description: "Simple moving average", builtin: true, params: { type: "object", properties: { period: int(20, 2) } }, defaults: { period: 20 }, outputs: ["sma_20"], lookback: 19 },
  {
    name: "bbands",
    description: "Bollinger bands",
    builtin: true,
    params: {
      type: "object",
      properties: { period: int(20, 2), devUp: { default: 2, type: "number", minimum: 0, maximum: 1000 }, devDown: { default: 2, type: "number", minimum: 0, maximum: 1000 } },
    },
    defaults: { period: 20, devUp: 2, devDown: 2 },
    outputs: ["bb_upper_20_2_2", "bb_middle_20_2_2", "bb_lower_20_2_2", "bb_percent_b_20_2_2", "bb_bandwidth_20_2_2"],
    lookback: 19,
  },
  { name: "rsi", description: "Relative strength index", builtin: true, params: { type: "object", properties: { period: int(14, 2) } }, defaults: { period: 14 }, outputs: ["rsi_14"], lookback: 14 },
  { name: "obv", description: "On-balance volume", builtin: true, params: { type: "object", properties: {} }, defaults: {}, outputs: ["obv"], lookback: 0 },
];
const ACME = {
  ticker: "ACME.SAMPLE",
  interval: "1d",
  provider: "sample",
  firstBar: "2008-01-02T00:00:00.000Z",
  lastBar: "2025-12-31T00:00:00.000Z",
  lastIngestedAt: null,
  rows: 4529,
  dataVersion: 1,
};

function frame(columns: Record<string, (number | null)[]>) {
  return {
    ticker: "ACME.SAMPLE",
    interval: "1d",
    featureSetHash: "abc",
    dataVersion: 1,
    dates: ["2025-12-30T00:00:00.000Z", "2025-12-31T00:00:00.000Z"],
    close: [100, 101],
    columns,
  };
}

afterEach(() => {
  model?.dispose();
  model = undefined;
});

/** Answers the registry and tickers, and POST /features/compute with `compute`. */
function serve(compute: (body: unknown) => [number, unknown]): void {
  server.respond = (req, res) => {
    if (req.path === "/openquant/features") return json(res, 200, FEATURES);
    if (req.path === "/openquant/data/tickers") return json(res, 200, [ACME]);
    const [status, body] = compute(JSON.parse(req.body));
    return json(res, status, body);
  };
}

describe("FeatureExplorerModel", () => {
  it("loads the registry and tickers, chooses the first ticker's last year and the default features with their defaults", async () => {
    serve(() => [500, {}]);
    model = new FeatureExplorerModel();
    await model.load();
    const { state } = model;
    expect(state.ticker).toBe("ACME.SAMPLE");
    expect([state.start, state.end]).toEqual(["2025-01-01", "2025-12-31"]);
    // macd is a default too, but this registry lacks it
    expect(state.selected.map((s) => [s.name, s.values])).toEqual([
      ["sma", { period: "20" }],
      ["bbands", { period: "20", devUp: "2", devDown: "2" }],
      ["rsi", { period: "14" }],
    ]);
  });

  it("sends the typed params and matches each feature to its columns, renamed for its params", async () => {
    let sent: unknown;
    serve((body) => {
      sent = body;
      return [200, frame({ sma_50: [null, 99], rsi_14: [55, 60], obv: [1, 2] })];
    });
    model = new FeatureExplorerModel();
    await model.load();
    model.toggleFeature("bbands", false);
    model.toggleFeature("obv", true);
    model.setParams("sma", { period: "50" });
    const result = await model.compute();
    expect(sent).toEqual({
      ticker: "ACME.SAMPLE",
      featureSet: [
        { name: "sma", params: { period: 50 } },
        { name: "rsi", params: { period: 14 } },
        { name: "obv", params: {} },
      ],
      start: "2025-01-01",
      end: "2025-12-31",
    });
    expect(result?.features).toEqual([
      { name: "sma", outputs: ["sma_50"] },
      { name: "rsi", outputs: ["rsi_14"] },
      { name: "obv", outputs: ["obv"] },
    ]);
    expect(model.state.result.kind).toBe("ready");
  });

  it("refuses out-of-range params at their field without asking the sidecar", async () => {
    serve(() => [500, {}]);
    model = new FeatureExplorerModel();
    await model.load();
    const asked = server.requests.length;
    model.setParams("rsi", { period: "1" });
    model.setParams("bbands", { period: "20", devUp: "-1", devDown: "2" });
    expect(await model.compute()).toBeUndefined();
    const errors = Object.fromEntries(model.state.selected.map((s) => [s.name, s.errors]));
    expect(errors).toEqual({ sma: {}, bbands: { devUp: "must be at least 0" }, rsi: { period: "must be at least 2" } });
    expect(server.requests.length).toBe(asked);
  });

  it("shows the sidecar's refusal of a feature's params at that feature's field", async () => {
    // The body the real sidecar sends for rsi period 1 (captured by hand).
    serve(() => [
      400,
      { error: { code: "INVALID_INPUT", message: "Invalid params of feature 'rsi': period: must be at least 2 bars", details: [{ path: "period", message: "must be at least 2 bars" }] } },
    ]);
    model = new FeatureExplorerModel();
    await model.load();
    await model.compute();
    expect(model.state.result.kind === "error" && model.state.result.error.code).toBe("INVALID_INPUT");
    expect(model.state.selected.find((s) => s.name === "rsi")?.errors).toEqual({ period: "must be at least 2 bars" });
    expect(model.state.selected.find((s) => s.name === "sma")?.errors).toEqual({});
  });

  it("refuses a reversed range", async () => {
    serve(() => [500, {}]);
    model = new FeatureExplorerModel();
    await model.load();
    model.setRange("2025-06-01", "2025-01-01");
    expect(await model.compute()).toBeUndefined();
    expect(model.state.rangeErrors).toEqual({ start: "start must not be after end" });
  });
});
