/**
 * The work queue for real (DESIGN.md decision 8): a sidecar with OPENQUANT_QUEUE=redis, two
 * `openquant worker` processes and the suite's Redis, next to a sidecar running the same jobs
 * in-process. 50 ingestion jobs (plus one split into batches) and a 5-fold cross-validation are
 * spread over both workers and give exactly the in-process results; a worker killed mid-job has
 * its job finished by the other; a bad request fails at once, a job whose worker cannot reach the
 * sidecar fails after its tries with that error.
 */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { type IngestResult, type Job, loadSettings, MlflowClient, type NotebookRun, openQuant, SAMPLE_UNIVERSE, type TickerInfo } from "@openquant/kernel-lib";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort, type ServiceHandle, type SidecarHandle } from "../src/services/index.js";
import { authHeaders, getJob, queueRecords, queueWorkspace, sidecar, submit, waitJob, worker } from "./queue-helpers.js";

const TICKERS = SAMPLE_UNIVERSE.map((t) => t.ticker);
const YEARS = [2015, 2016, 2017, 2018, 2019];
const CV_SPEC = {
  tickers: TICKERS.slice(1, 5),
  start: "2015-01-01",
  end: "2020-12-31",
  horizon: 5,
  model: { type: "lightgbm", params: { n_estimators: 60 } },
  split: { method: "walk_forward", folds: 5 },
};

const redisUrl = inject("redisUrl");
const queueName = `e2e-${randomUUID().slice(0, 8)}`;
const { dir, env } = queueWorkspace(redisUrl, queueName);
const handles: ServiceHandle[] = [];
let queued: SidecarHandle;
let inProcess: SidecarHandle;
const workers: Record<string, ServiceHandle> = {};

function tickerOutcome(r: IngestResult) {
  return r.tickers.map(({ ticker, status, fetched, inserted, updated, unchanged, rejected }) => ({ ticker, status, fetched, inserted, updated, unchanged, rejected }));
}

async function stored(base: string): Promise<Array<Pick<TickerInfo, "ticker" | "rows" | "firstBar" | "lastBar">>> {
  const list = (await (await fetch(`${base}/data/tickers`, { headers: authHeaders(base) })).json()) as TickerInfo[];
  return list.map(({ ticker, rows, firstBar, lastBar }) => ({ ticker, rows, firstBar, lastBar })).sort((a, b) => a.ticker.localeCompare(b.ticker));
}

/** Submits the same job to both sidecars and waits for both. */
async function both(path: string, body: unknown): Promise<{ queued: Job; inProcess: Job }> {
  const [q, p] = await Promise.all([submit(queued.url, path, body), submit(inProcess.url, path, body)]);
  const [qj, pj] = await Promise.all([waitJob(queued.url, q, 600_000), waitJob(inProcess.url, p, 600_000)]);
  return { queued: qj, inProcess: pj };
}

beforeAll(async () => {
  const batched = { ...env, OPENQUANT_QUEUE_INGEST_BATCH: "3" };
  [queued, inProcess] = await Promise.all([sidecar(dir, "sidecar-queue", batched, "redis"), sidecar(dir, "sidecar-inprocess", env, "inprocess")]);
  handles.push(queued, inProcess);
  for (const name of ["w1", "w2"]) {
    workers[name] = await worker(dir, name, queued.url, env);
    handles.push(workers[name]);
  }
}, 300_000);

afterAll(async () => {
  await Promise.all(handles.map((h) => h.stop(5_000)));
});

describe("jobs on the work queue, two worker processes", () => {
  it("runs 50 ingestion jobs and one split into batches over both workers, with the in-process results", async () => {
    const requests = TICKERS.flatMap((ticker) => YEARS.map((y) => ({ tickers: [ticker], provider: "sample", start: `${y}-01-01`, end: `${y}-12-31`, full: true })));
    expect(requests).toHaveLength(50);
    const submitted = await Promise.all(requests.map(async (body) => ({ q: await submit(queued.url, "/data/ingest", body), p: await submit(inProcess.url, "/data/ingest", body) })));
    const jobs = await Promise.all(submitted.map(async ({ q, p }) => ({ q: await waitJob(queued.url, q, 600_000), p: await waitJob(inProcess.url, p, 600_000) })));
    for (const { q, p } of jobs) {
      expect(q.status, JSON.stringify(q.error)).toBe("succeeded");
      expect(p.status).toBe("succeeded");
      expect(tickerOutcome(q.result as IngestResult)).toEqual(tickerOutcome(p.result as IngestResult));
      expect((q.result as IngestResult).totals.inserted).toBeGreaterThan(200);
      expect(q.progress).toMatchObject({ fraction: 1, counters: { done: 1, total: 1, failed: 0 } });
      expect(q.log.some((l) => l.includes(`${(q.result as IngestResult).tickers[0].ticker}: `))).toBe(true);
    }

    // all ten tickers in one job: batches of 3 → 4 pieces of work, merged into one result
    const whole = await both("/data/ingest", { tickers: TICKERS, provider: "sample", start: "2020-01-01", end: "2020-12-31", full: true });
    expect(whole.queued.status).toBe("succeeded");
    const merged = whole.queued.result as IngestResult;
    expect(tickerOutcome(merged)).toEqual(tickerOutcome(whole.inProcess.result as IngestResult));
    expect(merged.totals).toEqual((whole.inProcess.result as IngestResult).totals);
    expect(merged.status).toBe("ok");
    expect(whole.queued.progress.counters).toEqual({ done: 10, total: 10, failed: 0 });
    expect(whole.queued.log.some((l) => l.includes("in 4 batches of up to 3 on the work queue"))).toBe(true);

    expect(await stored(queued.url)).toEqual(await stored(inProcess.url));
    const records = await queueRecords(redisUrl, queueName, [...jobs.map((j) => j.q.id), ...[1, 2, 3, 4].map((b) => `${whole.queued.id}-batch${b}`)]);
    expect(records.every((r) => r.state === "completed")).toBe(true);
    const by = new Set(records.map((r) => r.processedBy));
    expect(by).toEqual(new Set(["w1", "w2"]));
  }, 900_000);

  it("cross-validates with one job per fold on both workers and the in-process run's metrics, exactly", async () => {
    const cv = await both("/models/cross-validate", CV_SPEC);
    expect(cv.queued.status, JSON.stringify(cv.queued.error)).toBe("succeeded");
    expect(cv.inProcess.status).toBe("succeeded");
    const q = cv.queued.result as { metrics: Record<string, number>; folds: unknown[]; runId?: string };
    const p = cv.inProcess.result as { metrics: Record<string, number>; folds: unknown[]; runId?: string };
    expect(q.folds).toHaveLength(5);
    expect(q.folds).toEqual(p.folds);
    expect(Object.keys(q.metrics).length).toBeGreaterThan(10);
    expect(q.metrics).toEqual(p.metrics);
    expect(q.runId).toBeTruthy();
    expect(q.runId).not.toBe(p.runId);
    const folds = await queueRecords(redisUrl, queueName, [1, 2, 3, 4, 5].map((f) => `${cv.queued.id}-fold${f}`));
    expect(folds.map((f) => f.state)).toEqual(Array(5).fill("completed"));
    expect(new Set(folds.map((f) => f.processedBy))).toEqual(new Set(["w1", "w2"]));
    expect(cv.queued.log.some((l) => l.includes("fitting 5 fold(s) on the work queue"))).toBe(true);
  }, 900_000);

  it("runs a notebook job on a worker, and the sidecar keeps its run and executed notebook as in-process", async () => {
    const id = await submit(queued.url, "/notebooks/run", { notebook: "params.ipynb", parameters: { ticker: "QUEUED.SAMPLE" } });
    const done = await waitJob(queued.url, id, 300_000);
    expect(done.status, JSON.stringify(done.error)).toBe("succeeded");
    const [record] = await queueRecords(redisUrl, queueName, [id]);
    expect(["w1", "w2"]).toContain(record.processedBy);

    const { runs } = (await (await fetch(`${queued.url}/notebooks/runs?jobId=${id}`, { headers: queued.headers() })).json()) as { runs: NotebookRun[] };
    expect(runs).toHaveLength(1);
    const [run] = runs;
    expect(run).toMatchObject({ status: "succeeded", jobId: id, trigger: `job:${id}`, notebook: "params.ipynb", parameters: { ticker: "QUEUED.SAMPLE" } });
    expect(done.result).toEqual(run);
    // the files are the sidecar's own, under its outputs folder, not paths on the worker
    expect(run.outputPath?.startsWith(join(dir, "sidecar-queue", "outputs", "params"))).toBe(true);
    const executed = await fetch(`${queued.url}/notebooks/runs/${run.id}/output?format=ipynb`, { headers: queued.headers() });
    expect(executed.status).toBe(200);
    const printed = ((await executed.json()) as { cells: { outputs?: { name?: string; text?: string | string[] }[] }[] }).cells
      .flatMap((c) => c.outputs ?? [])
      .filter((o) => o.name === "stdout")
      .map((o) => [o.text].flat().join(""))
      .join("");
    expect(JSON.parse(printed)).toMatchObject({ ticker: "QUEUED.SAMPLE", doubled: 20, run: run.id });
    const html = await fetch(`${queued.url}/notebooks/runs/${run.id}/output`, { headers: queued.headers() });
    expect(html.status).toBe(200);
    expect(await html.text()).toContain("QUEUED.SAMPLE");
  }, 600_000);

  it("fails a bad request on the worker at once, without retrying it", async () => {
    // the sidecar cannot see it before the data is split: no fold can keep a million training rows
    const id = await submit(queued.url, "/models/train", { ...CV_SPEC, split: { method: "walk_forward", folds: 2, minTrainRows: 1_000_000 } });
    const job = await waitJob(queued.url, id, 300_000);
    expect(job.status).toBe("failed");
    expect(job.error?.code).toBe("INVALID_INPUT");
    expect(job.error?.message).toMatch(/needs at least 1000000/);
    expect(job.log.some((l) => /attempt \d\/\d failed/.test(l))).toBe(false);
    const [record] = await queueRecords(redisUrl, queueName, [id]);
    expect(record).toMatchObject({ state: "failed", attemptsMade: 1 });
  }, 300_000);

  it("finishes a job on the other worker when its worker is killed mid-job (kill -9)", async () => {
    const experiment = `e2e-queue-kill-${queueName}`;
    const id = await submit(queued.url, "/models/train", { ...CV_SPEC, experiment, split: undefined, model: { type: "lightgbm", params: { n_estimators: 800, early_stopping_rounds: 0 } } });
    const running = await waitJob(queued.url, id, 300_000, (j) => j.status !== "queued");
    expect(running.status).toBe("running");
    // fitting (not just started): the kill lands mid-job
    await waitJob(queued.url, id, 300_000, (j) => j.progress.fraction > 0.15 || j.status !== "running");
    const [taken] = await queueRecords(redisUrl, queueName, [id]);
    const victim = taken.processedBy as string;
    expect(["w1", "w2"]).toContain(victim);
    expect((await getJob(queued.url, id)).status).toBe("running");
    process.kill(workers[victim].pid, "SIGKILL");
    await workers[victim].exited;

    const done = await waitJob(queued.url, id, 600_000);
    expect(done.status, JSON.stringify(done.error)).toBe("succeeded");
    expect(done.log.some((l) => l.includes("stopped answering"))).toBe(true);
    const [after] = await queueRecords(redisUrl, queueName, [id]);
    expect(after.state).toBe("completed");
    expect(after.processedBy).toBe(victim === "w1" ? "w2" : "w1");
    const runId = (done.result as { runId?: string }).runId;
    expect(runId).toBeTruthy();
    // the killed attempt's MLflow run was ended by the next attempt, not left RUNNING
    const runs = await new MlflowClient({ trackingUri: inject("mlflowUrl") }).searchAllRuns({ experimentNames: [experiment], filter: `tags.\`openquant.job_id\` = '${id}'` });
    expect(runs.map((r) => [r.info.runId === runId ? "final" : "killed", r.info.status]).sort()).toEqual([
      ["final", "FINISHED"],
      ["killed", "KILLED"],
    ]);
  }, 900_000);
});

describe("a worker that cannot reach the sidecar", () => {
  it("fails the job after every try, with the error of the last one", async () => {
    const name = `e2e-unreachable-${randomUUID().slice(0, 8)}`;
    const ws = queueWorkspace(redisUrl, name);
    // the sidecar's file gets bars first, so the training request passes the sidecar's own checks
    const settings = loadSettings({ home: inject("home"), env: { ...ws.env, OPENQUANT_DATA_DIR: join(ws.dir, "sidecar"), OPENQUANT_LOG_LEVEL: "warn" } });
    const seed = await openQuant({ settings, mode: "embedded", component: "test" });
    await seed.ingest(CV_SPEC.tickers.slice(0, 2), { provider: "sample", start: "2018-01-01", end: "2019-12-31" });
    await seed.close();
    const api = await sidecar(ws.dir, "sidecar", ws.env, "redis");
    handles.push(api);
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    // it has the sidecar's token, but the wrong address
    handles.push(await worker(ws.dir, "lost", nowhere, { ...ws.env, OPENQUANT_TOKEN: api.token ?? "" }));

    const id = await submit(api.url, "/models/train", { ...CV_SPEC, tickers: CV_SPEC.tickers.slice(0, 2), start: "2018-01-01", end: "2019-12-31", split: undefined });
    const job = await waitJob(api.url, id, 300_000);
    expect(job.status).toBe("failed");
    expect(job.error?.code).toBe("UNAVAILABLE");
    expect(job.error?.message).toContain(`The OpenQuant sidecar at ${nowhere} cannot be reached`);
    expect(job.log.filter((l) => / attempt \d\/3 failed/.test(l))).toHaveLength(3);
    expect(job.log.some((l) => l.includes("attempt 3/3 failed") && l.includes("no tries left"))).toBe(true);
    const [record] = await queueRecords(redisUrl, name, [id]);
    expect(record).toMatchObject({ state: "failed", attemptsMade: 3, processedBy: "lost" });
  }, 600_000);
});
