/**
 * kernel-lib's MLflow client against the real MLflow server of the test run. Every value is read
 * back through MLflow's own REST API with plain fetch, not through the client under test.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { Conflict, InvalidInput, NotFound } from "../src/errors.js";
import { createTracker, MlflowClient } from "../src/tracking/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    mlflowUrl: string;
  }
}

let url: string;
let client: MlflowClient;

/** GET or POST on MLflow's REST API, independently of our client. */
async function rest<T = Record<string, unknown>>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(url + path, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(response.status, `${path}: ${response.status}`).toBe(200);
  return (await response.json()) as T;
}

interface RestRun {
  info: { run_id: string; status: string; lifecycle_stage: string; artifact_uri: string; start_time: number; end_time?: number };
  data: { params?: { key: string; value: string }[]; metrics?: { key: string; value: number; step: number }[]; tags?: { key: string; value: string }[] };
}

const restRun = async (runId: string) => (await rest<{ run: RestRun }>(`/api/2.0/mlflow/runs/get?run_id=${runId}`)).run;
const asRecord = (entries: { key: string; value: string }[] | undefined) => Object.fromEntries((entries ?? []).map((e) => [e.key, e.value]));
const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

beforeAll(() => {
  url = inject("mlflowUrl");
  client = new MlflowClient({ trackingUri: url });
});

describe("foundation proof", () => {
  it("kernel-lib logs a run (a param, a metric, an artifact) to the real MLflow server and MLflow's REST API returns each", async () => {
    const outboxDir = mkdtempSync(join(tmpdir(), "oq-outbox-"));
    const tracker = createTracker({ trackingUri: url, outboxDir });
    const run = await tracker.startRun({ experiment: uniqueName("foundation"), runName: "proof" });
    expect(run.destination).toBe("mlflow");
    await run.logParams({ alpha: 0.5 });
    await run.logMetrics({ rmse: 0.125 }, 3);
    await run.logArtifact("notes/hello.txt", "hello from kernel-lib");
    const outcome = await run.end();
    expect(outcome).toMatchObject({ destination: "mlflow", status: "FINISHED", runId: run.runId });

    const got = await restRun(outcome.runId!);
    expect(got.info.status).toBe("FINISHED");
    expect(asRecord(got.data.params)).toEqual({ alpha: "0.5" });
    expect(got.data.metrics).toEqual([expect.objectContaining({ key: "rmse", value: 0.125, step: 3 })]);
    const listing = await rest<{ files: { path: string }[] }>(`/api/2.0/mlflow/artifacts/list?run_id=${outcome.runId}&path=notes`);
    expect(listing.files.map((f) => f.path)).toEqual(["notes/hello.txt"]);
    // The artifact proxy serves the run's artifact root mlflow-artifacts:/<exp>/<run>/artifacts.
    const root = got.info.artifact_uri.replace(/^mlflow-artifacts:\//, "");
    const file = await fetch(`${url}/api/2.0/mlflow-artifacts/artifacts/${root}/notes/hello.txt`);
    expect(await file.text()).toBe("hello from kernel-lib");
  });
});

describe("MlflowClient", () => {
  it("reports health with the server's version", async () => {
    const health = await client.health();
    const version = (await (await fetch(`${url}/version`)).text()).trim();
    expect(health).toMatchObject({ ok: true, version });
    expect(health.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("creates an experiment once even when several callers race to create it", async () => {
    const name = uniqueName("race");
    const experiments = await Promise.all(Array.from({ length: 5 }, () => new MlflowClient({ trackingUri: url }).getOrCreateExperiment(name)));
    expect(new Set(experiments.map((e) => e.experimentId)).size).toBe(1);
    const byName = await rest<{ experiment: { experiment_id: string } }>(`/api/2.0/mlflow/experiments/get-by-name?experiment_name=${name}`);
    expect(byName.experiment.experiment_id).toBe(experiments[0].experimentId);
  });

  it("refuses to log into a deleted experiment, saying how to restore it", async () => {
    const experiment = await client.getOrCreateExperiment(uniqueName("deleted"));
    await rest("/api/2.0/mlflow/experiments/delete", { experiment_id: experiment.experimentId });
    await expect(client.getOrCreateExperiment(experiment.name)).rejects.toThrow(Conflict);
    await expect(client.getOrCreateExperiment(experiment.name)).rejects.toThrow(/mlflow experiments restore/);
  });

  it("logs 250 params, 150 tags and 2500 metric points over MLflow's batch limits, and all of them arrive", async () => {
    const experiment = await client.getOrCreateExperiment(uniqueName("batch"));
    const run = await client.createRun({ experimentId: experiment.experimentId, runName: "big" });
    const params = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`p${i}`, `v${i}`]));
    const tags = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`t${i}`, "x".repeat(i)]));
    const metrics = Array.from({ length: 2500 }, (_, i) => ({ key: "loss", value: 1 / (i + 1), step: i, timestamp: 1_700_000_000_000 + i }));
    const requests = await client.logBatch(run.info.runId, { params, tags, metrics });
    expect(requests).toBeGreaterThanOrEqual(3);

    const got = await restRun(run.info.runId);
    expect(asRecord(got.data.params)).toEqual(params);
    expect(asRecord(got.data.tags)).toMatchObject(tags);
    const history = await rest<{ metrics: { step: number; value: number }[] }>(
      `/api/2.0/mlflow/metrics/get-history?run_id=${run.info.runId}&metric_key=loss`,
    );
    expect(history.metrics).toHaveLength(2500);
    expect(history.metrics.map((m) => m.step).sort((a, b) => a - b)).toEqual(Array.from({ length: 2500 }, (_, i) => i));
    expect(history.metrics.find((m) => m.step === 3)?.value).toBe(0.25);
    // Our client pages through the same history (3 pages of at most 1000 points).
    const paged = await client.getMetricHistory(run.info.runId, "loss", { pageSize: 1000 });
    expect(paged.map((p) => p.step).sort((a, b) => a - b)).toEqual(Array.from({ length: 2500 }, (_, i) => i));
  });

  it("reads a metric's history by step, NaN and infinities included", async () => {
    const experiment = await client.getOrCreateExperiment(uniqueName("history"));
    const run = await client.createRun({ experimentId: experiment.experimentId });
    const folds = [0.3, 0.25, Number.NaN, 0.2, Number.POSITIVE_INFINITY];
    const ts = Date.now();
    await client.logBatch(run.info.runId, { metrics: folds.map((value, step) => ({ key: "fold_rmse", value, step, timestamp: ts + step })) });
    const history = await client.getMetricHistory(run.info.runId, "fold_rmse");
    expect(history.map((p) => p.step)).toEqual([0, 1, 2, 3, 4]);
    expect(history.slice(0, 4).map((p) => p.value)).toEqual([0.3, 0.25, Number.NaN, 0.2]);
    // MLflow's SQL store keeps +Infinity as the largest double.
    expect(history[4].value).toBe(Number.MAX_VALUE);
    expect(history[0].timestamp).toBe(ts);
  });

  it("uploads a binary file and a buffer through the artifact proxy, lists and downloads them", async () => {
    const experiment = await client.getOrCreateExperiment(uniqueName("artifacts"));
    const run = await client.createRun({ experimentId: experiment.experimentId });
    const dir = mkdtempSync(join(tmpdir(), "oq-art-"));
    const bytes = randomBytes(3 * 1024 * 1024);
    writeFileSync(join(dir, "model.bin"), bytes);
    await client.logArtifact(run.info.runId, "model/model.bin", { file: join(dir, "model.bin") });
    await client.logArtifact(run.info.runId, "model/MLmodel", { data: Buffer.from("flavors: {}\n") });
    await client.logArtifact(run.info.runId, "features.json", { data: '["rsi_14"]' });

    expect(await client.listArtifacts(run.info.runId)).toEqual([
      { path: "features.json", isDir: false, fileSize: 10 },
      { path: "model", isDir: true },
    ]);
    const all = await client.listArtifacts(run.info.runId, undefined, { recursive: true });
    expect(all.filter((f) => !f.isDir).map((f) => [f.path, f.fileSize])).toEqual([
      ["features.json", 10],
      ["model/MLmodel", 12],
      ["model/model.bin", bytes.length],
    ]);
    expect((await client.downloadArtifact(run.info.runId, "model/model.bin")).equals(bytes)).toBe(true);
    await client.downloadArtifactToFile(run.info.runId, "model/MLmodel", join(dir, "out", "MLmodel"));
    expect(readFileSync(join(dir, "out", "MLmodel"), "utf8")).toBe("flavors: {}\n");
    await expect(client.downloadArtifact(run.info.runId, "model/missing.bin")).rejects.toThrow(NotFound);
  });

  it("searches runs with a filter and an order, paging through next_page_token", async () => {
    const experiment = await client.getOrCreateExperiment(uniqueName("search"));
    const specs = [
      { type: "xgboost", rmse: 0.3 },
      { type: "lightgbm", rmse: 0.1 },
      { type: "xgboost", rmse: 0.2 },
      { type: "xgboost", rmse: 0.4 },
    ];
    const ids: string[] = [];
    for (const spec of specs) {
      const run = await client.createRun({ experimentId: experiment.experimentId });
      await client.logBatch(run.info.runId, {
        params: { "model.type": spec.type },
        metrics: [{ key: "rmse", value: spec.rmse, step: 0, timestamp: Date.now() }],
      });
      ids.push(run.info.runId);
    }
    const query = { experimentNames: [experiment.name], filter: "params.`model.type` = 'xgboost'", orderBy: ["metrics.rmse ASC"] };
    const firstPage = await client.searchRuns({ ...query, maxResults: 2 });
    expect(firstPage.runs.map((r) => r.data.metrics.rmse)).toEqual([0.2, 0.3]);
    expect(firstPage.nextPageToken).toBeTruthy();
    const all = await client.searchAllRuns({ ...query, maxResults: 1 });
    expect(all.map((r) => r.info.runId)).toEqual([ids[2], ids[0], ids[3]]);
    expect(all.every((r) => r.data.params["model.type"] === "xgboost")).toBe(true);
  });

  it("deletes a run: MLflow marks it deleted and search no longer returns it", async () => {
    const experiment = await client.getOrCreateExperiment(uniqueName("delete"));
    const run = await client.createRun({ experimentId: experiment.experimentId });
    await client.deleteRun(run.info.runId);
    expect((await restRun(run.info.runId)).info.lifecycle_stage).toBe("deleted");
    expect((await client.searchRuns({ experimentIds: [experiment.experimentId] })).runs).toEqual([]);
  });

  it("updates a run's status and end time", async () => {
    const experiment = await client.getOrCreateExperiment(uniqueName("status"));
    const run = await client.createRun({ experimentId: experiment.experimentId, startTime: 1_700_000_000_000, tags: { k: "v" } });
    await client.updateRun(run.info.runId, "KILLED", 1_700_000_123_000);
    const got = await restRun(run.info.runId);
    expect(got.info).toMatchObject({ status: "KILLED", start_time: 1_700_000_000_000, end_time: 1_700_000_123_000 });
    expect(asRecord(got.data.tags)).toMatchObject({ k: "v" });
  });
});

describe("MlflowClient errors", () => {
  it("an unknown run id is NotFound", async () => {
    await expect(client.getRun("0123456789abcdef0123456789abcdef")).rejects.toThrow(NotFound);
    await expect(client.getRun("0123456789abcdef0123456789abcdef")).rejects.toThrow(/Run with id=0123456789abcdef0123456789abcdef not found/);
  });

  it("a param MLflow refuses is InvalidInput carrying MLflow's message", async () => {
    const experiment = await client.getOrCreateExperiment(uniqueName("errors"));
    const run = await client.createRun({ experimentId: experiment.experimentId });
    await client.logBatch(run.info.runId, { params: { lr: "0.1" } });
    const error = await client.logBatch(run.info.runId, { params: { lr: "0.2" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInput);
    expect((error as Error).message).toMatch(/^MLflow refused the request: Changing param values is not allowed/);
  });

  it("a bad param key is refused before anything is sent", async () => {
    const experiment = await client.getOrCreateExperiment(uniqueName("errors"));
    const run = await client.createRun({ experimentId: experiment.experimentId });
    await expect(client.logBatch(run.info.runId, { params: { "bad key!": "1", ok: "1" } })).rejects.toThrow(/params.bad key!: key may only contain/);
    expect((await restRun(run.info.runId)).data.params).toBeUndefined();
  });

  it("a bad search filter is InvalidInput with MLflow's explanation", async () => {
    const experiment = await client.getOrCreateExperiment(uniqueName("errors"));
    await expect(client.searchRuns({ experimentIds: [experiment.experimentId], filter: "bogus ===" })).rejects.toThrow(/Invalid clause/);
  });

  it("an experiment name that does not exist is NotFound in a search", async () => {
    await expect(client.searchRuns({ experimentNames: [uniqueName("nope")] })).rejects.toThrow(NotFound);
  });

  it("bad client options are InvalidInput naming the option", () => {
    expect(() => new MlflowClient({ trackingUri: "file:///tmp/mlruns" })).toThrow(/trackingUri/);
    expect(() => new MlflowClient({ trackingUri: url, retries: -1 })).toThrow(/retries/);
  });
});

describe("model registry", () => {
  it("registers a run's model, waits until READY, and resolves models:/<name>@<alias> to the run and path", async () => {
    const experiment = await client.getOrCreateExperiment(uniqueName("registry"));
    const run = await client.createRun({ experimentId: experiment.experimentId });
    await client.logArtifact(run.info.runId, "model/MLmodel", { data: "flavors:\n  openquant: {}\n" });
    const name = uniqueName("spy-xgb");

    const v1 = await client.createModelVersion(name, run.info.runId, "model");
    expect(v1).toMatchObject({ name, version: "1", status: "READY", runId: run.info.runId });
    const v2 = await client.createModelVersion(name, run.info.runId, "model");
    expect(v2.version).toBe("2");
    await client.setAlias(name, "champion", "1");

    const byAlias = await rest<{ model_version: { version: string; run_id: string } }>(
      `/api/2.0/mlflow/registered-models/alias?name=${name}&alias=champion`,
    );
    expect(byAlias.model_version).toMatchObject({ version: "1", run_id: run.info.runId });
    expect((await client.getModelVersionByAlias(name, "champion")).aliases).toEqual(["champion"]);
    expect((await client.getRegisteredModel(name)).aliases).toEqual({ champion: "1" });

    const resolved = await client.resolveModelUri(`models:/${name}@champion`);
    expect(resolved).toMatchObject({ name, version: "1", runId: run.info.runId, artifactPath: "model" });
    // The resolved path really holds the model.
    expect((await client.downloadArtifact(resolved.runId, `${resolved.artifactPath}/MLmodel`)).toString()).toContain("openquant");
    expect(await client.resolveModelUri(`models:/${name}/2`)).toMatchObject({ version: "2", artifactPath: "model" });

    await client.setAlias(name, "champion", "2");
    expect((await client.resolveModelUri(`models:/${name}@champion`)).version).toBe("2");
    await client.deleteAlias(name, "champion");
    await expect(client.getModelVersionByAlias(name, "champion")).rejects.toThrow(NotFound);
  });

  it("creates a registered model only when missing", async () => {
    const name = uniqueName("ensure");
    await Promise.all([client.ensureRegisteredModel(name), client.ensureRegisteredModel(name)]);
    const got = await rest<{ registered_model: { name: string } }>(`/api/2.0/mlflow/registered-models/get?name=${name}`);
    expect(got.registered_model.name).toBe(name);
  });

  it("an unknown model or alias is NotFound", async () => {
    await expect(client.resolveModelUri(`models:/${uniqueName("none")}@champion`)).rejects.toThrow(NotFound);
    await expect(client.getRegisteredModel(uniqueName("none"))).rejects.toThrow(NotFound);
    const name = uniqueName("noalias");
    await client.ensureRegisteredModel(name);
    await expect(client.getModelVersionByAlias(name, "champion")).rejects.toThrow(/has no alias 'champion'/);
  });
});
