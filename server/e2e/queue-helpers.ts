/**
 * Helpers of the work-queue e2e tests: a workspace, a sidecar per queue mode, `openquant worker`
 * processes, and following jobs over the sidecar's REST API until they end.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Job } from "@openquant/kernel-lib";
import { Queue } from "bullmq";
import { inject } from "vitest";
import { freePort, type ServiceHandle, type SidecarHandle, spawnService, startSidecar } from "../src/services/index.js";

/**
 * Queue settings that make stalled-job recovery and retries take seconds, not minutes. The lock
 * stays long enough that a worker starved of CPU on a loaded machine still renews it in time.
 */
export const FAST_QUEUE_ENV = {
  OPENQUANT_WORKER_LOCK_MS: "15000",
  OPENQUANT_WORKER_STALLED_MS: "3000",
  OPENQUANT_QUEUE_ATTEMPTS: "3",
  OPENQUANT_QUEUE_BACKOFF_MS: "300",
};

/** A fresh folder (with a notebooks folder holding the parameters fixture) and the environment every process of one test shares. */
export function queueWorkspace(redisUrl: string, queueName: string): { dir: string; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), "oq-queue-"));
  mkdirSync(join(dir, "notebooks"));
  copyFileSync(join(inject("home"), "kernel-lib", "e2e", "fixtures", "notebooks", "params.ipynb"), join(dir, "notebooks", "params.ipynb"));
  return {
    dir,
    env: {
      OPENQUANT_NOTEBOOKS_DIR: join(dir, "notebooks"),
      OPENQUANT_LOG_DIR: join(dir, "logs"),
      OPENQUANT_LOG_LEVEL: "info",
      MLFLOW_TRACKING_URI: inject("mlflowUrl"),
      REDIS_URL: redisUrl,
      OPENQUANT_QUEUE_NAME: queueName,
      ...FAST_QUEUE_ENV,
    },
  };
}

// The token of each sidecar started here, by its URL: requests and workers aimed at it carry it.
const tokens = new Map<string, string | undefined>();

/** Headers for a request to the sidecar at `base` (its bearer token). */
export function authHeaders(base: string, extra: Record<string, string> = {}): Record<string, string> {
  const token = tokens.get(base);
  return token ? { ...extra, authorization: `Bearer ${token}` } : extra;
}

/** Notes a sidecar's token, so requests and workers aimed at its URL carry it; returns the handle. */
export function trackSidecar(handle: SidecarHandle): SidecarHandle {
  tokens.set(handle.url, handle.token);
  return handle;
}

/** Starts `openquant serve` with its own data folder, in queue mode or in-process. */
export async function sidecar(dir: string, name: string, env: Record<string, string>, queue: "redis" | "inprocess"): Promise<SidecarHandle> {
  const handle = await startSidecar({
    home: inject("home"),
    port: await freePort(),
    logFile: join(dir, `${name}.log`),
    env: { ...env, OPENQUANT_DATA_DIR: join(dir, name), OPENQUANT_OUTPUTS_DIR: join(dir, name, "outputs"), OPENQUANT_QUEUE: queue },
  });
  return trackSidecar(handle);
}

/** Starts `openquant worker --name <name>` against `apiUrl` and waits until it takes jobs. */
export function worker(dir: string, name: string, apiUrl: string, env: Record<string, string>): Promise<ServiceHandle> {
  const logFile = join(dir, `${name}.log`);
  return spawnService({
    name: `worker ${name}`,
    command: process.execPath,
    args: [join(inject("home"), "server", "bin", "openquant.js"), "worker", "--name", name],
    env: {
      ...process.env,
      OPENQUANT_HOME: inject("home"),
      ...env,
      OPENQUANT_DATA_DIR: join(dir, `${name}-data`),
      OPENQUANT_OUTPUTS_DIR: join(dir, `${name}-data`, "outputs"),
      OPENQUANT_API_URL: apiUrl,
      // a worker elsewhere has no access to the sidecar's data folder: it is given the token
      ...(tokens.get(apiUrl) ? { OPENQUANT_TOKEN: tokens.get(apiUrl) as string } : {}),
    },
    cwd: inject("home"),
    url: apiUrl,
    logFile,
    healthCheck: async () => {
      try {
        return readFileSync(logFile, "utf8").includes(`openquant worker ${name} taking jobs`);
      } catch {
        return false;
      }
    },
    timeoutMs: 120_000,
  });
}

/** POSTs JSON and returns the accepted job's id (the answer must be 202). */
export async function submit(base: string, path: string, body: unknown): Promise<string> {
  const res = await fetch(`${base}${path}`, { method: "POST", headers: authHeaders(base, { "content-type": "application/json" }), body: JSON.stringify(body) });
  const answer = (await res.json()) as { jobId?: string };
  if (res.status !== 202 || !answer.jobId) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(answer)}`);
  return answer.jobId;
}

/** GET /jobs/{id}. */
export async function getJob(base: string, id: string): Promise<Job> {
  const res = await fetch(`${base}/jobs/${id}`, { headers: authHeaders(base) });
  if (!res.ok) throw new Error(`GET /jobs/${id} answered ${res.status}`);
  return (await res.json()) as Job;
}

/** Polls a job until `done` says so (default: it has finished), or fails after `timeoutMs`. */
export async function waitJob(base: string, id: string, timeoutMs = 300_000, done = (j: Job) => ["succeeded", "failed", "cancelled", "interrupted"].includes(j.status)): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob(base, id);
    if (done(job)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} (${job.kind}) still ${job.status} after ${timeoutMs / 1000} s: ${JSON.stringify(job.progress)}`);
    await sleep(250);
  }
}

/** The queue's record of each piece of work: who processed it and how many tries it took. */
export async function queueRecords(redisUrl: string, queueName: string, ids: string[]): Promise<Array<{ id: string; processedBy?: string; attemptsMade: number; state: string }>> {
  const u = new URL(redisUrl);
  const queue = new Queue(queueName, { connection: { host: u.hostname, port: Number(u.port) } });
  try {
    return await Promise.all(
      ids.map(async (id) => {
        const job = await queue.getJob(id);
        return { id, processedBy: job?.processedBy, attemptsMade: job?.attemptsMade ?? 0, state: job ? await job.getState() : "missing" };
      }),
    );
  } finally {
    await queue.close();
  }
}
