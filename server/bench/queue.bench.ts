/**
 * Work-queue benchmark (issue 9), run by `npm run bench -- queue`: wall time of one 5-fold
 * walk-forward cross-validation of lightgbm over 100 tickers, in-process versus on the BullMQ
 * queue with 1, 2 and 4 `openquant worker` processes, each against a fresh sidecar and an empty
 * Redis (no feature cache carried over). The 100 tickers are the ten sample tickers generated
 * with ten seeds each. Prints the times side by side with the speed-up, and checks that every
 * run gives the same metrics. BENCH_QUEUE_TICKERS / BENCH_QUEUE_START / BENCH_QUEUE_TREES shrink it.
 */
import { deepStrictEqual } from "node:assert";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type Job, loadSettings, openQuant, SAMPLE_UNIVERSE, SampleProvider } from "@openquant/kernel-lib";
import { Redis } from "ioredis";
import { printTable, progress } from "../../kernel-lib/bench/report.js";
import { freePort, httpOk, type ServiceHandle, spawnService, startRedis, startSidecar } from "../src/services/index.js";

const HOME = resolve(import.meta.dirname, "../..");
const TICKERS = Number(process.env.BENCH_QUEUE_TICKERS ?? 100);
const START = process.env.BENCH_QUEUE_START ?? "2020-01-01";
const TREES = Number(process.env.BENCH_QUEUE_TREES ?? 100);
const WORKER_COUNTS = [1, 2, 4];

/** `seeds × 10` tickers: the sample universe generated with each seed, renamed ACME3.SAMPLE and so on. */
async function seedBars(env: Record<string, string>): Promise<string[]> {
  const settings = loadSettings({ home: HOME, env: { ...env, OPENQUANT_LOG_LEVEL: "warn" } });
  const oq = await openQuant({ settings, mode: "embedded", component: "bench" });
  const names: string[] = [];
  try {
    for (let seed = 1; names.length < TICKERS; seed++) {
      const provider = new SampleProvider({ seed, start: START });
      for (const spec of SAMPLE_UNIVERSE) {
        if (names.length >= TICKERS) break;
        const frame = await provider.fetch({ ticker: spec.ticker, interval: "1d" });
        const ticker = spec.ticker.replace(".SAMPLE", `${seed}.SAMPLE`);
        await oq.store.writeBars({ ...frame, ticker }, "sample");
        names.push(ticker);
      }
    }
  } finally {
    await oq.close();
  }
  return names;
}

async function cvWallTime(api: string, spec: unknown): Promise<{ seconds: number; job: Job }> {
  const started = performance.now();
  const res = await fetch(`${api}/models/cross-validate`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(spec) });
  const { jobId } = (await res.json()) as { jobId: string };
  if (res.status !== 202) throw new Error(`cross-validate answered ${res.status}`);
  for (;;) {
    const job = (await (await fetch(`${api}/jobs/${jobId}`)).json()) as Job;
    if (job.status === "succeeded") return { seconds: (performance.now() - started) / 1000, job };
    if (job.status !== "queued" && job.status !== "running") throw new Error(`cross-validation ${job.status}: ${JSON.stringify(job.error)}`);
    await sleep(200);
  }
}

function startWorker(dir: string, name: string, api: string, env: Record<string, string>): Promise<ServiceHandle> {
  const logFile = join(dir, `${name}.log`);
  return spawnService({
    name: `worker ${name}`,
    command: process.execPath,
    args: [join(HOME, "server", "bin", "openquant.js"), "worker", "--name", name],
    env: { ...process.env, OPENQUANT_HOME: HOME, ...env, OPENQUANT_API_URL: api },
    cwd: HOME,
    url: api,
    logFile,
    // a worker has no port: it is up once its health shows in the sidecar's queue details
    healthCheck: async () => {
      const health = (await (await fetch(`${api}/health`)).json()) as { components: Array<{ name: string; details?: { executor?: { workers?: number } } }> };
      return (health.components.find((c) => c.name === "jobs")?.details?.executor?.workers ?? 0) >= Number(name.split("-")[1]);
    },
    timeoutMs: 120_000,
  });
}

/** The benchmark; returns the table's rows. */
export async function benchQueue(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "oq-bench-queue-"));
  const redis = await startRedis({ port: await freePort(), dataDir: join(dir, "redis"), logFile: join(dir, "redis.log") });
  const env = {
    OPENQUANT_DATA_DIR: join(dir, "data"),
    OPENQUANT_LOG_DIR: join(dir, "logs"),
    OPENQUANT_LOG_LEVEL: "warn",
    REDIS_URL: redis.url,
    // no MLflow: each run lands in the local outbox, the same cost for every configuration
    MLFLOW_TRACKING_URI: `http://127.0.0.1:${await freePort()}`,
    OPENQUANT_QUEUE_NAME: "bench",
  };
  const handles: ServiceHandle[] = [];
  try {
    progress(`writing ${TICKERS} tickers of daily bars from ${START}`);
    const tickers = await seedBars(env);
    const spec = { tickers, start: START, model: { type: "lightgbm", params: { n_estimators: TREES } }, split: { method: "walk_forward", folds: 5 } };
    const flush = async () => {
      const client = new Redis(redis.url);
      await client.flushall();
      client.disconnect();
    };
    const rows: Array<Record<string, string | number>> = [];
    let baseline = 0;
    let reference: unknown;
    for (const workers of [0, ...WORKER_COUNTS]) {
      await flush();
      const mode = workers === 0 ? "inprocess" : "redis";
      const api = await startSidecar({ home: HOME, port: await freePort(), logFile: join(dir, `sidecar-${workers}.log`), env: { ...env, OPENQUANT_QUEUE: mode } });
      handles.push(api);
      const pool: ServiceHandle[] = [];
      for (let i = 1; i <= workers; i++) pool.push(await startWorker(dir, `w${workers}-${i}`, api.url, env));
      handles.push(...pool);
      if (!(await httpOk(`${api.url}/health`))) progress("the sidecar reports a problem; timing anyway");
      progress(workers === 0 ? "cross-validating in the sidecar's process" : `cross-validating on the queue with ${workers} worker(s)`);
      const { seconds, job } = await cvWallTime(api.url, spec);
      const metrics = (job.result as { metrics: Record<string, number> }).metrics;
      if (reference === undefined) reference = metrics;
      else deepStrictEqual(metrics, reference, "a queued run's metrics differ from the in-process run's");
      if (workers === 0) baseline = seconds;
      rows.push({ run: workers === 0 ? "in-process (sidecar)" : `queue, ${workers} worker(s)`, "wall s": seconds, "speed-up": baseline / seconds, "same metrics": "yes" });
      await Promise.all([...pool, api].map((h) => h.stop(10_000)));
    }
    printTable(`5-fold walk-forward CV of lightgbm (${TREES} trees), ${TICKERS} tickers from ${START}, ${(await import("node:os")).cpus().length} cores`, rows);
  } finally {
    await Promise.all(handles.map((h) => h.stop(5_000)));
    await redis.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchQueue();
