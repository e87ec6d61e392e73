/**
 * The sidecar with its services gone: a real Redis and a real MLflow of this test's own, stopped
 * mid-test. /health must say so; data and feature routes must answer as before (the feature cache
 * falls back to computing); ingestion still runs; a training job still completes, its run parked
 * in the local outbox instead of MLflow.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { HealthReport, OpenQuant } from "@openquant/kernel-lib";
import type { Express } from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApp } from "../src/app.js";
import { freePort, type ServiceHandle, startMlflow, startRedis } from "../src/services/index.js";
import { testPlatform } from "./helpers.js";

const TICKER = "ACME.SAMPLE";
const FEATURES = { ticker: TICKER, featureSet: [{ name: "rsi" }, { name: "bbands" }], start: "2024-01-01", end: "2024-12-31" };

const component = (report: HealthReport, name: string) => report.components.find((c) => c.name === name);

async function finished(app: Express, jobId: string): Promise<{ status: string; result: Record<string, unknown>; error: unknown }> {
  for (let i = 0; i < 600; i++) {
    const job = (await request(app).get(`/jobs/${jobId}`).expect(200)).body;
    if (["succeeded", "failed", "cancelled"].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`job ${jobId} did not finish`);
}

describe("degraded: Redis and MLflow stopped", () => {
  let oq: OpenQuant;
  let app: Express;
  let mlflow: ServiceHandle;
  let redis: ServiceHandle;
  /** What the routes answered while every service was up. */
  const before: { bars?: unknown; features?: unknown } = {};

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "oq-degraded-"));
    [mlflow, redis] = await Promise.all([
      freePort().then((port) =>
        startMlflow({ venvDir: inject("venvDir"), port, dataDir: join(dir, "mlflow"), artifactsDir: join(dir, "mlruns"), logFile: join(dir, "mlflow.log") }),
      ),
      freePort().then((port) => startRedis({ port, dataDir: join(dir, "redis"), logFile: join(dir, "redis.log") })),
    ]);
    oq = await testPlatform({ MLFLOW_TRACKING_URI: mlflow.url, REDIS_URL: redis.url });
    app = createApp({ oq, logger: oq.logger });
    await oq.ingest([TICKER], { start: "2020-01-01" });

    const health = (await request(app).get("/health").expect(200)).body as HealthReport;
    expect(health.status).toBe("up");
    expect(component(health, "cache")?.details).toMatchObject({ backend: "redis" });
    before.bars = (await request(app).get(`/data/${TICKER}?start=2024-01-01`).expect(200)).body;
    before.features = (await request(app).post("/features/compute").send(FEATURES).expect(200)).body;

    await Promise.all([mlflow.stop(), redis.stop()]);
  });
  afterAll(async () => {
    await oq?.close();
    await Promise.all([mlflow?.stop(), redis?.stop()]);
  });

  it("/health reports MLflow down and the cache degraded, and still answers 200", async () => {
    const res = await request(app).get("/health").expect(200);
    const report = res.body as HealthReport;
    expect(report.status).toBe("degraded");
    expect(component(report, "mlflow")).toMatchObject({ status: "down", error: expect.stringMatching(/unusable.*outbox/) });
    expect(component(report, "cache")).toMatchObject({ status: "degraded", error: expect.stringMatching(/Redis unreachable.*without the cache/) });
    expect(component(report, "duckdb")?.status).toBe("up");
    expect(component(report, "scheduler")?.status).toBe("up");
  });

  it("serves data as before", async () => {
    const tickers = (await request(app).get("/data/tickers").expect(200)).body as Array<{ ticker: string; rows: number }>;
    expect(tickers.find((t) => t.ticker === TICKER)?.rows).toBeGreaterThan(1000);
    expect((await request(app).get(`/data/${TICKER}?start=2024-01-01`).expect(200)).body).toEqual(before.bars);
    const range = "start=2024-01-02&end=2024-01-31";
    const json = (await request(app).get(`/data/${TICKER}?${range}`).expect(200)).body as { ts: number[] };
    const csv = await request(app).get(`/data/${TICKER}?${range}&format=csv`).expect(200);
    expect(csv.text.trim().split("\n").slice(1).map((line) => Date.parse(line.split(",")[0]))).toEqual(json.ts);
    expect(json.ts.length).toBe(21); // 22 weekdays from Jan 2 to Jan 31, 2024, less Martin Luther King Day (the 15th)
  });

  it("computes features as before, and new ones, without the cache", async () => {
    expect((await request(app).post("/features/compute").send(FEATURES).expect(200)).body).toEqual(before.features);
    const fresh = await request(app)
      .post("/features/compute")
      .send({ ticker: TICKER, featureSet: [{ name: "sma", params: { period: 3 } }], start: "2024-01-02", end: "2024-01-31" })
      .expect(200);
    const bars = (await request(app).get(`/data/${TICKER}?start=2023-12-20&end=2024-01-31`).expect(200)).body as { ts: number[]; close: number[]; adjClose: number[] };
    // the 3-bar mean of adjusted closes, by hand from the bars the API serves
    const at = bars.ts.indexOf(Date.parse("2024-01-31T00:00:00Z"));
    expect(at).toBeGreaterThan(2);
    expect(fresh.body.columns.sma_3.at(-1)).toBeCloseTo((bars.adjClose[at] + bars.adjClose[at - 1] + bars.adjClose[at - 2]) / 3, 10);
  });

  it("ingests through a job", async () => {
    const accepted = await request(app).post("/data/ingest").send({ tickers: ["BANK.SAMPLE"], provider: "sample", start: "2023-01-01" }).expect(202);
    const job = await finished(app, accepted.body.jobId);
    expect(job.status).toBe("succeeded");
    expect(job.result).toMatchObject({ status: "ok" });
  });

  it("completes a training job with its run in the outbox", async () => {
    const experiment = `degraded-${Date.now()}`;
    const accepted = await request(app)
      .post("/models/train")
      .send({ experiment, tickers: [TICKER], featureSet: [{ name: "rsi" }, { name: "natr" }], horizon: 5, model: { type: "linear" } })
      .expect(202);
    const job = await finished(app, accepted.body.jobId);
    expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
    expect(job.result).toMatchObject({ destination: "outbox", experiment, modelType: "linear" });
    expect(job.result.runId).toBeUndefined();
    expect((job.result.metrics as Record<string, number>).rmse).toBeGreaterThan(0);

    const parked = (await oq.tracker.listOutbox()).find((r) => r.localId === job.result.localRunId);
    expect(parked).toMatchObject({ experiment, state: "ready" });
    expect(parked?.ops).toBeGreaterThan(0);
    // the MLflow routes say MLflow is unavailable, they do not fail
    const runs = await request(app).get(`/models/runs?experiment=${experiment}`);
    expect(runs.status).toBe(503);
    expect(runs.body.error.message).toMatch(/MLflow/);
  });
});
