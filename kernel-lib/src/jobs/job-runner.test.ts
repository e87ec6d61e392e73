import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { Database } from "../data/store/database.js";
import { DuckStore } from "../data/store/duck-store.js";
import { Conflict, InvalidInput, NotFound, Unavailable } from "../errors.js";
import { createLogger } from "../util/logger.js";
import { JobHandlers } from "./job-handlers.js";
import { JobRunner } from "./job-runner.js";
import { JobStore } from "./job-store.js";
import type { Job, JobContext, JobEvent } from "./job-types.js";

const logger = createLogger({ level: "silent" });
const dbPath = () => join(mkdtempSync(join(tmpdir(), "oq-jobs-")), "jobs.duckdb");

/** A promise the test resolves by hand: the work of a job waits on it. */
function gate<T = void>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** JobStore that counts its writes (the real DuckDB store underneath). */
class CountingStore extends JobStore {
  saves = 0;
  override save(job: Job): Promise<void> {
    this.saves++;
    return super.save(job);
  }
}

describe("JobRunner", () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function setup(path = dbPath(), options: { concurrency?: number; progressIntervalMs?: number } = {}) {
    const db = await Database.open(path);
    const store = new CountingStore(db, new DuckStore(db));
    const handlers = new JobHandlers();
    const runner = new JobRunner(store, handlers, { logger, ...options });
    const interrupted = await runner.start();
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await runner.shutdown(50);
      db.close();
    };
    cleanup.push(close);
    return { db, store, handlers, runner, interrupted, close, path };
  }

  it("runs a job to success with progress, a log tail and a result that survive a reopen", async () => {
    const { handlers, runner, close, path } = await setup();
    handlers.register("sum", {
      params: z.object({ values: z.array(z.number()).min(1) }).strict(),
      description: "adds numbers",
      run: async ({ values }, ctx) => {
        let total = 0;
        for (const [i, v] of values.entries()) {
          total += v;
          ctx.progress({ fraction: (i + 1) / values.length, message: `added ${v}`, counters: { done: i + 1, total: values.length } });
          ctx.log(`running total ${total}`);
        }
        return { total };
      },
    });
    const events: JobEvent[] = [];
    runner.subscribe((e) => events.push(e));
    const submitted = await runner.submit("sum", { values: [1, 2, 3.5] }, { trigger: "notebook" });
    // a free slot starts the job at once: it is already running when submit returns
    expect(submitted).toMatchObject({ kind: "sum", status: "running", trigger: "notebook", params: { values: [1, 2, 3.5] } });

    const done = await runner.wait(submitted.id);
    expect(done).toMatchObject({
      status: "succeeded",
      result: { total: 6.5 },
      error: null,
      progress: { fraction: 1, message: "added 3.5", counters: { done: 3, total: 3 } },
    });
    expect(done.log.map((l) => l.replace(/^\S+ /, ""))).toEqual(["running total 1", "running total 3", "running total 6.5"]);
    expect(Date.parse(done.startedAt as string)).toBeGreaterThanOrEqual(Date.parse(done.createdAt));
    expect(Date.parse(done.finishedAt as string)).toBeGreaterThanOrEqual(Date.parse(done.startedAt as string));
    const statuses = events.filter((e) => e.type === "status").map((e) => (e.type === "status" ? e.job.status : ""));
    expect(statuses).toEqual(["queued", "running", "succeeded"]);
    expect(events.filter((e) => e.type === "progress").map((e) => (e.type === "progress" ? e.progress.fraction : 0))).toEqual([1 / 3, 2 / 3, 1]);

    await close();
    const again = await setup(path);
    expect(again.interrupted).toEqual([]);
    const stored = await again.runner.get(submitted.id);
    expect(stored).toEqual({ ...done, cancelRequested: false });
  });

  it("validates params with the kind's schema and names unknown kinds", async () => {
    const { handlers, runner } = await setup();
    handlers.register("echo", { params: z.object({ n: z.number().int() }).strict(), description: "echo", run: async (p) => p });
    const bad = await runner.submit("echo", { n: "three" }).catch((e) => e);
    expect(bad).toBeInstanceOf(InvalidInput);
    expect(bad.message).toMatch(/params of the echo job/);
    expect(bad.details).toEqual([expect.objectContaining({ path: "n" })]);
    await expect(runner.submit("nope", {})).rejects.toThrow(/Unknown job kind 'nope' \(known: echo\)/);
    expect(() => handlers.register("echo", { params: z.object({}), description: "again", run: async () => 1 })).toThrow(Conflict);
    expect(() => handlers.register("Bad Kind", { params: z.object({}), description: "x", run: async () => 1 })).toThrow(InvalidInput);
    expect(await runner.list()).toEqual([]);
  });

  it("never runs more than the concurrency limit at once, and starts jobs in submission order", async () => {
    const { handlers, runner } = await setup(dbPath(), { concurrency: 2 });
    let active = 0;
    let maxActive = 0;
    const started: number[] = [];
    const release = gate();
    handlers.register("nap", {
      params: z.object({ i: z.number() }),
      description: "waits for the test, then sleeps",
      run: async ({ i }) => {
        started.push(i);
        active++;
        maxActive = Math.max(maxActive, active);
        await release.promise;
        await sleep(40);
        active--;
        return i;
      },
    });
    const jobs = [];
    for (let i = 0; i < 6; i++) jobs.push(await runner.submit("nap", { i }));
    expect(runner.status()).toMatchObject({ running: 2, queued: 4, concurrency: 2 });
    release.open();
    const finished = await Promise.all(jobs.map((j) => runner.wait(j.id)));
    expect(finished.map((j) => j.status)).toEqual(Array(6).fill("succeeded"));
    expect(maxActive).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(runner.status()).toMatchObject({ running: 0, queued: 0 });
  });

  it("records failures with the error's code and message", async () => {
    const { handlers, runner } = await setup();
    handlers.register("boom", {
      params: z.object({ typed: z.boolean() }),
      description: "fails",
      run: async ({ typed }) => {
        if (typed) throw new NotFound("No ticker ZZZ stored.");
        throw new TypeError("cannot read x of undefined");
      },
    });
    const typed = await runner.wait((await runner.submit("boom", { typed: true })).id);
    expect(typed).toMatchObject({ status: "failed", result: null, error: { code: "NOT_FOUND", message: "No ticker ZZZ stored." } });
    const plain = await runner.wait((await runner.submit("boom", { typed: false })).id);
    expect(plain.error).toEqual({ code: "ERROR", message: "cannot read x of undefined" });
  });

  it("cancels running and queued jobs; finished ones are a conflict, unknown ones not found", async () => {
    const { handlers, runner } = await setup(dbPath(), { concurrency: 1 });
    let sawAbort = false;
    let secondRan = false;
    handlers.register("wait-abort", {
      params: z.object({ second: z.boolean().default(false) }),
      description: "waits until aborted",
      run: async ({ second }, ctx: JobContext) => {
        if (second) secondRan = true;
        await new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve()));
        sawAbort = ctx.signal.aborted;
        return { partial: true };
      },
    });
    const first = await runner.submit("wait-abort", {});
    const second = await runner.submit("wait-abort", { second: true });
    await sleep(20);
    expect((await runner.get(first.id)).status).toBe("running");
    expect((await runner.get(second.id)).status).toBe("queued");

    const queuedCancel = await runner.cancel(second.id);
    expect(queuedCancel).toMatchObject({ status: "cancelled", error: { code: "CANCELLED", message: "cancelled before it started" } });
    const cancelled = await runner.cancel(first.id, { waitMs: 2_000 });
    expect(cancelled).toMatchObject({ status: "cancelled", result: { partial: true }, error: { code: "CANCELLED" } });
    expect(sawAbort).toBe(true);
    expect(secondRan).toBe(false);

    await expect(runner.cancel(first.id)).rejects.toThrow(Conflict);
    await expect(runner.cancel("no-such-job")).rejects.toThrow(NotFound);
    await expect(runner.get("no-such-job")).rejects.toThrow(/No job 'no-such-job'/);
  });

  it("lists newest first, filtered by status and kind, with a limit", async () => {
    const { handlers, runner } = await setup();
    handlers.register("a", { params: z.object({ n: z.number() }), description: "a", run: async ({ n }) => n });
    handlers.register("b", {
      params: z.object({}),
      description: "b fails",
      run: async () => {
        throw new Error("no");
      },
    });
    const ids: string[] = [];
    for (const [kind, params] of [["a", { n: 1 }], ["b", {}], ["a", { n: 2 }], ["a", { n: 3 }]] as const) {
      const job = await runner.submit(kind, params);
      ids.push(job.id);
      await runner.wait(job.id);
    }
    expect((await runner.list()).map((j) => j.id)).toEqual([...ids].reverse());
    expect((await runner.list({ kind: "a", limit: 2 })).map((j) => j.id)).toEqual([ids[3], ids[2]]);
    expect((await runner.list({ status: "failed" })).map((j) => j.id)).toEqual([ids[1]]);
    expect(await runner.list({ status: "running" })).toEqual([]);
    const listed = (await runner.list())[0] as unknown as Record<string, unknown>;
    expect(listed.result).toBeUndefined();
    expect(listed.log).toBeUndefined();
    await expect(runner.list({ status: "done" as never })).rejects.toThrow(InvalidInput);
    await expect(runner.list({ limit: 0 })).rejects.toThrow(InvalidInput);
  });

  it("writes progress to DuckDB at most about once per interval, the latest state last", async () => {
    const { handlers, runner, store } = await setup(dbPath(), { progressIntervalMs: 400 });
    const looped = gate();
    const release = gate();
    handlers.register("chatty", {
      params: z.object({}),
      description: "reports progress very often",
      run: async (_p, ctx) => {
        for (let i = 1; i <= 200; i++) {
          ctx.progress({ fraction: i / 200, counters: { i } });
          if (i % 20 === 0) await sleep(100);
        }
        looped.open();
        await release.promise;
        return null;
      },
    });
    const started = performance.now();
    const job = await runner.submit("chatty", {});
    await looped.promise;
    await sleep(600); // past the interval: the trailing write of the last update is done
    const elapsed = performance.now() - started;
    // 200 updates: one write for the running status, then at most one per 400 ms (plus the first)
    expect(store.saves).toBeGreaterThanOrEqual(3);
    expect(store.saves).toBeLessThanOrEqual(2 + Math.ceil(elapsed / 400));
    expect((await store.get(job.id))?.progress.counters.i).toBe(200);
    release.open();
    await runner.wait(job.id);
  });

  it("streams one job's events, ending at its final status or when the reader aborts", async () => {
    const { handlers, runner } = await setup();
    const release = gate();
    handlers.register("steps", {
      params: z.object({}),
      description: "two steps",
      run: async (_p, ctx) => {
        ctx.progress({ fraction: 0.5, message: "half" });
        await release.promise;
        ctx.log("second half");
        return "ok";
      },
    });
    const job = await runner.submit("steps", {});
    const seen: string[] = [];
    const reading = (async () => {
      for await (const e of await runner.watch(job.id)) {
        seen.push(
          e.type === "status"
            ? `status:${e.job.status}:${e.job.progress.fraction}`
            : e.type === "progress"
              ? `progress:${e.progress.fraction}`
              : `log:${e.line.replace(/^\S+ /, "")}`,
        );
      }
    })();
    await sleep(30);
    release.open();
    await reading;
    // the stream opens with the current state (progress included), then what happens after
    expect(seen).toEqual(["status:running:0.5", "log:second half", "status:succeeded:1"]);

    // a finished job's stream is its final state alone
    const after: JobEvent[] = [];
    for await (const e of await runner.watch(job.id)) after.push(e);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ type: "status", job: { status: "succeeded", result: "ok" } });

    // an aborted reader stops and unsubscribes
    const hold = gate();
    handlers.register("hold", { params: z.object({}), description: "holds", run: () => hold.promise });
    const held = await runner.submit("hold", {});
    const abort = new AbortController();
    const events = await runner.watch(held.id, abort.signal);
    const first = await events.next();
    expect(first.value).toMatchObject({ type: "status" });
    setTimeout(() => abort.abort(), 30);
    for await (const _ of events) {
      // the job never finishes here: only the abort ends the loop
    }
    await expect(runner.watch("unknown")).rejects.toThrow(NotFound);
    hold.open();
    await runner.wait(held.id);
  });

  it("marks jobs left queued or running by a stopped process as interrupted on the next start", async () => {
    const path = dbPath();
    const first = await setup(path, { concurrency: 1 });
    const never = gate();
    first.handlers.register("stuck", { params: z.object({}), description: "never ends", run: () => never.promise });
    const running = await first.runner.submit("stuck", {});
    const queued = await first.runner.submit("stuck", {});
    await sleep(50);
    // the process "dies": the file is closed under the runner without a shutdown
    first.db.close();
    cleanup.splice(cleanup.indexOf(first.close), 1);

    const second = await setup(path);
    expect(new Set(second.interrupted)).toEqual(new Set([running.id, queued.id]));
    for (const id of [running.id, queued.id]) {
      expect(await second.runner.get(id)).toMatchObject({
        status: "interrupted",
        error: { code: "INTERRUPTED", message: expect.stringMatching(/stopped before it finished/) },
        finishedAt: expect.any(String),
      });
    }
    expect((await second.runner.list({ status: "interrupted" })).length).toBe(2);
  });

  it("shuts down: finishing jobs get the grace period, the rest are interrupted, new jobs refused", async () => {
    const { handlers, runner, store } = await setup(dbPath(), { concurrency: 2 });
    const finishing = gate();
    handlers.register("quick", {
      params: z.object({}),
      description: "finishes once the test lets it",
      run: async () => {
        await finishing.promise;
        await sleep(50);
        return "finished in grace";
      },
    });
    const never = gate();
    handlers.register("deaf", { params: z.object({}), description: "ignores its signal", run: () => never.promise });
    const quick = await runner.submit("quick", {});
    const deaf = await runner.submit("deaf", {});
    const queued = await runner.submit("quick", {});
    await sleep(20);

    const started = performance.now();
    const stopping = runner.shutdown(300);
    // the running job finishes inside the grace period, after the shutdown began
    finishing.open();
    await stopping;
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(300);
    expect(took).toBeLessThan(300 + 2_000 + 1_000);
    expect(await store.get(quick.id)).toMatchObject({ status: "succeeded", result: "finished in grace" });
    expect(await store.get(deaf.id)).toMatchObject({ status: "interrupted", error: { code: "INTERRUPTED" } });
    expect(await store.get(queued.id)).toMatchObject({ status: "interrupted", error: { message: expect.stringMatching(/before this job started/) } });
    await expect(runner.submit("quick", {})).rejects.toThrow(Unavailable);
    expect(await runner.health()).toMatchObject({ status: "down", details: { accepting: false } });
    never.open();
  });

  it("refuses a job whose submission raced a shutdown, and records it as interrupted", async () => {
    const { handlers, runner, store } = await setup();
    handlers.register("quick", { params: z.object({}), description: "instant", run: async () => 1 });
    const submitting = runner.submit("quick", {});
    const stopping = runner.shutdown(10);
    await expect(submitting).rejects.toThrow(Unavailable);
    await stopping;
    expect(await store.list()).toEqual([expect.objectContaining({ kind: "quick", status: "interrupted", error: { code: "INTERRUPTED", message: "the sidecar was shutting down" } })]);
  });

  it("interrupts work that honours its signal at shutdown without waiting the stop delay", async () => {
    const { handlers, runner, store } = await setup();
    handlers.register("polite", {
      params: z.object({}),
      description: "stops when asked",
      run: (_p, ctx) => new Promise((resolve) => ctx.signal.addEventListener("abort", () => resolve({ stoppedAt: "abort" }))),
    });
    const job = await runner.submit("polite", {});
    await sleep(20);
    expect(await runner.health()).toMatchObject({ status: "up", details: { running: 1, queued: 0 } });
    const started = performance.now();
    await runner.shutdown(100);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await store.get(job.id)).toMatchObject({ status: "interrupted", result: { stoppedAt: "abort" } });
  });
});
