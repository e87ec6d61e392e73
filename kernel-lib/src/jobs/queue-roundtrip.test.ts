/**
 * The dispatcher (sidecar side) and a worker in this process, against the suite's real Redis, with
 * small handlers whose behaviour the tests control: results, progress and log lines come back;
 * transient failures are retried with backoff, a bad request is not; a job failing every time ends
 * failed with its error; cancellation reaches the running handler.
 */
import { randomUUID } from "node:crypto";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { InvalidInput, Unavailable } from "../errors.js";
import { createLogger } from "../util/logger.js";
import { JobHandlers } from "./job-handlers.js";
import { queueConnection } from "./queue-connection.js";
import { QueueDispatcher } from "./queue-dispatcher.js";
import type { ProgressMessage } from "./queue-messages.js";
import { QueueWorker } from "./queue-worker.js";

const logger = createLogger({ level: "silent" });
const queueName = `test-${randomUUID().slice(0, 8)}`;
const tries = new Map<string, number>();
let sawAbort = false;
let releaseBlocked: (() => void) | undefined;

const handlers = new JobHandlers()
  .register("echo", {
    params: z.object({ text: z.string() }).strict(),
    description: "returns its text upper-cased after reporting progress and a log line",
    run: async ({ text }, ctx) => {
      ctx.progress({ fraction: 0.5, message: "half way", counters: { done: 1, total: 2 } });
      ctx.log(`echoing ${text} for ${ctx.jobId}`);
      return { text: text.toUpperCase() };
    },
  })
  .register("flaky", {
    params: z.object({ key: z.string(), failures: z.number().int() }).strict(),
    description: "fails with Unavailable `failures` times, then succeeds",
    run: async ({ key, failures }) => {
      const n = (tries.get(key) ?? 0) + 1;
      tries.set(key, n);
      if (n <= failures) throw new Unavailable(`the sidecar cannot be reached (try ${n})`);
      return { tries: n };
    },
  })
  .register("bad", {
    params: z.object({ key: z.string() }).strict(),
    description: "always refuses its input",
    run: async ({ key }) => {
      tries.set(key, (tries.get(key) ?? 0) + 1);
      throw new InvalidInput("Invalid spec: horizon is longer than the data");
    },
  })
  .register("blocked", {
    params: z.object({}).strict(),
    description: "waits until cancelled",
    run: (_params, ctx) =>
      new Promise((_resolve, reject) => {
        releaseBlocked?.();
        ctx.signal.addEventListener("abort", () => {
          sawAbort = true;
          reject(ctx.signal.reason);
        });
      }),
  });

let dispatcher: QueueDispatcher;
let worker: QueueWorker;
let queue: Queue;

function hooks(messages: ProgressMessage[] = [], signal?: AbortSignal) {
  const active = { count: 0 };
  return { active, hooks: { onActive: () => active.count++, onMessage: (m: ProgressMessage) => messages.push(m), signal } };
}

beforeAll(async () => {
  const redisUrl = inject("redisUrl");
  dispatcher = await QueueDispatcher.open({ redisUrl, queueName, attempts: 3, backoffMs: 50, logger, reconcileMs: 500 });
  worker = new QueueWorker({ redisUrl, queueName, handlers, logger, concurrency: 2, lockMs: 5_000, stalledMs: 2_000, name: "test-worker" });
  await worker.start();
  queue = new Queue(queueName, { connection: queueConnection(redisUrl) });
});

afterAll(async () => {
  await worker?.close(1_000);
  await dispatcher?.close();
  await queue?.obliterate({ force: true });
  await queue?.close();
});

describe("the work queue in one process, real Redis", () => {
  it("runs a job on the worker: result, start, progress and log lines come back under the sidecar's job id", async () => {
    const messages: ProgressMessage[] = [];
    const { active, hooks: h } = hooks(messages);
    const result = await dispatcher.run({ id: "echo-1", kind: "echo", params: { text: "abc" }, jobId: "job-42" }, h);
    expect(result).toEqual({ text: "ABC" });
    expect(active.count).toBe(1);
    expect(messages.flatMap((m) => (m.progress ? [m.progress] : []))).toContainEqual({ fraction: 0.5, message: "half way", counters: { done: 1, total: 2 } });
    expect(messages.flatMap((m) => m.log ?? [])).toContain("echoing abc for job-42");
    const job = await queue.getJob("echo-1");
    expect(job?.processedBy).toBe("test-worker");
  });

  it("retries transient failures with backoff until one succeeds", async () => {
    const messages: ProgressMessage[] = [];
    const result = await dispatcher.run({ id: "flaky-1", kind: "flaky", params: { key: "flaky-1", failures: 2 }, jobId: "j" }, hooks(messages).hooks);
    expect(result).toEqual({ tries: 3 });
    const lines = messages.flatMap((m) => m.log ?? []);
    expect(lines.some((l) => l.startsWith("attempt 1/3 failed (the sidecar cannot be reached (try 1)); retrying"))).toBe(true);
    expect(lines.some((l) => l.startsWith("attempt 2/3 failed"))).toBe(true);
  });

  it("ends a job that fails every try as failed with its error, after exactly the allowed attempts", async () => {
    const run = dispatcher.run({ id: "flaky-2", kind: "flaky", params: { key: "flaky-2", failures: 99 }, jobId: "j" }, hooks().hooks);
    await expect(run).rejects.toBeInstanceOf(Unavailable);
    await expect(run).rejects.toThrow("the sidecar cannot be reached (try 3)");
    expect(tries.get("flaky-2")).toBe(3);
    const job = await queue.getJob("flaky-2");
    expect(job?.attemptsMade).toBe(3);
    expect(await job?.getState()).toBe("failed");
  });

  it("does not retry InvalidInput: one try, failed with the same error class and message", async () => {
    const run = dispatcher.run({ id: "bad-1", kind: "bad", params: { key: "bad-1" }, jobId: "j" }, hooks().hooks);
    await expect(run).rejects.toBeInstanceOf(InvalidInput);
    await expect(run).rejects.toThrow("Invalid spec: horizon is longer than the data");
    expect(tries.get("bad-1")).toBe(1);
    expect((await queue.getJob("bad-1"))?.attemptsMade).toBe(1);
  });

  it("refuses params the handler's schema rejects, on the worker, without retrying", async () => {
    const run = dispatcher.run({ id: "echo-bad", kind: "echo", params: { text: 5 }, jobId: "j" }, hooks().hooks);
    await expect(run).rejects.toBeInstanceOf(InvalidInput);
    await expect(run).rejects.toThrow(/params of the echo job/);
  });

  it("cancels a running job through its abort signal on the worker", async () => {
    const abort = new AbortController();
    const running = new Promise<void>((resolve) => {
      releaseBlocked = resolve;
    });
    const run = dispatcher.run({ id: "blocked-1", kind: "blocked", params: {}, jobId: "j" }, hooks([], abort.signal).hooks);
    await running;
    abort.abort();
    await expect(run).rejects.toThrow("the job was cancelled");
    expect(sawAbort).toBe(true);
    expect((await queue.getJob("blocked-1"))?.attemptsMade).toBe(1);
  });

  it("removes work no worker has taken yet when it is cancelled", async () => {
    await worker.close(1_000);
    const abort = new AbortController();
    const run = dispatcher.run({ id: "echo-later", kind: "echo", params: { text: "x" }, jobId: "j" }, hooks([], abort.signal).hooks);
    // the add reaches Redis before the cancel looks for the job
    for (let i = 0; i < 100 && !(await queue.getJob("echo-later")); i++) await new Promise((r) => setTimeout(r, 20));
    abort.abort();
    await expect(run).rejects.toThrow("cancelled before a worker took it");
    expect(await queue.getJob("echo-later")).toBeUndefined();
  });

  it("reports Redis, the counts and the connected workers as health; degraded once no worker listens", async () => {
    const health = await dispatcher.health();
    expect(health.status).toBe("degraded");
    expect(health.details).toMatchObject({ queue: queueName, workers: 0 });
    expect(health.error).toMatch(/no `openquant worker` is connected/);
  });
});
