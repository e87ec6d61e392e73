/** Schedules and their run history, kept in DuckDB so they survive a restart. */
import { randomUUID } from "node:crypto";
import type { DuckStore } from "../data/store/duck-store.js";
import type { Database } from "../data/store/database.js";
import type { Schedule, ScheduleKind } from "./schedule-spec.js";
import { isoOrNull } from "../util/dates.js";

/** One run of a schedule. */
export interface ScheduleRun {
  id: string;
  scheduleId: string;
  startedAt: string;
  finishedAt: string | null;
  status: "running" | "ok" | "failed" | "skipped" | "interrupted";
  summary: unknown;
  error: string | null;
  trigger: "cron" | "manual";
}


function toSchedule(r: Record<string, unknown>): Schedule {
  return {
    id: String(r.id),
    kind: String(r.kind) as ScheduleKind,
    cron: String(r.cron),
    timezone: String(r.timezone),
    enabled: Boolean(r.enabled),
    params: JSON.parse(String(r.params)),
    source: String(r.source) as "config" | "api",
    createdAt: isoOrNull(r.c) as string,
    updatedAt: isoOrNull(r.u) as string,
  };
}

/** DuckDB-backed persistence of schedules, serialized with the store's other work. */
export class ScheduleStore {
  constructor(
    private readonly db: Database,
    private readonly store: DuckStore,
  ) {}

  private get conn() {
    return this.db.connection;
  }

  list(): Promise<Schedule[]> {
    return this.store.read(async () =>
      (
        await this.conn.runAndReadAll(
          "SELECT *, params::VARCHAR AS params, epoch_ms(created_at) AS c, epoch_ms(updated_at) AS u FROM schedules ORDER BY id",
        )
      )
        .getRowObjects()
        .map(toSchedule),
    );
  }

  async get(id: string): Promise<Schedule | undefined> {
    return this.store.read(async () => {
      const rows = (
        await this.conn.runAndReadAll(
          "SELECT *, params::VARCHAR AS params, epoch_ms(created_at) AS c, epoch_ms(updated_at) AS u FROM schedules WHERE id = $1",
          [id],
        )
      ).getRowObjects();
      return rows.length ? toSchedule(rows[0]) : undefined;
    });
  }

  /** Inserts or replaces a schedule. */
  save(s: Omit<Schedule, "createdAt" | "updatedAt" | "nextRun">): Promise<void> {
    return this.store.transaction(async () => {
      await this.conn.run(
        `INSERT INTO schedules (id, kind, cron, timezone, enabled, params, source, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6::JSON, $7, now()::TIMESTAMP, now()::TIMESTAMP)
         ON CONFLICT DO UPDATE SET kind = excluded.kind, cron = excluded.cron, timezone = excluded.timezone,
           enabled = excluded.enabled, params = excluded.params, updated_at = excluded.updated_at`,
        [s.id, s.kind, s.cron, s.timezone, s.enabled, JSON.stringify(s.params), s.source],
      );
    });
  }

  remove(id: string): Promise<boolean> {
    return this.store.transaction(async () => {
      const r = await this.conn.runAndReadAll("DELETE FROM schedules WHERE id = $1 RETURNING id", [id]);
      return r.currentRowCount > 0;
    });
  }

  async startRun(scheduleId: string, trigger: ScheduleRun["trigger"], status: ScheduleRun["status"] = "running"): Promise<string> {
    const id = randomUUID();
    await this.store.transaction(() =>
      this.conn.run(
        "INSERT INTO schedule_runs (id, schedule_id, started_at, status, trigger) VALUES ($1, $2, now()::TIMESTAMP, $3, $4)",
        [id, scheduleId, status, trigger],
      ),
    );
    return id;
  }

  finishRun(runId: string, status: ScheduleRun["status"], summary: unknown, error?: string): Promise<void> {
    return this.store.transaction(async () => {
      await this.conn.run(
        "UPDATE schedule_runs SET finished_at = now()::TIMESTAMP, status = $2, summary = $3::JSON, error = $4 WHERE id = $1",
        [runId, status, JSON.stringify(summary ?? null), error ?? null],
      );
    });
  }

  /** Marks runs left "running" by a crash or restart as interrupted. */
  interruptDangling(): Promise<void> {
    return this.store.transaction(async () => {
      await this.conn.run(
        "UPDATE schedule_runs SET status = 'interrupted', finished_at = now()::TIMESTAMP, error = 'the process stopped during this run' WHERE status = 'running'",
      );
    });
  }

  runs(scheduleId: string, limit = 50): Promise<ScheduleRun[]> {
    return this.selectRuns("schedule_id = $1 ORDER BY started_at DESC, id LIMIT $2", [scheduleId, limit]);
  }

  /** One run of a schedule, or undefined. */
  async getRun(scheduleId: string, runId: string): Promise<ScheduleRun | undefined> {
    return (await this.selectRuns("schedule_id = $1 AND id = $2", [scheduleId, runId]))[0];
  }

  private selectRuns(where: string, values: Array<string | number>): Promise<ScheduleRun[]> {
    return this.store.read(async () =>
      (
        await this.conn.runAndReadAll(
          `SELECT id, schedule_id, epoch_ms(started_at) AS s, epoch_ms(finished_at) AS f, status, summary::VARCHAR AS summary, error, trigger
           FROM schedule_runs WHERE ${where}`,
          values,
        )
      )
        .getRowObjects()
        .map((r) => ({
          id: String(r.id),
          scheduleId: String(r.schedule_id),
          startedAt: isoOrNull(r.s) as string,
          finishedAt: isoOrNull(r.f),
          status: String(r.status) as ScheduleRun["status"],
          summary: r.summary === null ? null : JSON.parse(String(r.summary)),
          error: r.error === null ? null : String(r.error),
          trigger: String(r.trigger) as ScheduleRun["trigger"],
        })),
    );
  }
}
