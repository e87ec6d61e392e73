/**
 * Running a schedule now over HTTP: by default the answer is the finished run; with wait=false it is
 * 202 at once with the run's address, where the run is followed until it ends (what the panel does,
 * and what a client-mode notebook's oq.schedules.runNow does for its caller).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSettings, type OpenQuant, openQuant } from "@openquant/kernel-lib";
import type { Express } from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApp } from "../src/app.js";
import { freePort, startSidecar } from "../src/services/index.js";
import { testPlatform } from "./helpers.js";

describe("POST /schedules/{id}/run", () => {
  let oq: OpenQuant;
  let app: Express;
  const id = `run-now-${Date.now().toString(36)}`;

  beforeAll(async () => {
    oq = await testPlatform();
    app = createApp({ oq, logger: oq.logger });
    await request(app)
      .post("/schedules")
      .send({ id, kind: "ingest", cron: "0 3 * * *", enabled: false, params: { tickers: ["ACME.SAMPLE", "NOVA.SAMPLE"] } })
      .expect(201);
  });
  afterAll(async () => oq?.close());

  it("answers with the finished run by default", async () => {
    const res = await request(app).post(`/schedules/${id}/run`).expect(200);
    expect(res.body).toMatchObject({ scheduleId: id, status: "ok", trigger: "manual", summary: { totals: expect.any(Object) } });
    expect(res.body.finishedAt).not.toBeNull();
  });

  it("with wait=false answers 202 with the run's address, where the run is followed until it ends", async () => {
    const res = await request(app).post(`/schedules/${id}/run?wait=false`).expect(202);
    expect(res.headers.location).toBe(`/schedules/${id}/runs/${res.body.id}`);
    expect(["running", "ok"]).toContain(res.body.status);
    let run = res.body as { status: string; finishedAt: string | null; summary: unknown };
    for (let i = 0; i < 300 && run.status === "running"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = (await request(app).get(res.headers.location).expect(200)).body;
    }
    expect(run.status).toBe("ok");
    expect(run.finishedAt).not.toBeNull();
    const history = (await request(app).get(`/schedules/${id}/runs`).expect(200)).body as Array<{ id: string }>;
    expect(history[0].id).toBe(res.body.id);
  });
});

describe("oq.schedules.runNow in client mode (a notebook beside the sidecar)", () => {
  it("starts the run in the sidecar and follows it to its end", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oq-sched-client-"));
    const env = { OPENQUANT_DATA_DIR: join(dir, "data"), OPENQUANT_LOG_DIR: join(dir, "logs"), MLFLOW_TRACKING_URI: inject("mlflowUrl") };
    const port = await freePort();
    const sidecar = await startSidecar({ home: inject("home"), port, logFile: join(dir, "sidecar.log"), env });
    const oq = await openQuant({ settings: loadSettings({ home: inject("home"), env: { ...env, OPENQUANT_API_URL: sidecar.url, OPENQUANT_LOG_LEVEL: "warn" } }), mode: "client", component: "test" });
    try {
      await oq.schedules.create({ id: "client-nightly", kind: "ingest", cron: "0 3 * * *", enabled: false, params: { tickers: ["ACME.SAMPLE"] } });
      const finished = await oq.schedules.runNow("client-nightly");
      expect(finished).toMatchObject({ scheduleId: "client-nightly", status: "ok", trigger: "manual" });
      expect(finished.finishedAt).not.toBeNull();
      const started = await oq.schedules.runNow("client-nightly", { wait: false });
      expect(["running", "ok"]).toContain(started.status);
      expect((await oq.schedules.getRun("client-nightly", started.id)).id).toBe(started.id);
      expect((await oq.schedules.runs("client-nightly")).map((r) => r.id)).toContain(finished.id);
    } finally {
      await oq.close();
      await sidecar.stop();
    }
  }, 120_000);
});
