import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ServerConnection } from "@jupyterlab/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json } from "../../test/loopback-server.js";
import { loopbackSidecar } from "../../test/loopback-sidecar.js";
import { ApiError, configureAPI } from "../api.js";
import { fetchModelTypes, fetchRegisteredModels, fetchRuns, predict, registerModel, startTraining } from "./models.js";

const server = loopbackSidecar();

const linear = {
  name: "linear",
  description: "Ordinary least squares",
  tasks: ["regression", "classification"],
  params: { type: "object", properties: { max_iter: { type: "integer", default: 100, minimum: 1 } } },
  defaults: { max_iter: 100 },
};

describe("model endpoints", () => {
  it("reads the model types with their hyperparameter schemas", async () => {
    server.respond = (_req, res) => json(res, 200, [linear]);
    const types = await fetchModelTypes();
    expect(types).toEqual([linear]);
    expect(server.requests[0]).toMatchObject({ method: "GET", path: "/openquant/models/types" });
  });

  it("refuses a model type without its schema as a bad response", async () => {
    server.respond = (_req, res) => json(res, 200, [{ name: "linear" }]);
    await expect(fetchModelTypes()).rejects.toMatchObject({ code: "BAD_RESPONSE" });
  });

  it("posts the training spec and answers the job to follow", async () => {
    server.respond = (_req, res) => json(res, 202, { jobId: "job-1", location: "/jobs/job-1", job: { id: "job-1" } });
    const spec = {
      tickers: ["ACME.SAMPLE"],
      featureSet: "default",
      horizon: 5,
      task: "regression" as const,
      model: { type: "linear", params: { max_iter: 50 } },
      split: { method: "train_test" as const, testFraction: 0.2, embargo: 0 },
    };
    await expect(startTraining(spec)).resolves.toEqual({ jobId: "job-1", location: "/jobs/job-1" });
    expect(server.requests[0]).toMatchObject({ method: "POST", path: "/openquant/models/train" });
    expect(JSON.parse(server.requests[0].body)).toEqual(spec);
    await startTraining(spec, "cross-validate");
    expect(server.requests[1].path).toBe("/openquant/models/cross-validate");
  });

  it("carries the sidecar's refusal with the offending fields", async () => {
    const details = [{ path: "tickers", message: "not stored: ZZZ" }];
    server.respond = (_req, res) => json(res, 404, { error: { code: "NOT_FOUND", message: "No 1d bars stored for ZZZ", details } });
    const error = await startTraining({
      tickers: ["ZZZ"],
      featureSet: "default",
      horizon: 5,
      task: "regression",
      model: { type: "linear", params: {} },
      split: { method: "train_test", testFraction: 0.2, embargo: 0 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "NOT_FOUND", details });
  });

  it("registers a run's model and predicts with a registered one", async () => {
    server.respond = (req, res) =>
      req.path.endsWith("/register")
        ? json(res, 201, { name: "acme", version: "3", alias: "champion" })
        : json(res, 200, {
            ticker: "ACME.SAMPLE",
            runId: "a".repeat(32),
            modelType: "linear",
            task: "regression",
            horizon: 5,
            dates: ["2025-12-01T00:00:00.000Z", "2025-12-02T00:00:00.000Z"],
            predictions: [0.01, null],
          });
    const runId = "a".repeat(32);
    await expect(registerModel({ runId, name: "acme", alias: "champion" })).resolves.toEqual({ name: "acme", version: "3", alias: "champion" });
    expect(JSON.parse(server.requests[0].body)).toEqual({ runId, name: "acme", alias: "champion" });
    const prediction = await predict({ model: "models:/acme@champion", ticker: "ACME.SAMPLE", start: "2025-12-01" });
    expect(prediction.predictions).toEqual([0.01, null]);
    expect(server.requests[1]).toMatchObject({ method: "POST", path: "/openquant/models/predict" });
    expect(JSON.parse(server.requests[1].body)).toEqual({ model: "models:/acme@champion", ticker: "ACME.SAMPLE", start: "2025-12-01" });
  });

  it("reads registered models with their aliases", async () => {
    server.respond = (_req, res) => json(res, 200, [{ name: "acme", aliases: { champion: "1" }, latest_versions: [] }]);
    await expect(fetchRegisteredModels()).resolves.toEqual([{ name: "acme", aliases: { champion: "1" } }]);
  });
});

describe("fetchRuns", () => {
  let urls: string[];
  let plain: Server;

  beforeAll(async () => {
    urls = [];
    // The loopback server records paths without queries; this one keeps the whole URL.
    plain = createServer((req, res) => {
      urls.push(req.url ?? "");
      res.writeHead(200, { "Content-Type": "application/json" }).end(
        JSON.stringify([{ runId: "r1", runName: "linear-h5", status: "FINISHED", startTime: "2026-01-01T00:00:00.000Z", modelType: "linear", params: { horizon: "5" }, metrics: { rmse: 0.02 } }]),
      );
    });
    await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));
  });

  afterAll(async () => {
    plain.closeAllConnections();
    await new Promise((resolve) => plain.close(resolve));
  });

  it("asks for the experiment and limit and returns the runs", async () => {
    configureAPI({ sidecarUrl: `http://127.0.0.1:${(plain.address() as AddressInfo).port}` });
    const runs = await fetchRuns({ experiment: "my exp", limit: 20 });
    expect(runs[0]).toMatchObject({ runId: "r1", metrics: { rmse: 0.02 } });
    await fetchRuns();
    expect(urls).toEqual(["/models/runs?experiment=my+exp&limit=20", "/models/runs"]);
  });

  it("sends no cache-busting query key through Jupyter's proxy (the sidecar refuses unknown keys)", async () => {
    const base = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/`;
    configureAPI({ sidecarUrl: "", serverSettings: ServerConnection.makeSettings({ baseUrl: base }) });
    await fetchRuns({ limit: 5 });
    expect(urls.at(-1)).toBe("/openquant/models/runs?limit=5");
  });
});
