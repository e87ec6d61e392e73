/** Features and models over HTTP, in-process against real DuckDB, MLflow and the model libraries. */
import type { OpenQuant } from "@openquant/kernel-lib";
import type { Express } from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.js";
import { testPlatform } from "./helpers.js";

async function finished(app: Express, jobId: string): Promise<{ status: string; result: Record<string, unknown>; error?: unknown }> {
  for (let i = 0; i < 300; i++) {
    const job = (await request(app).get(`/jobs/${jobId}`).expect(200)).body;
    if (["succeeded", "failed", "cancelled"].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("job did not finish");
}

describe("features and models routes", () => {
  let oq: OpenQuant;
  let app: Express;
  const experiment = `e2e-routes-${Date.now()}`;
  beforeAll(async () => {
    oq = await testPlatform();
    app = createApp({ oq, logger: oq.logger });
    await oq.ingest(["ACME.SAMPLE", "BANK.SAMPLE"], { start: "2016-01-01" });
  });
  afterAll(async () => oq.close());

  it("lists the registry and computes features with warm-up as null", async () => {
    const list = (await request(app).get("/features").expect(200)).body as Array<{ name: string; defaults: object }>;
    expect(list.length).toBeGreaterThanOrEqual(30);
    expect(list.find((f) => f.name === "bbands")?.defaults).toEqual({ period: 20, devUp: 2, devDown: 2 });
    const res = await request(app)
      .post("/features/compute")
      .send({ ticker: "ACME.SAMPLE", featureSet: [{ name: "rsi" }, { name: "sma", params: { period: 50 } }], start: "2016-01-01", end: "2016-06-30" })
      .expect(200);
    expect(Object.keys(res.body.columns)).toEqual(["rsi_14", "sma_50"]);
    expect(res.body.columns.sma_50[0]).toBeNull(); // the store holds nothing before 2016-01-04
    expect(res.body.columns.sma_50.at(-1)).toBeTypeOf("number");
    const bad = await request(app).post("/features/compute").send({ ticker: "ACME.SAMPLE", featureSet: [{ name: "rsi", params: { period: 0 } }] }).expect(400);
    expect(bad.body.error.message).toMatch(/params of feature 'rsi'/);
    await request(app).post("/features/compute").send({ ticker: "NOPE", featureSet: "default" }).expect(404);
  });

  it("trains as a job, lists the run, registers it under an alias and predicts through the alias", async () => {
    const spec = {
      experiment,
      tickers: ["ACME.SAMPLE", "BANK.SAMPLE"],
      featureSet: [{ name: "rsi" }, { name: "natr" }, { name: "zscore" }],
      horizon: 5,
      model: { type: "lightgbm", params: { n_estimators: 30, num_threads: 1 } },
    };
    const accepted = await request(app).post("/models/train").send(spec).expect(202);
    const job = await finished(app, accepted.body.jobId);
    expect(job.status).toBe("succeeded");
    const runId = job.result.runId as string;
    expect(runId).toMatch(/^[0-9a-f]{32}$/);

    const runs = (await request(app).get(`/models/runs?experiment=${experiment}`).expect(200)).body as Array<{ runId: string; metrics: Record<string, number> }>;
    expect(runs.map((r) => r.runId)).toContain(runId);
    expect(runs[0].metrics.rmse).toBeGreaterThan(0);

    const name = `routes-lgbm-${Date.now()}`;
    const reg = await request(app).post("/models/register").send({ runId, name, alias: "prod" }).expect(201);
    expect(reg.body).toEqual({ name, version: "1", alias: "prod" });
    const registered = (await request(app).get("/models/registered").expect(200)).body as Array<{ name: string; aliases: Record<string, string> }>;
    expect(registered.find((m) => m.name === name)?.aliases).toEqual({ prod: "1" });

    const byAlias = await request(app).post("/models/predict").send({ model: `models:/${name}@prod`, ticker: "BANK.SAMPLE", start: "2025-12-01" }).expect(200);
    const byRun = await request(app).post("/models/predict").send({ model: runId, ticker: "BANK.SAMPLE", start: "2025-12-01" }).expect(200);
    expect(byAlias.body.predictions).toEqual(byRun.body.predictions);
    expect(byAlias.body.dates.length).toBe(byAlias.body.predictions.length);
  });

  it("refuses bad training requests before any job starts", async () => {
    const base = { tickers: ["ACME.SAMPLE"], model: { type: "linear" } };
    const unknown = await request(app).post("/models/train").send({ ...base, model: { type: "xgbost" } }).expect(400);
    expect(unknown.body.error.message).toMatch(/Did you mean 'xgboost'/);
    const params = await request(app).post("/models/train").send({ ...base, model: { type: "xgboost", params: { max_depth: "deep" } } }).expect(400);
    expect(params.body.error.message).toMatch(/max_depth/);
    await request(app).post("/models/train").send({ ...base, horizon: 0 }).expect(400);
    await request(app).post("/models/predict").send({ model: "not-a-run", ticker: "ACME.SAMPLE" }).expect(400);
    await request(app).post("/models/predict").send({ model: "0123456789abcdef0123456789abcdef", ticker: "ACME.SAMPLE" }).expect(404);
    await request(app).post("/models/register").send({ runId: "x", name: "n" }).expect(400);
  });
});
