/**
 * Jobs in a real `openquant serve` process: SIGTERM lets a running ingestion finish before the
 * sidecar exits cleanly; kill -9 mid-job leaves a DuckDB file whose job reads "interrupted"
 * when the platform next opens it.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type IngestResult, type Job, loadSettings, MlflowClient, openQuant, SAMPLE_UNIVERSE } from "@openquant/kernel-lib";
import { afterEach, describe, expect, inject, it } from "vitest";
import { freePort, type ServiceHandle, startSidecar } from "../src/services/index.js";

const TICKERS = SAMPLE_UNIVERSE.map((t) => t.ticker);

/** A data folder and configs whose ingestion runs one ticker at a time (so a job lasts a while). */
function workspace() {
  const dir = mkdtempSync(join(tmpdir(), "oq-jobs-sidecar-"));
  const configs = join(dir, "configs");
  cpSync(join(inject("home"), "configs"), configs, { recursive: true });
  const file = join(configs, "data_sources.yaml");
  const yaml = readFileSync(file, "utf8").replace(/concurrency:\s*\d+/, "concurrency: 1");
  expect(yaml).toMatch(/concurrency: 1/);
  writeFileSync(file, yaml);
  const env = {
    OPENQUANT_DATA_DIR: join(dir, "data"),
    OPENQUANT_LOG_DIR: join(dir, "logs"),
    OPENQUANT_CONFIG_DIR: configs,
    OPENQUANT_LOG_LEVEL: "info",
    MLFLOW_TRACKING_URI: inject("mlflowUrl"),
    OPENQUANT_TOKEN: TOKEN,
  };
  return { dir, env };
}

const TOKEN = "jobs-sidecar-e2e-token-0123456789";
const AUTH = { authorization: `Bearer ${TOKEN}` };

/** Reads a job's SSE stream and calls `onEvent` with each event name and JSON data until it ends. */
async function follow(url: string, onEvent: (event: string, data: unknown) => void | Promise<void>): Promise<void> {
  const res = await fetch(url, { headers: AUTH });
  expect(res.status).toBe(200);
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) await onEvent(event, JSON.parse(data));
    }
  }
}

async function reopenJob(env: Record<string, string>, id: string): Promise<{ job: Job; rows: number; stored: number }> {
  const settings = loadSettings({ home: inject("home"), env: { ...env, OPENQUANT_LOG_LEVEL: "warn" } });
  const oq = await openQuant({ settings, component: "test", mode: "embedded" });
  try {
    const job = await (oq.jobs as NonNullable<typeof oq.jobs>).get(id);
    const tickers = await oq.tickers();
    return { job, rows: tickers.reduce((sum, t) => sum + t.rows, 0), stored: tickers.filter((t) => t.rows > 0).length };
  } finally {
    await oq.close();
  }
}

describe("jobs in a real sidecar process", () => {
  let sidecar: ServiceHandle | undefined;
  afterEach(async () => {
    await sidecar?.stop(2_000);
    sidecar = undefined;
  });

  it("on SIGTERM stops taking connections, lets the running job finish, and exits cleanly", async () => {
    const { dir, env } = workspace();
    const port = await freePort();
    sidecar = await startSidecar({ home: inject("home"), port, logFile: join(dir, "sidecar.log"), env });
    const handle = sidecar;
    const accepted = await fetch(`${handle.url}/data/ingest`, {
      method: "POST",
      headers: { ...AUTH, "content-type": "application/json" },
      body: JSON.stringify({ tickers: TICKERS, provider: "sample" }),
    });
    expect(accepted.status).toBe(202);
    const { jobId, location } = (await accepted.json()) as { jobId: string; location: string };

    let signalledAt = 0;
    let doneAtSignal = 0;
    let refused: unknown;
    let final: Job | undefined;
    await follow(`${handle.url}${location}/events`, async (event, data) => {
      if (event === "progress" && !signalledAt) {
        doneAtSignal = (data as { progress: Job["progress"] }).progress.counters.done;
        if (doneAtSignal < 1) return;
        signalledAt = Date.now();
        process.kill(-handle.pid, "SIGTERM");
        // new connections are refused as soon as the signal is handled, while this stream goes on
        for (let i = 0; i < 50 && !refused; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          refused = await fetch(`${handle.url}/health`).then(
            () => undefined,
            (error: Error) => error,
          );
        }
      }
      if (event === "status") final = data as Job;
    });
    expect(signalledAt).toBeGreaterThan(0);
    expect(doneAtSignal).toBeLessThan(TICKERS.length);
    expect(refused).toBeInstanceOf(Error);
    expect(final).toMatchObject({ id: jobId, status: "succeeded" });
    expect(Date.parse(final?.finishedAt as string)).toBeGreaterThan(signalledAt);
    expect(await handle.exited).toBe(0);
    expect(readFileSync(join(dir, "sidecar.log"), "utf8")).toMatch(/waiting for running jobs to finish[\s\S]*stopped/);

    // the file was closed cleanly and holds the finished job and every bar it wrote
    const { job, rows } = await reopenJob(env, jobId);
    expect(job).toMatchObject({ status: "succeeded", error: null });
    const result = job.result as IngestResult;
    expect(result.tickers.filter((t) => t.status === "ok")).toHaveLength(TICKERS.length);
    expect(rows).toBe(result.totals.inserted);
  });

  it("after kill -9 mid-job, the job reads as interrupted and the file opens with the bars written so far", async () => {
    const { dir, env } = workspace();
    const port = await freePort();
    sidecar = await startSidecar({ home: inject("home"), port, logFile: join(dir, "sidecar.log"), env });
    const handle = sidecar;
    const accepted = await fetch(`${handle.url}/data/ingest`, {
      method: "POST",
      headers: { ...AUTH, "content-type": "application/json" },
      body: JSON.stringify({ tickers: TICKERS, provider: "sample" }),
    });
    const { jobId, location } = (await accepted.json()) as { jobId: string; location: string };
    let killed = false;
    await follow(`${handle.url}${location}/events`, (event, data) => {
      if (!killed && event === "progress" && (data as { progress: Job["progress"] }).progress.counters.done >= 2) {
        killed = true;
        process.kill(-handle.pid, "SIGKILL");
      }
    }).catch(() => undefined); // the stream breaks with the process
    expect(killed).toBe(true);
    await handle.exited;

    const { job, stored } = await reopenJob(env, jobId);
    expect(job).toMatchObject({
      status: "interrupted",
      error: { code: "INTERRUPTED", message: expect.stringMatching(/stopped before it finished/) },
      finishedAt: expect.any(String),
    });
    // the two tickers reported done were committed before the kill
    expect(stored).toBeGreaterThanOrEqual(2);
  });

  it("after kill -9 mid-training, the next start ends KILLED the MLflow run the job left RUNNING", async () => {
    const { dir, env } = workspace();
    const port = await freePort();
    sidecar = await startSidecar({ home: inject("home"), port, logFile: join(dir, "sidecar.log"), env });
    const handle = sidecar;
    const post = (path: string, body: unknown) =>
      fetch(`${handle.url}${path}`, { method: "POST", headers: { ...AUTH, "content-type": "application/json" }, body: JSON.stringify(body) }).then(
        (r) => r.json() as Promise<{ jobId: string; location: string }>,
      );
    const ingest = await post("/data/ingest", { tickers: ["ACME.SAMPLE"], provider: "sample" });
    await follow(`${handle.url}${ingest.location}/events`, () => undefined);
    const experiment = `e2e-killed-${Date.now()}`;
    // many slow rounds and no early stop: the fit lasts long enough to be killed in
    const model = { type: "xgboost", params: { n_estimators: 20_000, learning_rate: 0.0001, early_stopping_rounds: 0 } };
    const { jobId, location } = await post("/models/train", { experiment, tickers: ["ACME.SAMPLE"], horizon: 5, model });
    let killed = false;
    await follow(`${handle.url}${location}/events`, (event, data) => {
      if (!killed && event === "progress" && /fold 1\/1: \d+\//.test((data as { progress: Job["progress"] }).progress.message ?? "")) {
        killed = true;
        process.kill(-handle.pid, "SIGKILL");
      }
    }).catch(() => undefined);
    expect(killed).toBe(true);
    await handle.exited;

    const mlflow = new MlflowClient({ trackingUri: inject("mlflowUrl") });
    const runsOfJob = () => mlflow.searchAllRuns({ experimentNames: [experiment], filter: `tags.\`openquant.job_id\` = '${jobId}'` });
    expect((await runsOfJob()).map((r) => r.info.status)).toEqual(["RUNNING"]);

    const { job } = await reopenJob(env, jobId);
    expect(job.status).toBe("interrupted");
    // ended in the background once the platform has started
    let runs = await runsOfJob();
    for (let i = 0; i < 100 && runs[0].info.status === "RUNNING"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      runs = await runsOfJob();
    }
    expect(runs).toHaveLength(1);
    expect(runs[0].info.status).toBe("KILLED");
    expect(runs[0].data.tags["openquant.ended_by"]).toMatch(/interrupted/);
  });
});
