/**
 * Cron schedules (croner, with time zones) whose definitions and runs live in DuckDB. A schedule's
 * run never overlaps its previous run: a trigger that finds it still running is recorded as skipped.
 */
import { Cron } from "croner";
import type { z } from "zod";
import { Conflict, InvalidInput, NotFound } from "../errors.js";
import type { CheckResult } from "../health.js";
import type { Logger } from "../util/logger.js";
import { validate } from "../util/validate.js";
import {
  checkTiming,
  type Schedule,
  type ScheduleInput,
  type ScheduleKind,
  type SchedulePatch,
  scheduleInputSchema,
  schedulePatchSchema,
} from "./schedule-spec.js";
import type { RunNowOptions, ScheduleApi } from "./schedule-api.js";
import type { ScheduleRun, ScheduleStore } from "./schedule-store.js";

/** Runs one kind of scheduled work; returns a JSON summary recorded with the run. */
export interface ScheduleHandler {
  /** Validates a schedule's params when it is created or changed. */
  params: z.ZodType;
  run(params: unknown, context: { scheduleId: string; signal: AbortSignal }): Promise<unknown>;
}

/** The scheduler's state, for /health and the Schedules panel. */
export interface SchedulerStatus {
  running: boolean;
  schedules: number;
  enabled: number;
  inFlight: string[];
}

/** Fires cron schedules (persisted in DuckDB) in this process, one run of a schedule at a time. */
export class Scheduler implements ScheduleApi {
  private readonly jobs = new Map<string, Cron>();
  private readonly inFlight = new Map<string, Promise<ScheduleRun["status"]>>();
  private readonly aborts = new Map<string, AbortController>();
  private running = false;

  constructor(
    private readonly store: ScheduleStore,
    private readonly handlers: Partial<Record<ScheduleKind, ScheduleHandler>>,
    private readonly logger?: Logger,
  ) {}

  /** Registers (or replaces) the handler of a kind, e.g. the notebook runner. */
  setHandler(kind: ScheduleKind, handler: ScheduleHandler): void {
    this.handlers[kind] = handler;
  }

  private handler(kind: ScheduleKind): ScheduleHandler {
    const h = this.handlers[kind];
    if (!h) {
      const known = Object.keys(this.handlers).join(", ");
      throw new InvalidInput(`Schedules of kind '${kind}' are not available in this process (available: ${known}).`, [
        { path: "kind", message: `one of ${known}` },
      ]);
    }
    return h;
  }

  private check(kind: ScheduleKind, cron: string, timezone: string, params: unknown): Record<string, unknown> {
    checkTiming(cron, timezone);
    validate(this.handler(kind).params, params, `params of the ${kind} schedule`);
    return params as Record<string, unknown>;
  }

  /** Adds YAML-configured schedules that are not stored yet (run-time edits of stored ones win), then starts the timers. */
  async start(configured: ScheduleInput[] = []): Promise<void> {
    await this.store.interruptDangling();
    for (const input of configured) {
      const spec = validate(scheduleInputSchema, input, "configured schedule");
      if (!spec.id) throw new InvalidInput("A schedule in configs/data_sources.yaml needs an id.");
      if (await this.store.get(spec.id)) continue;
      await this.store.save({ ...spec, id: spec.id, params: this.check(spec.kind, spec.cron, spec.timezone, spec.params), source: "config" });
    }
    this.running = true;
    for (const s of await this.store.list()) this.arm(s);
  }

  /** Stops the timers and waits for runs in flight (cancelling them after `graceMs`). */
  async stop(graceMs = 10_000): Promise<void> {
    this.running = false;
    for (const job of this.jobs.values()) job.stop();
    this.jobs.clear();
    const pending = [...this.inFlight.values()];
    const timer = setTimeout(() => {
      for (const a of this.aborts.values()) a.abort();
    }, graceMs);
    await Promise.allSettled(pending);
    clearTimeout(timer);
  }

  private arm(s: Schedule): void {
    this.jobs.get(s.id)?.stop();
    this.jobs.delete(s.id);
    if (!this.running || !s.enabled) return;
    this.jobs.set(
      s.id,
      new Cron(s.cron, { timezone: s.timezone, name: `openquant:${s.id}` }, () => {
        void this.trigger(s.id, "cron");
      }),
    );
  }

  private withNext(s: Schedule): Schedule {
    return { ...s, nextRun: this.jobs.get(s.id)?.nextRun()?.toISOString() ?? null };
  }

  /** Every schedule, with its next run time. */
  async list(): Promise<Schedule[]> {
    return (await this.store.list()).map((s) => this.withNext(s));
  }

  /** One schedule; NotFound when there is none by that id. */
  async get(id: string): Promise<Schedule> {
    const s = await this.store.get(id);
    if (!s) throw new NotFound(`No schedule '${id}'.`, [{ path: "id", message: "unknown schedule" }]);
    return this.withNext(s);
  }

  /** Validates, stores and (when enabled) arms a new schedule. */
  async create(input: ScheduleInput): Promise<Schedule> {
    const spec = validate(scheduleInputSchema, input, "schedule");
    const id = spec.id ?? `${spec.kind}-${Date.now().toString(36)}`;
    if (await this.store.get(id)) throw new Conflict(`A schedule '${id}' already exists: choose another id or update it.`);
    await this.store.save({ ...spec, id, params: this.check(spec.kind, spec.cron, spec.timezone, spec.params), source: "api" });
    const saved = await this.get(id);
    this.arm(saved);
    return this.withNext(saved);
  }

  /** Changes a schedule and re-arms it. */
  async update(id: string, patch: SchedulePatch): Promise<Schedule> {
    const current = await this.get(id);
    const changes = validate(schedulePatchSchema, patch, "schedule change");
    const next = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as Schedule;
    await this.store.save({ ...next, params: this.check(next.kind, next.cron, next.timezone, next.params) });
    const saved = await this.get(id);
    this.arm(saved);
    return this.withNext(saved);
  }

  /** Disarms and deletes a schedule. */
  async remove(id: string): Promise<void> {
    await this.get(id);
    this.jobs.get(id)?.stop();
    this.jobs.delete(id);
    await this.store.remove(id);
  }

  /** Runs a schedule now (as if its time had come) and resolves with the run's record: finished, or just started with `{ wait: false }`. */
  async runNow(id: string, options: RunNowOptions = {}): Promise<ScheduleRun> {
    await this.get(id);
    const { runId, done } = await this.trigger(id, "manual");
    if (options.wait ?? true) await done;
    return this.getRun(id, runId);
  }

  /** One run of a schedule. */
  async getRun(id: string, runId: string): Promise<ScheduleRun> {
    await this.get(id);
    const run = await this.store.getRun(id, runId);
    if (!run) throw new NotFound(`Schedule '${id}' has no run '${runId}': GET /schedules/${id}/runs lists them.`, [{ path: "runId", message: "unknown run" }]);
    return run;
  }

  /** Fires one run unless the previous one is still going (then records a skipped run); `done` settles when it has finished. */
  private async trigger(id: string, trigger: ScheduleRun["trigger"]): Promise<{ runId: string; done: Promise<unknown> }> {
    if (this.inFlight.has(id)) {
      const skipped = await this.store.startRun(id, trigger, "skipped");
      await this.store.finishRun(skipped, "skipped", null, "the previous run of this schedule was still running");
      this.logger?.warn({ schedule: id }, "schedule fired while its previous run was still running: skipped");
      return { runId: skipped, done: Promise.resolve() };
    }
    const schedule = await this.store.get(id);
    if (!schedule) return { runId: "", done: Promise.resolve() };
    const runId = await this.store.startRun(id, trigger);
    const abort = new AbortController();
    this.aborts.set(id, abort);
    const work = (async (): Promise<ScheduleRun["status"]> => {
      try {
        const summary = await this.handler(schedule.kind).run(schedule.params, { scheduleId: id, signal: abort.signal });
        await this.store.finishRun(runId, "ok", summary);
        this.logger?.info({ schedule: id, run: runId }, "scheduled run finished");
        return "ok";
      } catch (error) {
        await this.store.finishRun(runId, "failed", null, (error as Error).message);
        this.logger?.error({ schedule: id, run: runId, err: (error as Error).message }, "scheduled run failed");
        return "failed";
      } finally {
        this.inFlight.delete(id);
        this.aborts.delete(id);
      }
    })();
    this.inFlight.set(id, work);
    return { runId, done: work };
  }

  /** A schedule's runs, newest first. */
  async runs(id: string, limit?: number): Promise<ScheduleRun[]> {
    await this.get(id);
    return this.store.runs(id, limit);
  }

  /** Whether it runs, how many schedules are enabled, and which are firing now. */
  async status(): Promise<SchedulerStatus> {
    const all = await this.store.list();
    return { running: this.running, schedules: all.length, enabled: all.filter((s) => s.enabled).length, inFlight: [...this.inFlight.keys()] };
  }

  /** Health: up while the timers run; down when stopped. */
  async health(): Promise<CheckResult> {
    const s = await this.status();
    return s.running
      ? { status: "up", details: { ...s } }
      : { status: "down", details: { ...s }, error: "the scheduler is not running" };
  }
}
