/** Typed calls of the sidecar's job routes. */
import { requestAPI } from "../api.js";
import { GET } from "./get.js";
import { type Job, JobListSchema, JobSchema, type JobStatus, type JobSummary } from "../schemas/jobs.js";

/** Filters of GET /jobs. */
export interface JobListQuery {
  status?: JobStatus;
  kind?: string;
  /** 1 to 1000; the sidecar's default is 50. */
  limit?: number;
}

/** Jobs, newest first (GET /jobs). */
export function listJobs(query: JobListQuery = {}): Promise<JobSummary[]> {
  const search = new URLSearchParams();
  if (query.status) search.set("status", query.status);
  if (query.kind) search.set("kind", query.kind);
  if (query.limit !== undefined) search.set("limit", String(query.limit));
  const qs = search.toString();
  return requestAPI(qs ? `jobs?${qs}` : "jobs", GET, { schema: JobListSchema });
}

/** One job with its result and log tail (GET /jobs/{id}). */
export function getJob(id: string): Promise<Job> {
  return requestAPI(`jobs/${encodeURIComponent(id)}`, GET, { schema: JobSchema });
}

/** Cancels a job (DELETE /jobs/{id}); resolves with the job as it stands afterwards. */
export function cancelJob(id: string): Promise<Job> {
  return requestAPI(`jobs/${encodeURIComponent(id)}`, { method: "DELETE" }, { schema: JobSchema });
}
