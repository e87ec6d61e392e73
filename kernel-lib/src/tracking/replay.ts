/**
 * Replays the runs parked in the outbox to MLflow, each exactly once. A replay that dies half-way is
 * safe to repeat: the run it created carries `openquant.outbox_id`, so the next replay finds and
 * finishes it; params and tags are idempotent and MLflow drops metric points it already holds.
 */
import { open, readFile, rename, rm } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { isOpenQuantError, NotFound, Unavailable } from "../errors.js";
import type { MlflowClient } from "./client.js";
import { writeFileAtomic } from "./atomic.js";
import { fromWireValue } from "./metric-value.js";
import { OUTBOX_FILES, OUTBOX_TAG } from "./outbox-format.js";
import { type OutboxEntry, outboxRunDirs, readOutboxEntry, writerAlive } from "./outbox-read.js";
import type { EndStatus, MetricPoint } from "./types.js";

/** What one `replayOutbox` call did. */
export interface ReplayResult {
  /** Runs now in MLflow (and removed from the outbox). */
  replayed: Array<{ localId: string; runId: string; experiment: string }>;
  /** Runs whose replay failed; `permanent` ones are marked failed and skipped until failed.json is deleted. */
  failed: Array<{ localId: string; error: string; permanent: boolean }>;
  /** Runs left alone: still being written, locked by another replay, or marked failed earlier. */
  skipped: Array<{ localId: string; reason: string }>;
}

/** Takes the run's replay lock; false when another live process holds it. Stale locks are broken. */
async function takeLock(dir: string): Promise<boolean> {
  const path = join(dir, OUTBOX_FILES.lock);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(path, "wx");
      await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname() }));
      await handle.close();
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = JSON.parse(await readFile(path, "utf8").catch(() => "{}")) as { pid?: number; host?: string };
      const alive = holder.pid !== undefined && holder.host !== undefined && writerAlive({ pid: holder.pid, host: holder.host });
      if (alive) return false;
      await rm(path, { force: true });
    }
  }
  return false;
}

/** True when the entry was parked against the server we replay to, so its MLflow ids mean something there. */
function sameServer(client: MlflowClient, entry: OutboxEntry): boolean {
  return entry.header.trackingUri.replace(/\/+$/, "") === client.trackingUri;
}

/** The MLflow run this entry already created, if any: by the id it recorded, else by its outbox tag. */
async function findExistingRun(client: MlflowClient, entry: OutboxEntry, experimentId: string): Promise<string | undefined> {
  if (entry.header.mlflowRunId && sameServer(client, entry)) {
    try {
      const run = await client.getRun(entry.header.mlflowRunId);
      if (run.info.lifecycleStage === "active") return run.info.runId;
    } catch (error) {
      if (!(error instanceof NotFound)) throw error;
    }
  }
  const filter = `tags.\`${OUTBOX_TAG}\` = '${entry.localId.replace(/'/g, "\\'")}'`;
  const page = await client.searchRuns({ experimentIds: [experimentId], filter, maxResults: 10 });
  return page.runs[0]?.info.runId;
}

/** Merges the parked calls into one batch (later tags win, params and metrics keep every entry). */
function collect(entry: OutboxEntry) {
  const params: Record<string, string> = {};
  const tags: Record<string, string> = { ...entry.header.tags };
  const metrics: MetricPoint[] = [];
  const artifacts: Array<{ path: string; file: string }> = [];
  let end: { status: EndStatus; endTime: number } | undefined;
  let lastTime = entry.header.startTime;
  for (const op of entry.ops) {
    if (op.kind === "params") Object.assign(params, op.params);
    else if (op.kind === "tags") Object.assign(tags, op.tags);
    else if (op.kind === "artifact") artifacts.push({ path: op.path, file: join(entry.dir, op.file) });
    else if (op.kind === "end") end = { status: op.status, endTime: op.endTime };
    else {
      for (const m of op.metrics) {
        metrics.push({ key: m.key, value: fromWireValue(m.value), step: m.step, timestamp: m.timestamp });
        lastTime = Math.max(lastTime, m.timestamp);
      }
    }
  }
  // A run whose writer died never ended: it is recorded as KILLED at its last known moment.
  return { params, tags, metrics, artifacts, end: end ?? { status: "KILLED" as const, endTime: lastTime } };
}

/** Sends one parked run to MLflow and resolves with its MLflow run id. */
export async function replayEntry(client: MlflowClient, entry: OutboxEntry): Promise<string> {
  const knownId = sameServer(client, entry) ? entry.header.experimentId : undefined;
  const experimentId = knownId ?? (await client.getOrCreateExperiment(entry.header.experiment)).experimentId;
  const { params, tags, metrics, artifacts, end } = collect(entry);
  let runId = await findExistingRun(client, entry, experimentId);
  if (!runId) {
    const run = await client.createRun({
      experimentId,
      ...(entry.header.runName !== undefined ? { runName: entry.header.runName } : {}),
      startTime: entry.header.startTime,
      tags: { ...entry.header.tags, [OUTBOX_TAG]: entry.localId },
    });
    runId = run.info.runId;
  }
  await client.logBatch(runId, { params, tags: { ...tags, [OUTBOX_TAG]: entry.localId }, metrics });
  for (const artifact of artifacts) await client.logArtifact(runId, artifact.path, { file: artifact.file });
  await client.updateRun(runId, end.status, end.endTime);
  return runId;
}

/** Removes a replayed run's folder: renamed away first, so a crash never leaves a half-deleted run to replay. */
async function discard(dir: string): Promise<void> {
  const parent = join(dir, "..");
  const trash = join(parent, `.done-${dir.split(/[\\/]/).pop()}-${process.pid}`);
  await rename(dir, trash);
  await rm(trash, { recursive: true, force: true });
}

/**
 * Replays every ended (or abandoned) run in `outboxDir` to MLflow, oldest first, and removes each one
 * that arrived. Throws Unavailable, leaving the rest parked, when MLflow cannot be reached.
 */
export async function replayOutbox(client: MlflowClient, outboxDir: string): Promise<ReplayResult> {
  const result: ReplayResult = { replayed: [], failed: [], skipped: [] };
  const dirs = await outboxRunDirs(outboxDir);
  if (dirs.length === 0) return result;
  const health = await client.health();
  if (!health.ok) throw new Unavailable(`Cannot replay the outbox (${dirs.length} run(s) parked in ${outboxDir}): ${health.error}`);
  for (const dir of dirs) {
    const localId = dir.split(/[\\/]/).pop() ?? dir;
    let entry: OutboxEntry;
    try {
      entry = await readOutboxEntry(dir);
    } catch (error) {
      result.failed.push({ localId, error: (error as Error).message, permanent: true });
      continue;
    }
    if (entry.state === "open" || entry.state === "failed") {
      result.skipped.push({ localId, reason: entry.state === "open" ? "still being written" : `failed earlier: ${entry.error}` });
      continue;
    }
    if (!(await takeLock(dir))) {
      result.skipped.push({ localId, reason: "another replay is sending it" });
      continue;
    }
    try {
      const runId = await replayEntry(client, entry);
      await discard(dir);
      result.replayed.push({ localId, runId, experiment: entry.header.experiment });
    } catch (error) {
      await rm(join(dir, OUTBOX_FILES.lock), { force: true });
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof Unavailable) {
        if (!(await client.health()).ok) throw error;
        result.failed.push({ localId, error: message, permanent: false });
        continue;
      }
      // MLflow refused the run's content: retrying cannot help, so it is set aside until someone looks.
      const permanent = isOpenQuantError(error);
      if (permanent) await writeFileAtomic(join(dir, OUTBOX_FILES.failed), JSON.stringify({ error: message, at: new Date().toISOString() }));
      result.failed.push({ localId, error: message, permanent });
    }
  }
  return result;
}
