/**
 * The sidecar killed with -9 and restarted while its jobs run on the workers (a crash, or an upgrade
 * done the hard way): the work on the queue outlives it, so the restarted sidecar follows those jobs
 * again under their own ids instead of marking them interrupted, and records their results. Nothing
 * runs twice: the training has one attempt on the queue and one MLflow run.
 */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { MlflowClient, SAMPLE_UNIVERSE } from "@openquant/kernel-lib";
import { afterAll, describe, expect, inject, it } from "vitest";
import { freePort, type ServiceHandle, startSidecar } from "../src/services/index.js";
import { getJob, queueRecords, queueWorkspace, submit, trackSidecar, waitJob, worker } from "./queue-helpers.js";

const TICKERS = SAMPLE_UNIVERSE.map((t) => t.ticker).slice(1, 3);
const handles: ServiceHandle[] = [];

afterAll(async () => {
  await Promise.all(handles.map((h) => h.stop(5_000)));
});

describe("the sidecar killed (-9) and restarted while its jobs run on a worker", () => {
  it("follows the jobs again and records their results, running nothing twice", async () => {
    const redisUrl = inject("redisUrl");
    const queueName = `e2e-sidecar-restart-${randomUUID().slice(0, 8)}`;
    const { dir, env } = queueWorkspace(redisUrl, queueName);
    const port = await freePort();
    // the same data folder and port each time: the workers keep their OPENQUANT_API_URL
    const start = async () =>
      trackSidecar(
        await startSidecar({
          home: inject("home"),
          port,
          logFile: join(dir, "sidecar.log"),
          env: { ...env, OPENQUANT_DATA_DIR: join(dir, "sidecar"), OPENQUANT_OUTPUTS_DIR: join(dir, "sidecar", "outputs"), OPENQUANT_QUEUE: "redis" },
        }),
      );
    let api = await start();
    handles.push(api, await worker(dir, "k1", api.url, env));

    const ingestion = await waitJob(api.url, await submit(api.url, "/data/ingest", { tickers: TICKERS, provider: "sample" }), 300_000);
    expect(ingestion.status, JSON.stringify(ingestion.error)).toBe("succeeded");
    const experiment = `e2e-sidecar-restart-${Date.now()}`;
    const model = { type: "lightgbm", params: { n_estimators: 800, early_stopping_rounds: 0 } };
    const id = await submit(api.url, "/models/train", { experiment, tickers: TICKERS, start: "2015-01-01", horizon: 5, model });
    // fitting on the worker (not just taken): the kill lands mid-job
    await waitJob(api.url, id, 300_000, (j) => j.progress.fraction > 0.15 || !["queued", "running"].includes(j.status));
    expect((await getJob(api.url, id)).status).toBe("running");

    process.kill(-api.pid, "SIGKILL");
    await api.exited;
    api = await start();
    handles.push(api);

    const done = await waitJob(api.url, id, 600_000);
    expect(done.status, JSON.stringify(done.error)).toBe("succeeded");
    expect(done.log.some((l) => l.includes("following this job's work on the queue again"))).toBe(true);
    const runId = (done.result as { runId?: string }).runId;
    expect(runId).toBeTruthy();
    const [record] = await queueRecords(redisUrl, queueName, [id]);
    expect(record).toMatchObject({ state: "completed", processedBy: "k1" });
    // one training: a single MLflow run for the job, the one its result names, finished
    const runs = await new MlflowClient({ trackingUri: inject("mlflowUrl") }).searchAllRuns({ experimentNames: [experiment], filter: `tags.\`openquant.job_id\` = '${id}'` });
    expect(runs.map((r) => [r.info.runId, r.info.status])).toEqual([[runId, "FINISHED"]]);
    // and the restarted sidecar takes new work as before
    const after = await waitJob(api.url, await submit(api.url, "/data/ingest", { tickers: [TICKERS[0]], provider: "sample" }), 300_000);
    expect(after.status).toBe("succeeded");
  }, 900_000);
});
