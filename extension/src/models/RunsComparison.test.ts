import { describe, expect, it } from "vitest";
import type { Run } from "../schemas/models.js";
import { compareRuns, metricDirection, mlflowRunUrl } from "./RunsComparison.js";

function run(runId: string, params: Record<string, string>, metrics: Record<string, number>): Run {
  return { runId, runName: runId, status: "FINISHED", startTime: "2026-01-01T00:00:00.000Z", modelType: "linear", params, metrics };
}

describe("comparing runs", () => {
  it("knows which way each metric is better, through its prefixes", () => {
    expect(metricDirection("rmse")).toBe("lower");
    expect(metricDirection("mean_mae")).toBe("lower");
    expect(metricDirection("r2")).toBe("higher");
    expect(metricDirection("rank_ic")).toBe("higher");
    expect(metricDirection("bt_ACME.SAMPLE_sharpe")).toBe("higher");
    expect(metricDirection("bt_ACME.SAMPLE_max_drawdown")).toBe("lower");
    expect(metricDirection("bt_ACME.SAMPLE_bh_sharpe")).toBe("none");
    expect(metricDirection("std_rmse")).toBe("none");
    expect(metricDirection("n")).toBe("none");
    expect(metricDirection("bt_ACME.SAMPLE_trades")).toBe("none");
  });

  it("puts params and metrics side by side and marks the best value of each metric", () => {
    const a = run("a", { horizon: "5", "model.type": "linear" }, { rmse: 0.03, r2: 0.1, n: 900 });
    const b = run("b", { horizon: "10", "model.type": "linear" }, { rmse: 0.02, r2: -0.2, n: 800 });
    const c = run("c", { horizon: "5" }, { rmse: 0.02, n: 800 });
    const cmp = compareRuns([a, b, c]);
    expect(cmp.runs.map((r) => r.runId)).toEqual(["a", "b", "c"]);
    expect(cmp.params).toEqual([
      { key: "horizon", values: ["5", "10", "5"], differs: true, best: [] },
      { key: "model.type", values: ["linear", "linear", undefined], differs: true, best: [] },
    ]);
    expect(cmp.metrics).toEqual([
      { key: "n", values: [900, 800, 800], differs: true, best: [] },
      // r2: higher is better; c has none
      { key: "r2", values: [0.1, -0.2, undefined], differs: true, best: [0] },
      // rmse: lower is better, a tie between b and c
      { key: "rmse", values: [0.03, 0.02, 0.02], differs: true, best: [1, 2] },
    ]);
  });

  it("marks nothing when all runs agree or only one has the metric", () => {
    const cmp = compareRuns([run("a", {}, { rmse: 0.02, mae: 0.1 }), run("b", {}, { rmse: 0.02 })]);
    expect(cmp.metrics.map((m) => [m.key, m.best, m.differs])).toEqual([
      ["mae", [], true],
      ["rmse", [], false],
    ]);
  });

  it("links a run to the MLflow UI only for an http(s) tracking URI", () => {
    expect(mlflowRunUrl("http://127.0.0.1:5000/", "abc")).toBe("http://127.0.0.1:5000/#/runs/abc");
    expect(mlflowRunUrl("file:///tmp/mlruns", "abc")).toBeUndefined();
  });
});
