/**
 * GET /health against real components: a real DuckDB file, real Redis, a real MLflow server
 * that the test stops to see it reported down while /health still answers.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { HealthReport, OpenQuant } from "@openquant/kernel-lib";
import request from "supertest";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createApp } from "../src/app.js";
import { freePort, type ServiceHandle, startMlflow, startRedis } from "../src/services/index.js";
import { testPlatform } from "./helpers.js";

const component = (report: HealthReport, name: string) => report.components.find((c) => c.name === name);

describe("GET /health", () => {
  const opened: OpenQuant[] = [];
  const services: ServiceHandle[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((oq) => oq.close()));
    await Promise.all(services.map((s) => s.stop()));
  });

  it("measures DuckDB, the Redis cache and MLflow for real", async () => {
    const oq = await testPlatform({ REDIS_URL: inject("redisUrl") });
    opened.push(oq);
    const res = await request(createApp({ oq, logger: oq.logger })).get("/health").expect(200);
    const report = res.body as HealthReport;
    expect(report.status).toBe("up");
    expect(component(report, "duckdb")).toMatchObject({ status: "up", version: expect.stringMatching(/^v1\./) });
    expect(component(report, "cache")).toMatchObject({ status: "up", version: expect.stringMatching(/^\d+\.\d+/) });
    expect(component(report, "mlflow")).toMatchObject({ status: "up", version: "3.17.2" });
    expect(component(report, "scheduler")).toMatchObject({ status: "up", details: { running: true } });
    for (const c of report.components) expect(c.latencyMs).toBeGreaterThan(0);
    expect(res.headers["x-request-id"]).toMatch(/^[\w-]+$/);
  });

  it("reports MLflow down once it stops, and Redis degraded once it stops, while still answering", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oq-health-"));
    const [mlflow, redis] = await Promise.all([
      freePort().then((port) =>
        startMlflow({
          venvDir: inject("venvDir"),
          port,
          dataDir: join(dir, "mlflow"),
          artifactsDir: join(dir, "mlruns"),
          logFile: join(dir, "mlflow.log"),
        }),
      ),
      freePort().then((port) => startRedis({ port, dataDir: join(dir, "redis"), logFile: join(dir, "redis.log") })),
    ]);
    services.push(mlflow, redis);
    const oq = await testPlatform({ MLFLOW_TRACKING_URI: mlflow.url, REDIS_URL: redis.url });
    opened.push(oq);
    const app = createApp({ oq, logger: oq.logger });

    const before = (await request(app).get("/health").expect(200)).body as HealthReport;
    expect(component(before, "mlflow")?.status).toBe("up");
    expect(component(before, "cache")?.status).toBe("up");

    await Promise.all([mlflow.stop(), redis.stop()]);
    const after = (await request(app).get("/health").expect(200)).body as HealthReport;
    expect(after.status).toBe("degraded");
    expect(component(after, "mlflow")).toMatchObject({ status: "down" });
    expect(component(after, "mlflow")?.error).toMatch(/unusable.*outbox/);
    expect(component(after, "cache")).toMatchObject({ status: "degraded" });
    expect(component(after, "duckdb")?.status).toBe("up");
  });
});
