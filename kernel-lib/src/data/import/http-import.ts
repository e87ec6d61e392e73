/**
 * An import in client mode: the sidecar owns the DuckDB file, so it reads the files itself (on its
 * machine, by absolute path) as an `import` job, and this side waits for the job's result.
 */
import { resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Conflict, InvalidInput, NotFound, Unavailable } from "../../errors.js";
import type { Job } from "../../jobs/job-types.js";
import type { SidecarClient } from "../../util/sidecar-client.js";
import type { ImportOptions, ImportResult } from "./import-types.js";

const FINISHED = new Set(["succeeded", "failed", "cancelled", "interrupted"]);

/** The job's error as the typed error the embedded import would have thrown. */
function jobError(job: Job): Error {
  const message = job.error?.message ?? `the import job ${job.id} ended ${job.status}`;
  switch (job.error?.code) {
    case "INVALID_INPUT":
      return new InvalidInput(message);
    case "NOT_FOUND":
      return new NotFound(message);
    case "CONFLICT":
      return new Conflict(message);
    case "UNAVAILABLE":
      return new Unavailable(message);
    default:
      return new Conflict(`The import job ${job.id} ended ${job.status}: ${message}`);
  }
}

/** Submits `POST /data/import` and resolves with the job's ImportResult once it ends. */
export async function importThroughSidecar(client: SidecarClient, input: string, options: ImportOptions, pollMs = 250): Promise<ImportResult> {
  const { jobId } = await client.request<{ jobId: string }>("POST", "/data/import", { ...options, input: resolve(input) });
  for (;;) {
    const job = await client.request<Job>("GET", `/jobs/${encodeURIComponent(jobId)}`);
    if (FINISHED.has(job.status)) {
      if (job.status !== "succeeded") throw jobError(job);
      return job.result as ImportResult;
    }
    await sleep(pollMs);
  }
}
