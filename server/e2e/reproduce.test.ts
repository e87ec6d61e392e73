/**
 * Reproducible runs over HTTP and from a client-mode process: as-of reads and snapshots on the data
 * routes, POST /models/reproduce as a job, retention, the OpenAPI document, a notebook-like process
 * in client mode (HttpStore) that trains and reproduces through the sidecar, and `openquant reproduce`.
 */
import { execFile } from "node:child_process";
import type { Server } from "node:http";
import { promisify } from "node:util";
import { type BarFrame, frameRows, loadSettings, type OpenQuant, openQuant, type TrainResult } from "@openquant/kernel-lib";
import type { Express } from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApp } from "../src/app.js";
import { testPlatform } from "./helpers.js";

const exec = promisify(execFile);
const TICKER = "ACME.SAMPLE";
const base = { tickers: [TICKER], start: "2020-01-01", featureSet: [{ name: "rsi" }, { name: "returns", params: { period: 5 } }, { name: "natr" }], horizon: 5 };

async function finished(app: Express, jobId: string): Promise<{ status: string; result: Record<string, unknown>; error?: unknown }> {
  for (let i = 0; i < 600; i++) {
    const job = (await request(app).get(`/jobs/${jobId}`).expect(200)).body;
    if (["succeeded", "failed", "cancelled", "interrupted"].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("job did not finish");
}

const columns = (f: BarFrame) => ({ ts: Array.from(f.ts), close: Array.from(f.close), volume: Array.from(f.volume) });

describe("reproducible runs over HTTP and in client mode", () => {
  let oq: OpenQuant;
  let app: Express;
  let server: Server;
  let url: string;
  let original: BarFrame;
  let trained: TrainResult;
  const experiment = `e2e-reproduce-http-${Date.now()}`;

  beforeAll(async () => {
    oq = await testPlatform();
    app = createApp({ oq, logger: oq.logger });
    server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    await oq.ingest([TICKER]);
    original = await oq.bars(TICKER);
    trained = await oq.train({ ...base, experiment, model: { type: "xgboost", params: { n_estimators: 30, nthread: 1 } } });
    // a correction of two bars, written as a client-mode process would write it
    const fixed = { ...original, close: Float64Array.from(original.close), adjClose: Float64Array.from(original.adjClose), high: Float64Array.from(original.high) };
    for (const i of [original.ts.length - 50, original.ts.length - 20]) {
      fixed.close[i] *= 1.03;
      fixed.adjClose[i] *= 1.03;
      fixed.high[i] = Math.max(fixed.high[i], fixed.close[i]);
    }
    const res = await request(app).post("/data/bars").send({ provider: "csv", frame: { ticker: TICKER, interval: "1d", ...Object.fromEntries(["ts", "open", "high", "low", "close", "adjClose", "volume"].map((c) => [c, Array.from(fixed[c as keyof BarFrame] as Float64Array)])) } }).expect(200);
    expect(res.body).toMatchObject({ updated: 2, inserted: 0 });
  }, 600_000);
  afterAll(async () => {
    server?.close();
    await oq.close();
  });

  it("GET /data/{ticker}?asOf= answers the bars as recorded then, by time and by snapshot; bad asOf values are clear 4xx", async () => {
    const pinned = String(trained.dataPin?.asOf);
    const asOf = (await request(app).get(`/data/${TICKER}`).query({ asOf: pinned }).expect(200)).body;
    expect({ ts: asOf.ts, close: asOf.close, volume: asOf.volume }).toEqual(columns(original));
    const iso = (await request(app).get(`/data/${TICKER}`).query({ asOf: new Date(Number(pinned)).toISOString() }).expect(200)).body;
    expect(iso.close).toEqual(asOf.close);
    const current = (await request(app).get(`/data/${TICKER}`).expect(200)).body;
    expect(current.close).not.toEqual(asOf.close);

    expect((await request(app).get(`/data/${TICKER}`).query({ asOf: "2001-01-01" }).expect(400)).body.error.message).toMatch(/had been recorded by 2001-01-01/);
    expect((await request(app).get(`/data/${TICKER}`).query({ asOf: "nope-snapshot" }).expect(404)).body.error.message).toMatch(/No snapshot named 'nope-snapshot'/);
    expect((await request(app).get(`/data/${TICKER}`).query({ asOf: "2024-99-99" }).expect(400)).body.error.message).toMatch(/not a time/);
  });

  it("snapshot routes: create (201), duplicate (409), list, read by name, delete (204, then 404)", async () => {
    const created = (await request(app).post("/data/snapshots").send({ name: "http-snap", tickers: [TICKER], description: "after the fix" }).expect(201)).body;
    expect(created).toMatchObject({ name: "http-snap", description: "after the fix", tickers: [{ ticker: TICKER, interval: "1d" }] });
    expect((await request(app).post("/data/snapshots").send({ name: "http-snap" }).expect(409)).body.error.message).toMatch(/already exists/);
    await request(app).post("/data/snapshots").send({ name: "1-starts-with-digit" }).expect(400);
    expect((await request(app).get("/data/snapshots").expect(200)).body.map((s: { name: string }) => s.name)).toContain("http-snap");
    const bySnapshot = (await request(app).get(`/data/${TICKER}`).query({ asOf: "http-snap" }).expect(200)).body;
    expect(bySnapshot.close).toEqual((await request(app).get(`/data/${TICKER}`).expect(200)).body.close);
    await request(app).delete("/data/snapshots/http-snap").expect(204);
    await request(app).delete("/data/snapshots/http-snap").expect(404);
  });

  it("POST /models/reproduce runs a job whose result compares every metric: identical for XGBoost on one thread", async () => {
    const accepted = await request(app).post("/models/reproduce").send({ runId: trained.runId }).expect(202);
    const job = await finished(app, accepted.body.jobId);
    expect(job.status).toBe("succeeded");
    const result = job.result as { match: boolean; originalRunId: string; runId: string; deterministic: boolean; metrics: Array<{ metric: string; original: number; reproduced: number; absDiff: number; match: boolean }> };
    expect(result.originalRunId).toBe(trained.runId);
    expect(result.deterministic).toBe(true);
    expect(result.metrics.find((m) => m.metric === "rmse")).toEqual({ metric: "rmse", original: trained.metrics.rmse, reproduced: trained.metrics.rmse, absDiff: 0, match: true });
    expect(result.metrics.every((m) => m.match)).toBe(true);
    expect(result.match).toBe(true);

    await request(app).post("/models/reproduce").send({ runId: "0".repeat(32) }).expect(404);
    await request(app).post("/models/reproduce").send({ runId: "xyz" }).expect(400);
    const legacy = await oq.tracker.startRun({ experiment, runName: "no-pin" });
    const ended = await legacy.end();
    expect((await request(app).post("/models/reproduce").send({ runId: ended.runId }).expect(409)).body.error.message).toMatch(/no data pin/);
  }, 300_000);

  it("POST /data/retention keeps what the run needs", async () => {
    const report = (await request(app).post("/data/retention").send({ olderThanDays: 0 }).expect(200)).body;
    expect(report).toMatchObject({ removed: 0, kept: 2, force: false });
    await request(app).post("/data/retention").send({ olderThanDays: -1 }).expect(400);
  });

  it("answers bad input on the new routes with a clear 4xx naming the field", async () => {
    const cases: Array<[string, string, unknown, number, RegExp]> = [
      ["post", "/data/snapshots", { name: "ok", bogus: 1 }, 400, /bogus/],
      ["post", "/data/snapshots", { name: "x".repeat(65) }, 400, /snapshot name/],
      ["post", "/data/snapshots", { name: "ok", tickers: ["../etc"] }, 400, /ticker/],
      ["post", "/data/snapshots", { name: "ok", tickers: ["NOPE.SAMPLE"] }, 404, /no bars stored/],
      ["delete", "/data/snapshots/bad%20name", undefined, 400, /snapshot name/],
      ["post", "/data/pins", { runId: "r1", createdAt: 1, asOf: 1, ranges: [] }, 400, /ranges/],
      ["post", "/data/pins", { runId: "r1", createdAt: 1e20, asOf: 1, ranges: [] }, 400, /createdAt/],
      ["get", "/data/pins/unknown-run", undefined, 404, /No data pin for run unknown-run/],
      ["post", "/data/pins", { runId: "r1", createdAt: 1, asOf: 1, ranges: [0, 1].map(() => ({ ticker: TICKER, interval: "1d", start: null, end: null, asOf: 1, rows: 0, sha256: "0".repeat(64) })) }, 400, /one range per ticker/],
      ["post", "/data/pins/r1/link", { mlflowRunId: "nope" }, 400, /MLflow run id/],
      ["post", "/data/retention", { force: "yes" }, 400, /force/],
      ["post", "/data/retention", { olderThanDays: 1, extra: true }, 400, /extra/],
      ["post", "/models/reproduce", { runId: "0".repeat(32), extra: 1 }, 400, /extra/],
      ["post", "/models/reproduce", {}, 400, /runId/],
      ["get", `/data/${TICKER}?asOf=${"9".repeat(20)}`, undefined, 400, /not a time/],
    ];
    for (const [method, path, body, status, message] of cases) {
      const req = request(app)[method as "get" | "post" | "delete"](path);
      const res = body === undefined ? await req : await req.send(body as object);
      expect(`${method} ${path}: ${res.status}`).toBe(`${method} ${path}: ${status}`);
      expect(res.body.error.message).toMatch(message);
    }
  });

  it("publishes asOf, the snapshot routes and reproduce in the OpenAPI document", async () => {
    const doc = (await request(app).get("/openapi.json").expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/data/snapshots", "/data/snapshots/{name}", "/models/reproduce", "/data/retention"]));
    const params = doc.paths["/data/{ticker}"].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toContain("asOf");
  });

  it("a client-mode process reads as of a time, snapshots, trains pinned and reproduces through the sidecar", async () => {
    const settings = loadSettings({ home: inject("home"), env: { OPENQUANT_API_URL: url, OPENQUANT_LOG_LEVEL: "error", MLFLOW_TRACKING_URI: inject("mlflowUrl"), OPENQUANT_DATA_DIR: oq.settings.data_dir } });
    const client = await openQuant({ settings, mode: "client", component: "test" });
    try {
      expect(client.mode).toBe("client");
      expect(frameRows(await client.bars(TICKER, { asOf: trained.dataPin?.asOf }))).toEqual(frameRows(original));
      await client.snapshot("client-snap");
      expect((await client.snapshots()).map((s) => s.name)).toContain("client-snap");
      const run = await client.train({ ...base, experiment, asOf: "client-snap", model: { type: "linear" } });
      expect(run.dataPin?.snapshot).toBe("client-snap");
      // the pin reached the sidecar's store (retention there protects it)
      expect((await oq.store.getPin(run.localRunId))?.ranges[0].ticker).toBe(TICKER);
      const r = await client.reproduce(run.runId as string);
      expect(r.match).toBe(true);

      // and the CLI, as a user runs it, in client mode through the same sidecar
      const bin = `${inject("home")}/server/bin/openquant.js`;
      const cli = await exec(process.execPath, [bin, "reproduce", run.runId as string], { env: { ...process.env, OPENQUANT_API_URL: url, MLFLOW_TRACKING_URI: inject("mlflowUrl"), NO_COLOR: "1" } });
      expect(cli.stdout).toMatch(new RegExp(`reproduced ${run.runId} as MLflow run [0-9a-f]{32}: identical`));
      expect(cli.stdout).toMatch(/rmse\s+\S+\s+\S+\s+0\s+yes/);
      await client.deleteSnapshot("client-snap");
    } finally {
      await client.close();
    }
  }, 300_000);
});
