/**
 * The record of notebook runs: one JSON object per line in `<data_dir>/notebook-runs.jsonl`,
 * appended when a run starts and again when it ends (the last line of an id wins). Appends need
 * no lock, survive restarts, and leave the DuckDB file to its one writer (DESIGN.md decision 2).
 */
import { mkdir, open, readFile } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { z } from "zod";
import { NotFound } from "../errors.js";
import { validate } from "../util/validate.js";
import type { CellFailure } from "./notebook-exec.js";
import type { ParameterValues } from "./notebook-values.js";

/** Every status a notebook run can be in. */
export const NOTEBOOK_RUN_STATUSES = ["running", "succeeded", "failed", "timeout"] as const;

/** running → succeeded | failed | timeout (a cancelled run is failed with ename "Cancelled"). */
export type NotebookRunStatus = (typeof NOTEBOOK_RUN_STATUSES)[number];

/** One execution of a notebook. */
export interface NotebookRun {
  id: string;
  /** The job that ran it, when it ran as a job. */
  jobId: string | null;
  /** Path relative to the notebooks folder. */
  notebook: string;
  /** The values injected (only those given; the others kept their defaults). */
  parameters: ParameterValues;
  status: NotebookRunStatus;
  /** Who started it: "api", "cli", "notebook", "schedule:<id>", "job:<id>". */
  trigger: string;
  /** ISO times. */
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  /** The executed notebook, relative to the project home (absolute when outside it). */
  outputPath: string | null;
  /** Its HTML rendering, likewise; null when it could not be rendered. */
  htmlPath: string | null;
  /** On failure: the failing cell's index in the executed notebook, the error's name and message. */
  error: CellFailure | null;
  scheduleId: string | null;
}

const isoTime = z.iso.datetime().describe("ISO 8601 time, UTC");

/** A run as the API shows it (and as a worker hands a finished one to the sidecar). */
export const notebookRunSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, "a run id"),
  jobId: z.string().max(80).nullable(),
  notebook: z.string().min(1).max(500),
  parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).describe("The values injected"),
  status: z.enum(NOTEBOOK_RUN_STATUSES),
  trigger: z.string().max(200),
  startedAt: isoTime,
  finishedAt: isoTime.nullable(),
  durationMs: z.number().nullable(),
  outputPath: z.string().nullable().describe("The executed notebook, relative to the project home"),
  htmlPath: z.string().nullable().describe("Its HTML rendering, relative to the project home"),
  error: z
    .object({ cellIndex: z.number().int().nullable(), ename: z.string(), message: z.string() })
    .nullable()
    .describe("On failure: the failing cell's index in the executed notebook, the error's name and message"),
  scheduleId: z.string().max(64).nullable(),
});

/** A run as written: who wrote it, so a run whose process died can be told from one still going. */
interface RunLine extends NotebookRun {
  host: string;
  pid: number;
}

/** Filter of a run listing. */
export const notebookRunQuerySchema = z
  .object({
    notebook: z.string().max(500).optional(),
    status: z.enum(NOTEBOOK_RUN_STATUSES).optional(),
    scheduleId: z.string().max(64).optional(),
    jobId: z.string().max(80).optional(),
    limit: z.number().int().min(1).max(1000).default(50),
  })
  .strict();

/** Filter of a run listing: by notebook, status, schedule or job; newest first, at most `limit` (default 50). */
export type NotebookRunQuery = z.input<typeof notebookRunQuerySchema>;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A run still "running" whose process on this host is gone did not finish: report it failed. */
function settle(line: RunLine): NotebookRun {
  const { host, pid, ...run } = line;
  if (run.status !== "running" || host !== hostname() || alive(pid)) return run;
  return {
    ...run,
    status: "failed",
    error: { cellIndex: null, ename: "Interrupted", message: "The process running this notebook stopped before it finished; run it again." },
  };
}

/** Appends and reads notebook run records. */
export class NotebookRunStore {
  constructor(
    /** The JSON-lines file. */
    readonly file: string,
  ) {}

  /** Records a run's current state. */
  async save(run: NotebookRun): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const line: RunLine = { ...run, host: hostname(), pid: process.pid };
    const file = await open(this.file, "a+");
    try {
      // a line torn by a crash mid-write must not swallow this one
      const { size } = await file.stat();
      const last = Buffer.alloc(1);
      if (size > 0) await file.read(last, 0, 1, size - 1);
      const lead = size > 0 && last[0] !== 0x0a ? "\n" : "";
      await file.appendFile(`${lead}${JSON.stringify(line)}\n`, "utf8");
    } finally {
      await file.close();
    }
  }

  private async all(): Promise<NotebookRun[]> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    const byId = new Map<string, RunLine>();
    for (const raw of text.split("\n")) {
      if (!raw.trim()) continue;
      try {
        const line = JSON.parse(raw) as RunLine;
        byId.set(line.id, line);
      } catch {
        // a line cut short by a crash mid-write: the run's other line still tells its story
      }
    }
    return [...byId.values()].map(settle).sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : b.id.localeCompare(a.id)));
  }

  /** Runs, newest first. */
  async list(query: NotebookRunQuery = {}): Promise<NotebookRun[]> {
    const q = validate(notebookRunQuerySchema, query, "notebook run query");
    return (await this.all())
      .filter((r) => (q.notebook === undefined || r.notebook === q.notebook) && (q.status === undefined || r.status === q.status))
      .filter((r) => (q.scheduleId === undefined || r.scheduleId === q.scheduleId) && (q.jobId === undefined || r.jobId === q.jobId))
      .slice(0, q.limit);
  }

  /** One run; NotFound when there is none with that id. */
  async get(id: string): Promise<NotebookRun> {
    const run = (await this.all()).find((r) => r.id === id);
    if (!run) throw new NotFound(`No notebook run '${id}': GET /notebooks/runs lists them.`, [{ path: "id", message: "unknown run" }]);
    return run;
  }
}
