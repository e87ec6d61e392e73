import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { json, type LoopbackServer, type RecordedRequest } from "../../test/loopback-server.js";
import { loopbackSidecar } from "../../test/loopback-sidecar.js";
import { ModelPlaygroundModel } from "./ModelPlaygroundModel.js";

const server = loopbackSidecar();
let model: ModelPlaygroundModel;

const types = [
  {
    name: "linear",
    description: "OLS",
    tasks: ["regression", "classification"],
    params: { type: "object", properties: { max_iter: { type: "integer", default: 100, minimum: 1 } } },
    defaults: { max_iter: 100 },
  },
  {
    name: "ridge",
    description: "L2",
    tasks: ["regression"],
    params: { type: "object", properties: { alpha: { type: "number", default: 1, exclusiveMinimum: 0 }, standardize: { type: "boolean", default: false } } },
    defaults: { alpha: 1, standardize: false },
  },
];

const result = {
  runId: "b".repeat(32),
  localRunId: "l1",
  destination: "mlflow",
  experiment: "openquant",
  modelType: "linear",
  metrics: { rmse: 0.027, r2: -0.03 },
  folds: [{ fold: 0, trainRows: 3598, testRows: 901, testStart: "2022-05-23T00:00:00.000Z", testEnd: "2025-12-23T00:00:00.000Z", metrics: { rmse: 0.027 } }],
  backtests: [{ ticker: "ACME.SAMPLE", summary: { sharpe: 1.03 }, equity: [["2022-05-23", 1, 1], ["2022-05-24", 1.017, 1.02]] }],
};

function job(status: string, fraction: number, extra: Record<string, unknown> = {}) {
  return {
    id: "job-1",
    kind: "train",
    params: {},
    status,
    progress: { fraction, message: `${Math.round(fraction * 100)}%`, counters: {} },
    error: null,
    trigger: "api",
    createdAt: "2026-11-26T00:00:00.000Z",
    startedAt: "2026-11-26T00:00:00.000Z",
    finishedAt: status === "running" ? null : "2026-11-26T00:00:02.000Z",
    cancelRequested: false,
    ...extra,
  };
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}

/** Answers types, accepts a train, and walks the job through the given states, one per poll. */
function sidecar(states: Array<Record<string, unknown>>) {
  let polls = 0;
  return (req: RecordedRequest, res: Parameters<LoopbackServer["respond"]>[1]) => {
    if (req.path === "/openquant/models/types") return json(res, 200, types);
    if (req.path === "/openquant/models/train") return json(res, 202, { jobId: "job-1", location: "/jobs/job-1" });
    if (req.path === "/openquant/jobs/job-1") return json(res, 200, states[Math.min(polls++, states.length - 1)]);
    json(res, 404, { error: { code: "NOT_FOUND", message: "no route" } });
  };
}

beforeEach(() => {
  model = new ModelPlaygroundModel({ pollMs: 10 });
});

afterEach(() => model.dispose());

describe("ModelPlaygroundModel", () => {
  it("loads the model types and prefills the hyperparameters with the chosen type's defaults", async () => {
    server.respond = sidecar([]);
    await model.load();
    expect(model.catalog.kind).toBe("ready");
    expect(model.form.params).toEqual({ max_iter: "100" });
    model.update({ modelType: "ridge", task: "classification" });
    // ridge here only does regression, so the task follows
    expect(model.form).toMatchObject({ modelType: "ridge", task: "regression", params: { alpha: "1", standardize: false } });
  });

  it("refuses an invalid form without a request and says why next to each field", async () => {
    server.respond = sidecar([]);
    await model.load();
    model.update({ tickers: "", horizon: 0, params: { max_iter: "0" } });
    await model.train();
    expect(model.errors).toMatchObject({ tickers: expect.any(String), horizon: "at least 1 bar" });
    expect(model.paramErrors).toEqual({ max_iter: "must be at least 1" });
    expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(0);
    model.update({ horizon: 3 });
    expect(model.errors.horizon).toBeUndefined();
  });

  it("trains: posts the spec, follows the job's progress and keeps the result", async () => {
    server.respond = sidecar([job("running", 0.1), job("running", 0.6), job("succeeded", 1, { result })]);
    await model.load();
    model.update({ tickers: "acme.sample", featureMode: "chosen", features: [{ name: "rsi" }] });
    const seen: string[] = [];
    model.changed.connect(() => {
      const t = model.training;
      seen.push(t.kind === "running" ? `running ${t.job?.progress.fraction ?? "-"}` : t.kind);
    });
    const trained: unknown[] = [];
    model.trained.connect((_, r) => trained.push(r));
    await model.train();
    await until(() => model.training.kind === "succeeded");

    const body = JSON.parse(server.requests.find((r) => r.path === "/openquant/models/train")?.body ?? "{}");
    expect(body).toMatchObject({ tickers: ["ACME.SAMPLE"], featureSet: [{ name: "rsi" }], model: { type: "linear", params: { max_iter: 100 } } });
    // the finished job is shown (100%) before its result is read
    expect(seen).toEqual(["submitting", "running -", "running 0.1", "running 0.6", "running 1", "succeeded"]);
    const training = model.training;
    expect(training.kind === "succeeded" && training.result).toEqual(result);
    expect(trained).toEqual([result]);
  });

  it("shows the job's error when training fails", async () => {
    const error = { code: "INVALID_INPUT", message: "Feature 'macd_hist_12_26_9' is constant or a linear combination" };
    server.respond = sidecar([job("running", 0.1), job("failed", 0.1, { error })]);
    await model.load();
    model.update({ tickers: "ACME.SAMPLE" });
    await model.train();
    await until(() => model.training.kind === "failed");
    const training = model.training;
    expect(training.kind === "failed" && training.message).toBe(error.message);
    expect(training.kind === "failed" && training.job?.status).toBe("failed");
  });

  it("puts the sidecar's refusal next to the fields it names", async () => {
    server.respond = (req, res) =>
      req.path === "/openquant/models/types"
        ? json(res, 200, types)
        : json(res, 404, {
            error: {
              code: "NOT_FOUND",
              message: "No 1d bars stored for ZZZ: ingest it first (POST /data/ingest).",
              details: [
                { path: "tickers", message: "not stored: ZZZ" },
                { path: "model.params.max_iter", message: "too many" },
              ],
            },
          });
    await model.load();
    model.update({ tickers: "ZZZ" });
    const state = await model.train();
    expect(state).toEqual({ kind: "failed", message: "No 1d bars stored for ZZZ: ingest it first (POST /data/ingest)." });
    expect(model.errors).toEqual({ tickers: "not stored: ZZZ" });
    expect(model.paramErrors).toEqual({ max_iter: "too many" });
    expect(model.formMessage).toMatch(/ingest it first/);
  });

  it("reports an unreachable sidecar while loading", async () => {
    server.respond = (_req, res) => res.writeHead(599).end("HTTP 599: Connection refused");
    const catalog = await model.load();
    expect(catalog.kind === "error" && catalog.error.unreachable).toBe(true);
  });
});
