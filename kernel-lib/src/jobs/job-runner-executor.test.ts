/**
 * The JobRunner's executor seam, with an executor the test drives by hand (what the queue executor
 * does through BullMQ): a handed-over job reads queued until its work starts, then running; its
 * result, error and cancellation are recorded as for in-process work; the executor's health shows
 * in the runner's, and shutdown closes it.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { Database } from "../data/store/database.js";
import { DuckStore } from "../data/store/duck-store.js";
import { InvalidInput } from "../errors.js";
import type { CheckResult } from "../health.js";
import { createLogger } from "../util/logger.js";
import { JobHandlers } from "./job-handlers.js";
import { type ExecutableJob, type JobExecutor, JobRunner } from "./job-runner.js";
import { JobStore } from "./job-store.js";
import type { JobContext } from "./job-types.js";

const logger = createLogger({ level: "silent" });

interface Handed {
  job: ExecutableJob;
  ctx: JobContext;
  started: () => void;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** An executor whose work the test starts, finishes or fails. */
class HandExecutor implements JobExecutor {
  readonly concurrency = 100;
  readonly handed: Handed[] = [];
  closed = false;
  /** Kinds whose work outlives the sidecar (on the queue). */
  resumes(kind: string): boolean {
    return kind === "echo";
  }
  run(job: ExecutableJob, ctx: JobContext, started: () => void): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.handed.push({ job, ctx, started, resolve, reject });
      ctx.signal.addEventListener("abort", () => reject(new Error("cancelled on the worker")));
    });
  }
  async health(): Promise<CheckResult> {
    return { status: "degraded", details: { workers: 0 }, error: "no worker" };
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
}

describe("JobRunner with an executor", () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0)) await c();
  });

  async function setup() {
    const db = await Database.open(join(mkdtempSync(join(tmpdir(), "oq-jobs-exec-")), "jobs.duckdb"));
    const handlers = new JobHandlers().register("echo", {
      params: z.object({ n: z.number().int() }).strict(),
      description: "test kind",
      run: async () => {
        throw new Error("runs on the executor, never here");
      },
    });
    const executor = new HandExecutor();
    const runner = new JobRunner(new JobStore(db, new DuckStore(db)), handlers, { logger, concurrency: 1, executor });
    cleanup.push(async () => {
      await runner.shutdown(50);
      db.close();
    });
    return { runner, executor };
  }

  it("hands over more jobs than its own concurrency, as submitted; each reads queued until started, then running, then succeeded", async () => {
    const { runner, executor } = await setup();
    const a = await runner.submit("echo", { n: 1 });
    const b = await runner.submit("echo", { n: 2 });
    await until(() => executor.handed.length === 2);
    expect(executor.handed.map((h) => h.job)).toEqual([
      { id: a.id, kind: "echo", params: { n: 1 } },
      { id: b.id, kind: "echo", params: { n: 2 } },
    ]);
    expect((await runner.get(a.id)).status).toBe("queued");
    executor.handed[0].started();
    expect((await runner.get(a.id)).status).toBe("running");
    expect((await runner.get(a.id)).startedAt).not.toBeNull();
    executor.handed[0].ctx.progress({ fraction: 0.5, message: "half" });
    executor.handed[0].ctx.log("from the worker");
    executor.handed[0].resolve({ ok: true });
    const done = await runner.wait(a.id);
    expect(done).toMatchObject({ status: "succeeded", result: { ok: true }, progress: { fraction: 1, message: "half" } });
    expect(done.log.at(-1)).toMatch(/from the worker$/);
  });

  it("records the executor's error with its code, like in-process work", async () => {
    const { runner, executor } = await setup();
    const job = await runner.submit("echo", { n: 1 });
    await until(() => executor.handed.length === 1);
    executor.handed[0].started();
    executor.handed[0].reject(new InvalidInput("Invalid spec: no fold keeps enough rows"));
    expect(await runner.wait(job.id)).toMatchObject({ status: "failed", error: { code: "INVALID_INPUT", message: "Invalid spec: no fold keeps enough rows" } });
  });

  it("cancels a handed-over job that no worker started through its abort signal, and records it cancelled", async () => {
    const { runner, executor } = await setup();
    const job = await runner.submit("echo", { n: 1 });
    await until(() => executor.handed.length === 1);
    const cancelled = await runner.cancel(job.id, { waitMs: 5_000 });
    expect(executor.handed[0].ctx.signal.aborted).toBe(true);
    expect(cancelled).toMatchObject({ status: "cancelled", error: { code: "CANCELLED" } });
  });

  it("refuses bad params at submission, before anything is handed over", async () => {
    const { runner, executor } = await setup();
    await expect(runner.submit("echo", { n: "x" })).rejects.toBeInstanceOf(InvalidInput);
    expect(executor.handed).toHaveLength(0);
  });

  it("reports the executor's health and closes it on shutdown", async () => {
    const { runner, executor } = await setup();
    const health = await runner.health();
    expect(health).toMatchObject({ status: "degraded", error: "no worker", details: { concurrency: 100, executor: { workers: 0 } } });
    await runner.shutdown(50);
    expect(executor.closed).toBe(true);
  });

  it("after a restart, follows again the jobs whose work lives on, and records the others interrupted", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "oq-jobs-resume-")), "jobs.duckdb");
    const handlers = () =>
      new JobHandlers()
        .register("echo", { params: z.object({ n: z.number().int() }).strict(), description: "on the queue", run: async () => undefined })
        .register("local", { params: z.object({}).strict(), description: "in the sidecar", run: () => new Promise(() => undefined) });
    const first = await Database.open(path);
    const before = new JobRunner(new JobStore(first, new DuckStore(first)), handlers(), { logger, executor: new HandExecutor() });
    const onQueue = await before.submit("echo", { n: 7 });
    const waiting = await before.submit("echo", { n: 8 });
    const local = await before.submit("local", {});
    // the sidecar dies: no shutdown, the rows say queued or running
    first.close();

    const db = await Database.open(path);
    const executor = new HandExecutor();
    const runner = new JobRunner(new JobStore(db, new DuckStore(db)), handlers(), { logger, executor });
    cleanup.push(async () => {
      await runner.shutdown(50);
      db.close();
    });
    expect(await runner.start()).toEqual([local.id]);
    expect((await runner.get(local.id)).status).toBe("interrupted");
    expect(executor.handed).toEqual([]);
    runner.resume();
    await until(() => executor.handed.length === 2);
    // the same ids and params: the queue answers for work it already has
    expect(executor.handed.map((h) => h.job)).toEqual([
      { id: onQueue.id, kind: "echo", params: { n: 7 } },
      { id: waiting.id, kind: "echo", params: { n: 8 } },
    ]);
    executor.handed[0].started();
    executor.handed[0].resolve({ fitted: true });
    const done = await runner.wait(onQueue.id);
    expect(done).toMatchObject({ status: "succeeded", result: { fitted: true } });
    expect(done.log.at(-1)).toMatch(/following this job's work on the queue again$/);
  });
});
