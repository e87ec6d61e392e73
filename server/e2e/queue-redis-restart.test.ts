/**
 * Redis restarted in the middle of a queued run: a dedicated Redis (not the suite's), a sidecar
 * with OPENQUANT_QUEUE=redis and two workers. Redis stops while jobs are running and comes back
 * on the same port with its append-only file; the sidecar and the workers reconnect by themselves
 * and every job completes with the bars the sample provider has.
 */
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type HealthReport, type IngestResult, SAMPLE_UNIVERSE, SampleProvider } from "@openquant/kernel-lib";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, type ServiceHandle, startRedis } from "../src/services/index.js";
import { authHeaders, queueWorkspace, sidecar, submit, waitJob, worker } from "./queue-helpers.js";

const TICKERS = SAMPLE_UNIVERSE.map((t) => t.ticker);
const handles: ServiceHandle[] = [];
let redis: ServiceHandle | undefined;

afterAll(async () => {
  await Promise.all(handles.map((h) => h.stop(5_000)));
  await redis?.stop(5_000);
});

async function jobsHealth(base: string): Promise<string | undefined> {
  const report = (await (await fetch(`${base}/health`, { headers: authHeaders(base), signal: AbortSignal.timeout(10_000) })).json()) as HealthReport;
  return report.components.find((c) => c.name === "jobs")?.status;
}

describe("Redis restarted mid-run", () => {
  it("the sidecar and the workers reconnect and every job completes", async () => {
    const port = await freePort();
    const ws = queueWorkspace(`redis://127.0.0.1:${port}`, "restart");
    const redisOptions = { port, dataDir: join(ws.dir, "redis"), logFile: join(ws.dir, "redis.log") };
    redis = await startRedis(redisOptions);
    const api = await sidecar(ws.dir, "sidecar", ws.env, "redis");
    handles.push(api);
    for (const name of ["r1", "r2"]) handles.push(await worker(ws.dir, name, api.url, ws.env));

    const ingestions = await Promise.all(TICKERS.map((t) => submit(api.url, "/data/ingest", { tickers: [t], provider: "sample", start: "2012-01-01", full: true })));
    await waitJob(api.url, ingestions[0], 300_000, (j) => j.status !== "queued");

    await redis.stop(10_000);
    // the queue's health says Redis is gone (and answers: the check does not hang on the outage)
    for (let i = 0; i < 40 && (await jobsHealth(api.url)) !== "down"; i++) await sleep(250);
    expect(await jobsHealth(api.url)).toBe("down");
    await sleep(3_000);
    redis = await startRedis(redisOptions);

    const jobs = await Promise.all(ingestions.map((id) => waitJob(api.url, id, 600_000)));
    const provider = new SampleProvider();
    for (const job of jobs) {
      expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
      const result = job.result as IngestResult;
      const ticker = result.tickers[0].ticker;
      // the independent count: the provider's own bars for the range
      const expected = (await provider.fetch({ ticker, interval: "1d", start: Date.parse("2012-01-01") })).ts.length;
      expect(result.tickers[0]).toMatchObject({ status: "ok", fetched: expected, inserted: expected });
    }

    // after the outage, new work flows again: a cross-validation with its folds on the workers
    const cv = await submit(api.url, "/models/cross-validate", {
      tickers: TICKERS.slice(1, 4),
      start: "2016-01-01",
      model: { type: "lightgbm", params: { n_estimators: 40 } },
      split: { method: "walk_forward", folds: 5 },
    });
    const done = await waitJob(api.url, cv, 600_000);
    expect(done.status, JSON.stringify(done.error)).toBe("succeeded");
    expect((done.result as { folds: unknown[] }).folds).toHaveLength(5);
    expect(await jobsHealth(api.url)).toBe("up");
  }, 900_000);
});
