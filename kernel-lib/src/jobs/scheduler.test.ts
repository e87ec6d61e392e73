import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { Database } from "../data/store/database.js";
import { DuckStore } from "../data/store/duck-store.js";
import { Conflict, InvalidInput, NotFound } from "../errors.js";
import { ScheduleStore } from "./schedule-store.js";
import { type ScheduleHandler, Scheduler } from "./scheduler.js";

describe("Scheduler", () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function setup(path: string, handler: ScheduleHandler) {
    const db = await Database.open(path);
    const scheduler = new Scheduler(new ScheduleStore(db, new DuckStore(db)), { ingest: handler });
    cleanup.push(() => db.close());
    cleanup.push(() => scheduler.stop(100));
    return scheduler;
  }

  const dbPath = () => join(mkdtempSync(join(tmpdir(), "oq-sched-")), "s.duckdb");
  const quick: ScheduleHandler = { params: z.object({ tickers: z.array(z.string()) }), run: async (p) => ({ echoed: p }) };

  it("validates cron, time zone and params with clear errors", async () => {
    const s = await setup(dbPath(), quick);
    await s.start();
    await expect(s.create({ kind: "ingest", cron: "61 * * * *", params: { tickers: [] } })).rejects.toThrow(/Invalid cron expression '61 \* \* \* \*'/);
    await expect(s.create({ kind: "ingest", cron: "30 16 * * 1-5", timezone: "Mars/Olympus", params: { tickers: [] } })).rejects.toThrow(
      /Unknown time zone 'Mars\/Olympus'/,
    );
    await expect(s.create({ kind: "ingest", cron: "30 16 * * 1-5", params: { tickers: "ACME" } })).rejects.toThrow(InvalidInput);
    await expect(s.create({ kind: "notebook", cron: "30 16 * * 1-5" })).rejects.toThrow(/kind 'notebook' are not available/);
    await expect(s.get("nope")).rejects.toThrow(NotFound);
  });

  it("persists schedules across a restart, with the next run in the schedule's time zone", async () => {
    const path = dbPath();
    const first = await setup(path, quick);
    await first.start();
    const created = await first.create({
      id: "after-close",
      kind: "ingest",
      cron: "30 16 * * 1-5",
      timezone: "America/New_York",
      params: { tickers: ["ACME.SAMPLE"] },
    });
    await expect(first.create({ id: "after-close", kind: "ingest", cron: "0 0 * * *", params: { tickers: [] } })).rejects.toThrow(Conflict);
    const next = new Date(created.nextRun as string);
    const nyTime = new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", hour: "2-digit", minute: "2-digit", hour12: false, weekday: "short" }).format(next);
    expect(nyTime).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 16:30$/);
    await first.stop();
    for (const c of cleanup.splice(0).reverse()) await c();

    const second = await setup(path, quick);
    await second.start([{ id: "after-close", kind: "ingest", cron: "0 0 * * *", params: { tickers: [] } }]);
    const again = await second.get("after-close");
    expect(again).toMatchObject({ cron: "30 16 * * 1-5", timezone: "America/New_York", source: "api", enabled: true });
    const paused = await second.update("after-close", { enabled: false });
    expect(paused.nextRun).toBeNull();
    await second.remove("after-close");
    expect(await second.list()).toEqual([]);
  });

  it("never overlaps a schedule's runs: a trigger during a run is recorded as skipped", async () => {
    let active = 0;
    let maxActive = 0;
    const slow: ScheduleHandler = {
      params: z.object({}),
      run: async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await sleep(2_300);
        active--;
        return { slept: true };
      },
    };
    const s = await setup(dbPath(), slow);
    await s.start();
    await s.create({ id: "every-second", kind: "ingest", cron: "* * * * * *" });
    await sleep(3_600);
    await s.update("every-second", { enabled: false });
    await s.stop();
    const runs = await s.runs("every-second");
    expect(maxActive).toBe(1);
    expect(runs.filter((r) => r.status === "ok").length).toBeGreaterThanOrEqual(1);
    expect(runs.filter((r) => r.status === "skipped").length).toBeGreaterThanOrEqual(1);
    for (const r of runs.filter((x) => x.status === "ok")) expect(r.summary).toEqual({ slept: true });
  });

  it("records failures with the error, and manual runs", async () => {
    const failing: ScheduleHandler = {
      params: z.object({}),
      run: async () => {
        throw new Error("provider exploded");
      },
    };
    const s = await setup(dbPath(), failing);
    await s.start();
    await s.create({ id: "bad", kind: "ingest", cron: "0 0 1 1 *" });
    const run = await s.runNow("bad");
    expect(run).toMatchObject({ status: "failed", error: "provider exploded", trigger: "manual" });
    expect(run.finishedAt).not.toBeNull();
  });

  it("starts a run without waiting for it, reads it while it runs and once it is done, and skips a second start", async () => {
    let release: () => void = () => undefined;
    const gated: ScheduleHandler = { params: z.object({}), run: () => new Promise((resolve) => (release = () => resolve({ done: true }))) };
    const s = await setup(dbPath(), gated);
    await s.start();
    await s.create({ id: "gated", kind: "ingest", cron: "0 0 1 1 *" });
    const started = await s.runNow("gated", { wait: false });
    expect(started).toMatchObject({ status: "running", finishedAt: null, trigger: "manual" });
    expect(await s.getRun("gated", started.id)).toMatchObject({ status: "running" });
    // the first is still going: a second start is recorded as skipped, at once
    expect(await s.runNow("gated", { wait: false })).toMatchObject({ status: "skipped", error: expect.stringMatching(/still running/) });
    release();
    for (let i = 0; i < 100 && (await s.getRun("gated", started.id)).status === "running"; i++) await sleep(10);
    expect(await s.getRun("gated", started.id)).toMatchObject({ status: "ok", summary: { done: true } });
    await expect(s.getRun("gated", "00000000-0000-4000-8000-000000000000")).rejects.toThrow(/has no run/);
    await expect(s.getRun("nope", started.id)).rejects.toThrow(NotFound);
  });
});
