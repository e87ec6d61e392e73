/**
 * Jobs kept in DuckDB (the `jobs` table of migration 3), on the store's serialized connection,
 * so a job's state survives the process: after a restart unfinished jobs read as interrupted, or,
 * when their work lives on the work queue, are followed again.
 */
import type { Database } from "../data/store/database.js";
import type { DuckStore } from "../data/store/duck-store.js";
import type { Job, JobError, JobProgress, JobQuery, JobStatus, JobSummary } from "./job-types.js";
import { isoOrNull } from "../util/dates.js";

const SUMMARY_COLUMNS = `id, kind, params::VARCHAR AS params, status, progress::VARCHAR AS progress, error::VARCHAR AS error,
  trigger, epoch_ms(created_at) AS c, epoch_ms(started_at) AS s, epoch_ms(finished_at) AS f`;

const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));
const json = (v: unknown) => (v === null || v === undefined ? null : JSON.parse(String(v)));

function toSummary(r: Record<string, unknown>): JobSummary {
  return {
    id: String(r.id),
    kind: String(r.kind),
    params: json(r.params),
    status: String(r.status) as JobStatus,
    progress: json(r.progress) as JobProgress,
    error: json(r.error) as JobError | null,
    trigger: String(r.trigger),
    createdAt: isoOrNull(r.c) as string,
    startedAt: isoOrNull(r.s),
    finishedAt: isoOrNull(r.f),
    cancelRequested: false,
  };
}

/** DuckDB persistence of jobs, serialized with the store's other work. */
export class JobStore {
  constructor(
    private readonly db: Database,
    private readonly store: DuckStore,
  ) {}

  private get conn() {
    return this.db.connection;
  }

  /** Records a new job. */
  async insert(job: Job): Promise<void> {
    await this.store.transaction(() =>
      this.conn.run(
        `INSERT INTO jobs (id, kind, params, status, progress, result, error, log, trigger, created_at, started_at, finished_at)
         VALUES ($1, $2, $3::JSON, $4, $5::JSON, $6::JSON, $7::JSON, $8::JSON, $9,
                 make_timestamp($10::BIGINT * 1000), make_timestamp($11::BIGINT * 1000), make_timestamp($12::BIGINT * 1000))`,
        [
          job.id,
          job.kind,
          JSON.stringify(job.params ?? null),
          job.status,
          JSON.stringify(job.progress),
          JSON.stringify(job.result ?? null),
          job.error === null ? null : JSON.stringify(job.error),
          JSON.stringify(job.log),
          job.trigger,
          ms(job.createdAt),
          ms(job.startedAt),
          ms(job.finishedAt),
        ],
      ),
    );
  }

  /** Writes a job's changing state: status, progress, result, error, log and times. */
  async save(job: Job): Promise<void> {
    await this.store.transaction(() =>
      this.conn.run(
        `UPDATE jobs SET status = $2, progress = $3::JSON, result = $4::JSON, error = $5::JSON, log = $6::JSON,
           started_at = make_timestamp($7::BIGINT * 1000), finished_at = make_timestamp($8::BIGINT * 1000)
         WHERE id = $1`,
        [
          job.id,
          job.status,
          JSON.stringify(job.progress),
          JSON.stringify(job.result ?? null),
          job.error === null ? null : JSON.stringify(job.error),
          JSON.stringify(job.log),
          ms(job.startedAt),
          ms(job.finishedAt),
        ],
      ),
    );
  }

  /** One job with its result and log, or undefined. */
  get(id: string): Promise<Job | undefined> {
    return this.store.read(async () => {
      const rows = (
        await this.conn.runAndReadAll(`SELECT ${SUMMARY_COLUMNS}, result::VARCHAR AS result, log::VARCHAR AS log FROM jobs WHERE id = $1`, [
          id,
        ])
      ).getRowObjects();
      if (!rows.length) return undefined;
      return { ...toSummary(rows[0]), result: json(rows[0].result), log: json(rows[0].log) as string[] };
    });
  }

  /** Jobs newest first, optionally of one status or kind. */
  list(query: JobQuery = {}): Promise<JobSummary[]> {
    return this.store.read(async () => {
      const rows = (
        await this.conn.runAndReadAll(
          `SELECT ${SUMMARY_COLUMNS} FROM jobs
           WHERE ($1::VARCHAR IS NULL OR status = $1) AND ($2::VARCHAR IS NULL OR kind = $2)
           ORDER BY seq DESC LIMIT $3`,
          [query.status ?? null, query.kind ?? null, query.limit ?? 50],
        )
      ).getRowObjects();
      return rows.map(toSummary);
    });
  }

  /**
   * Settles the jobs a stopped process left queued or running: those `resumable` accepts (their work
   * lives on elsewhere, e.g. on the work queue) are returned, oldest first, to be followed again; the
   * others are marked interrupted with `reason`.
   */
  async recoverUnfinished(reason: string, resumable: (job: JobSummary) => boolean): Promise<{ interrupted: string[]; resumed: Job[] }> {
    const ids = await this.store.read(async () =>
      (await this.conn.runAndReadAll("SELECT id FROM jobs WHERE status IN ('queued', 'running') ORDER BY seq")).getRowObjects().map((r) => String(r.id)),
    );
    const jobs: Job[] = [];
    for (const id of ids) {
      const job = await this.get(id);
      if (job) jobs.push(job);
    }
    const resumed = jobs.filter(resumable);
    const interrupted = jobs.filter((j) => !resumable(j)).map((j) => j.id);
    if (interrupted.length) {
      await this.store.transaction(async () => {
        for (const id of interrupted) {
          await this.conn.run("UPDATE jobs SET status = 'interrupted', finished_at = now()::TIMESTAMP, error = $1::JSON WHERE id = $2", [
            JSON.stringify({ code: "INTERRUPTED", message: reason }),
            id,
          ]);
        }
      });
    }
    return { interrupted, resumed };
  }
}
