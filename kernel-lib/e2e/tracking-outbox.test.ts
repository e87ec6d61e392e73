/**
 * The outbox against the real MLflow server: a run logged while MLflow is unreachable (a closed
 * port, or a network cut mid-run) is parked on disk and later replayed to MLflow exactly once.
 */
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server, type Socket, connect } from "node:net";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../../server/src/services/ports.js";
import { OutboxWriter } from "../src/tracking/outbox.js";
import { createTracker, MlflowClient, OUTBOX_TAG, type Run } from "../src/tracking/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    mlflowUrl: string;
  }
}

let url: string;
let client: MlflowClient;

beforeAll(() => {
  url = inject("mlflowUrl");
  client = new MlflowClient({ trackingUri: url });
});

const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const fast = { retries: 1, backoffMs: 10, maxBackoffMs: 20, timeoutMs: 2000 };

/** Runs in `experiment` carrying outbox id `localId`, searched through MLflow's REST API directly. */
async function runsWithLocalId(experiment: string, localId: string): Promise<Run[]> {
  const byName = await fetch(`${url}/api/2.0/mlflow/experiments/get-by-name?experiment_name=${encodeURIComponent(experiment)}`);
  if (byName.status === 404) return [];
  const { experiment: exp } = (await byName.json()) as { experiment: { experiment_id: string } };
  const response = await fetch(`${url}/api/2.0/mlflow/runs/search`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ experiment_ids: [exp.experiment_id], filter: `tags.\`${OUTBOX_TAG}\` = '${localId}'`, run_view_type: "ALL" }),
  });
  const { runs = [] } = (await response.json()) as { runs?: { info: { run_id: string } }[] };
  return Promise.all(runs.map((r) => client.getRun(r.info.run_id)));
}

async function restHistory(runId: string, key: string): Promise<Array<{ step: number; value: number }>> {
  const response = await fetch(`${url}/api/2.0/mlflow/metrics/get-history?run_id=${runId}&metric_key=${key}`);
  const { metrics = [] } = (await response.json()) as { metrics?: Array<{ step: number; value: number }> };
  return metrics.map((m) => ({ step: m.step, value: m.value })).sort((a, b) => a.step - b.step);
}

async function restArtifact(run: Run, path: string): Promise<string> {
  const root = run.info.artifactUri.replace(/^mlflow-artifacts:\//, "");
  return (await fetch(`${url}/api/2.0/mlflow-artifacts/artifacts/${root}/${path}`)).text();
}

/** A TCP relay to MLflow that can be cut, as a network partition would: refused connections from then on. */
async function cuttableRelay(target: string): Promise<{ uri: string; cut: () => Promise<void> }> {
  const { hostname: host, port } = new URL(target);
  const sockets = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    const outbound = connect(Number(port), host);
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => undefined);
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  const listenPort = await freePort();
  await new Promise<void>((resolve) => server.listen(listenPort, "127.0.0.1", resolve));
  return {
    uri: `http://127.0.0.1:${listenPort}`,
    cut: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}

/** Parks a complete run in `outboxDir` through a Tracker whose MLflow is a closed port. */
async function parkRun(outboxDir: string, experiment: string) {
  const port = await freePort();
  const tracker = createTracker({ trackingUri: `http://127.0.0.1:${port}`, outboxDir, ...fast });
  const run = await tracker.startRun({ experiment, runName: "offline", tags: { team: "quant" } });
  await run.logParams({ "model.type": "xgboost", "model.params.max_depth": 6 });
  for (let fold = 0; fold < 5; fold += 1) await run.logMetrics({ rmse: 0.5 - fold * 0.05, r2: fold / 10 }, fold);
  await run.setTags({ "data.version": "v7" });
  const dir = mkdtempSync(join(tmpdir(), "oq-art-"));
  writeFileSync(join(dir, "model.json"), '{"learner":{}}');
  await run.logArtifact("model/model.json", { file: join(dir, "model.json") });
  await run.logArtifact("features.json", '["rsi_14","sma_20"]');
  return { run, outcome: await run.end("FINISHED"), port };
}

async function expectParkedRunInMlflow(experiment: string, localId: string): Promise<Run> {
  const runs = await runsWithLocalId(experiment, localId);
  expect(runs).toHaveLength(1);
  const [run] = runs;
  expect(run.info.status).toBe("FINISHED");
  expect(run.info.runName).toBe("offline");
  expect(run.data.params).toEqual({ "model.type": "xgboost", "model.params.max_depth": "6" });
  expect(run.data.tags).toMatchObject({ team: "quant", "data.version": "v7", [OUTBOX_TAG]: localId });
  expect(await restHistory(run.info.runId, "rmse")).toEqual([0.5, 0.45, 0.4, 0.35, 0.3].map((value, step) => ({ step, value: expect.closeTo(value, 12) })));
  expect(await restHistory(run.info.runId, "r2")).toHaveLength(5);
  expect(await restArtifact(run, "model/model.json")).toBe('{"learner":{}}');
  expect(await restArtifact(run, "features.json")).toBe('["rsi_14","sma_20"]');
  return run;
}

describe("the outbox with the real MLflow server", () => {
  it("parks a run whose MLflow is a closed port, with everything it logged", async () => {
    const outboxDir = mkdtempSync(join(tmpdir(), "oq-outbox-"));
    const { run, outcome, port } = await parkRun(outboxDir, uniqueName("offline"));
    expect(run.destination).toBe("outbox");
    expect(run.fallbackReason).toContain(`MLflow at http://127.0.0.1:${port} is unreachable (connection refused`);
    expect(outcome).toMatchObject({ destination: "outbox", status: "FINISHED", outboxDir: join(outboxDir, run.localId) });
    expect(outcome.runId).toBeUndefined();
    const ops = readdirSync(join(outboxDir, run.localId, "ops"));
    // params, 5 metric calls, tags, 2 artifacts, end
    expect(ops).toHaveLength(10);
    const summary = await createTracker({ trackingUri: url, outboxDir }).listOutbox();
    expect(summary).toEqual([expect.objectContaining({ localId: run.localId, state: "ready", ops: 10 })]);
  });

  it("replays a parked run to MLflow exactly once, and a second replay duplicates nothing", async () => {
    const outboxDir = mkdtempSync(join(tmpdir(), "oq-outbox-"));
    const experiment = uniqueName("replay");
    const { run } = await parkRun(outboxDir, experiment);
    expect(await runsWithLocalId(experiment, run.localId)).toEqual([]);

    const tracker = createTracker({ trackingUri: url, outboxDir });
    const first = await tracker.replayOutbox();
    expect(first.failed).toEqual([]);
    expect(first.replayed).toEqual([{ localId: run.localId, runId: expect.any(String), experiment }]);
    const replayed = await expectParkedRunInMlflow(experiment, run.localId);
    expect(replayed.info.runId).toBe(first.replayed[0].runId);
    expect(readdirSync(outboxDir)).toEqual([]);

    const second = await tracker.replayOutbox();
    expect(second).toEqual({ replayed: [], failed: [], skipped: [] });
    await expectParkedRunInMlflow(experiment, run.localId);
  });

  it("finishes a replay that died after creating the run, without a duplicate run or metric", async () => {
    const outboxDir = mkdtempSync(join(tmpdir(), "oq-outbox-"));
    const experiment = uniqueName("crash");
    const { run } = await parkRun(outboxDir, experiment);
    // What a replay that crashed half-way leaves in MLflow: the run, its outbox tag, part of its data.
    const exp = await client.getOrCreateExperiment(experiment);
    const partial = await client.createRun({ experimentId: exp.experimentId, runName: "offline", tags: { [OUTBOX_TAG]: run.localId } });
    const parked = readdirSync(join(outboxDir, run.localId, "ops")).map((n) => JSON.parse(readFileSync(join(outboxDir, run.localId, "ops", n), "utf8")));
    const firstFolds = parked.filter((op) => op.kind === "metrics").slice(0, 2);
    await client.logBatch(partial.info.runId, {
      params: { "model.type": "xgboost" },
      metrics: firstFolds.flatMap((op) => op.metrics),
    });

    const result = await createTracker({ trackingUri: url, outboxDir }).replayOutbox();
    expect(result.replayed).toEqual([{ localId: run.localId, runId: partial.info.runId, experiment }]);
    await expectParkedRunInMlflow(experiment, run.localId);
  });

  it("moves a live run to the outbox when MLflow goes away mid-run, losing nothing", async () => {
    const relay = await cuttableRelay(url);
    const outboxDir = mkdtempSync(join(tmpdir(), "oq-outbox-"));
    const experiment = uniqueName("midway");
    const fallbacks: string[] = [];
    const tracker = createTracker({ trackingUri: relay.uri, outboxDir, ...fast, onFallback: (f) => fallbacks.push(f.localId) });
    const run = await tracker.startRun({ experiment, runName: "offline", tags: { team: "quant" } });
    expect(run.destination).toBe("mlflow");
    const liveRunId = run.runId;
    await run.logParams({ "model.type": "xgboost", "model.params.max_depth": 6 });
    await run.logMetrics({ rmse: 0.5, r2: 0 }, 0);
    await run.logMetrics({ rmse: 0.45, r2: 0.1 }, 1);
    await run.logArtifact("model/model.json", '{"learner":{}}');

    await relay.cut();
    await run.logMetrics({ rmse: 0.4, r2: 0.2 }, 2);
    expect(run.destination).toBe("outbox");
    expect(fallbacks).toEqual([run.localId]);
    await run.logMetrics({ rmse: 0.35, r2: 0.3 }, 3);
    await run.logMetrics({ rmse: 0.3, r2: 0.4 }, 4);
    await run.setTags({ "data.version": "v7" });
    await run.logArtifact("features.json", '["rsi_14","sma_20"]');
    const outcome = await run.end();
    expect(outcome).toMatchObject({ destination: "outbox", runId: liveRunId });

    // MLflow holds what arrived before the cut, and the run is still RUNNING there.
    const before = await client.getRun(liveRunId!);
    expect(before.info.status).toBe("RUNNING");
    expect((await restHistory(liveRunId!, "rmse")).map((p) => p.step)).toEqual([0, 1]);

    const result = await createTracker({ trackingUri: url, outboxDir }).replayOutbox();
    expect(result.replayed).toEqual([{ localId: run.localId, runId: liveRunId, experiment }]);
    await expectParkedRunInMlflow(experiment, run.localId);
  });

  it("replays a run whose writer died before ending it as KILLED", async () => {
    const outboxDir = mkdtempSync(join(tmpdir(), "oq-outbox-"));
    const experiment = uniqueName("abandoned");
    const localId = randomUUID().replace(/-/g, "");
    const writer = await OutboxWriter.create(outboxDir, {
      localId,
      experiment,
      startTime: 1_700_000_000_000,
      tags: { [OUTBOX_TAG]: localId },
      trackingUri: url,
    });
    await writer.log({ metrics: [{ key: "loss", value: 1, step: 0, timestamp: 1_700_000_005_000 }] });
    // Its writer is gone: a pid no process has (the largest pid Linux can hand out, plus one).
    const header = JSON.parse(readFileSync(join(writer.dir, "run.json"), "utf8"));
    writeFileSync(join(writer.dir, "run.json"), JSON.stringify({ ...header, writer: { pid: 4_194_305, host: hostname() } }));

    const result = await createTracker({ trackingUri: url, outboxDir }).replayOutbox();
    expect(result.replayed).toHaveLength(1);
    const [run] = await runsWithLocalId(experiment, localId);
    expect(run.info).toMatchObject({ status: "KILLED", startTime: 1_700_000_000_000, endTime: 1_700_000_005_000 });
  });

  it("leaves a run alone while its writer is still logging", async () => {
    const outboxDir = mkdtempSync(join(tmpdir(), "oq-outbox-"));
    const run = await createTracker({ trackingUri: `http://127.0.0.1:${await freePort()}`, outboxDir, ...fast }).startRun({
      experiment: uniqueName("open"),
    });
    await run.logMetrics({ loss: 1 });
    const result = await createTracker({ trackingUri: url, outboxDir }).replayOutbox();
    expect(result.skipped).toEqual([{ localId: run.localId, reason: "still being written" }]);
    expect(existsSync(join(outboxDir, run.localId))).toBe(true);
  });

  it("two replays at once still send each run once", async () => {
    const outboxDir = mkdtempSync(join(tmpdir(), "oq-outbox-"));
    const experiment = uniqueName("concurrent");
    const { run } = await parkRun(outboxDir, experiment);
    const results = await Promise.all([1, 2].map(() => createTracker({ trackingUri: url, outboxDir }).replayOutbox()));
    expect(results.flatMap((r) => r.replayed)).toHaveLength(1);
    await expectParkedRunInMlflow(experiment, run.localId);
  });

  it("refuses to replay while MLflow is unreachable, leaving the run parked", async () => {
    const outboxDir = mkdtempSync(join(tmpdir(), "oq-outbox-"));
    const { run, port } = await parkRun(outboxDir, uniqueName("still-down"));
    const tracker = createTracker({ trackingUri: `http://127.0.0.1:${port}`, outboxDir, ...fast });
    await expect(tracker.replayOutbox()).rejects.toThrow(/Cannot replay the outbox \(1 run\(s\) parked/);
    expect(existsSync(join(outboxDir, run.localId))).toBe(true);
  });

  it("keeps the order of calls made without awaiting, and refuses a missing artifact file", async () => {
    const outboxDir = mkdtempSync(join(tmpdir(), "oq-outbox-"));
    const tracker = createTracker({ trackingUri: `http://127.0.0.1:${await freePort()}`, outboxDir, ...fast });
    const run = await tracker.startRun({ experiment: uniqueName("order") });
    const calls = [
      run.logMetrics({ loss: 1 }, 0),
      run.logArtifact("a.txt", "a"),
      run.logMetrics({ loss: 0.5 }, 1),
      run.logArtifact("missing.bin", { file: join(outboxDir, "no-such-file") }),
      run.setTags({ done: "yes" }),
      run.end(),
    ];
    const settled = await Promise.allSettled(calls);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect(String((settled[3] as PromiseRejectedResult).reason)).toMatch(/not a readable file/);
    const ops = readdirSync(join(outboxDir, run.localId, "ops"))
      .sort()
      .map((n) => JSON.parse(readFileSync(join(outboxDir, run.localId, "ops", n), "utf8")).kind);
    expect(ops).toEqual(["metrics", "artifact", "metrics", "tags", "end"]);
  });

  it("records a failed training run as FAILED with its error", async () => {
    const tracker = createTracker({ trackingUri: url, outboxDir: mkdtempSync(join(tmpdir(), "oq-outbox-")) });
    const run = await tracker.startRun({ experiment: uniqueName("failed") });
    const outcome = await run.fail(new RangeError("horizon must be > 0"));
    const got = await client.getRun(outcome.runId!);
    expect(got.info.status).toBe("FAILED");
    expect(got.data.tags["openquant.error"]).toBe("RangeError: horizon must be > 0");
    await expect(run.logMetrics({ late: 1 })).rejects.toThrow(/already ended/);
  });

  it("refuses to change a param within a run, live or parked alike", async () => {
    const live = await createTracker({ trackingUri: url, outboxDir: mkdtempSync(join(tmpdir(), "oq-outbox-")) }).startRun({
      experiment: uniqueName("params"),
    });
    const parked = await createTracker({ trackingUri: `http://127.0.0.1:${await freePort()}`, outboxDir: mkdtempSync(join(tmpdir(), "oq-outbox-")), ...fast }).startRun({
      experiment: uniqueName("params"),
    });
    for (const run of [live, parked]) {
      await run.logParams({ lr: 0.1 });
      await run.logParams({ lr: 0.1 });
      await expect(run.logParams({ lr: 0.2 })).rejects.toThrow(/already logged as '0.1'/);
      await expect(run.logParams({ "bad key!": 1 })).rejects.toThrow(/may only contain/);
      await run.end();
    }
  });
});
