/**
 * Notebook runs through the running sidecar (client mode): the run is a `notebook` job there, and
 * this side follows the job until it ends, then reads the run's record.
 */
import { readFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { Conflict } from "../errors.js";
import type { SidecarClient } from "../util/sidecar-client.js";
import type { Job } from "./job-types.js";
import type { NotebookInfo } from "./notebook-catalog.js";
import type { NotebookRunHandover } from "./notebook-import.js";
import type { NotebookRunFiles, NotebookRunOptions } from "./notebook-runner.js";
import type { NotebookRun, NotebookRunQuery } from "./notebook-runs.js";
import type { ParameterValue } from "./notebook-params.js";

const FINISHED = new Set(["succeeded", "failed", "cancelled", "interrupted"]);

/** The notebook API of a sidecar. */
export class HttpNotebooks {
  constructor(
    private readonly client: SidecarClient,
    /** Time between two polls of the job. */
    private readonly pollMs = 1_000,
  ) {}

  /** Every notebook with its parameters. */
  async notebooks(): Promise<NotebookInfo[]> {
    return (await this.client.request<{ notebooks: NotebookInfo[] }>("GET", "/notebooks")).notebooks;
  }

  /** Runs a notebook as a job in the sidecar and resolves with its record once the job ends. */
  async run(path: string, parameters: Record<string, ParameterValue>, options: NotebookRunOptions = {}): Promise<NotebookRun> {
    const body = { notebook: path, parameters, ...(options.timeoutSeconds ? { timeoutSeconds: options.timeoutSeconds } : {}) };
    const { jobId } = await this.client.request<{ jobId: string }>("POST", "/notebooks/run", body);
    const cancel = () => void this.client.request("DELETE", `/jobs/${encodeURIComponent(jobId)}`).catch(() => undefined);
    options.signal?.addEventListener("abort", cancel, { once: true });
    let job: Job;
    try {
      let last = "";
      for (;;) {
        job = await this.client.request<Job>("GET", `/jobs/${encodeURIComponent(jobId)}`);
        const message = job.progress.message ?? "";
        if (message !== last) options.onProgress?.({ fraction: job.progress.fraction, message });
        last = message;
        if (FINISHED.has(job.status)) break;
        await sleep(this.pollMs);
      }
    } finally {
      options.signal?.removeEventListener("abort", cancel);
    }
    const [run] = await this.runs({ jobId, limit: 1 });
    // a job cancelled while it waited for a slot never ran the notebook
    if (!run) throw new Conflict(`The notebook job ${jobId} ended ${job.status} before the notebook ran: ${job.error?.message ?? "no run recorded"}.`);
    return run;
  }

  /** Runs, newest first. */
  async runs(query: NotebookRunQuery = {}): Promise<NotebookRun[]> {
    const q = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v === undefined ? undefined : String(v)]));
    return (await this.client.request<{ runs: NotebookRun[] }>("GET", "/notebooks/runs", undefined, q)).runs;
  }

  /** Hands a run executed here (by a worker) to the sidecar, with its files; resolves with the record as the sidecar keeps it. */
  async publish(run: NotebookRun, files: NotebookRunFiles): Promise<NotebookRun> {
    const body: NotebookRunHandover = { run, notebook: await readFile(files.notebook, "utf8"), html: files.html ? await readFile(files.html, "utf8") : null };
    return this.client.request<NotebookRun>("PUT", `/notebooks/runs/${encodeURIComponent(run.id)}`, body);
  }

  /** One run by id. */
  getRun(id: string): Promise<NotebookRun> {
    return this.client.request<NotebookRun>("GET", `/notebooks/runs/${encodeURIComponent(id)}`);
  }
}
