/**
 * Typed calls of the sidecar's notebook runner (/notebooks…). Older sidecars have no notebook
 * runner: GET /notebooks then answers 404, which `fetchNotebooks` reports as `null`.
 */
import { ApiError, apiUrl, requestAPI } from "../api.js";
import { GET } from "./get.js";
import { type Notebook, type NotebookRun, NotebookRunsSchema, NotebooksSchema } from "../schemas/notebooks.js";

/** GET /notebooks: the runnable notebooks with their parameters; null when this sidecar runs no notebooks. */
export async function fetchNotebooks(): Promise<Notebook[] | null> {
  try {
    return (await requestAPI("notebooks", GET, { schema: NotebooksSchema })).notebooks;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

/** Which runs GET /notebooks/runs returns. */
export interface NotebookRunsQuery {
  /** Only runs of this notebook (path relative to notebooks/). */
  notebook?: string;
  /** Only runs started by this schedule. */
  scheduleId?: string;
  limit?: number;
}

/** GET /notebooks/runs: executed notebook runs, newest first. */
export async function fetchNotebookRuns(query: NotebookRunsQuery = {}): Promise<NotebookRun[]> {
  const search = new URLSearchParams();
  if (query.notebook) search.set("notebook", query.notebook);
  if (query.scheduleId) search.set("scheduleId", query.scheduleId);
  if (query.limit !== undefined) search.set("limit", String(query.limit));
  const qs = search.toString();
  const body = await requestAPI(`notebooks/runs${qs ? `?${qs}` : ""}`, GET, { schema: NotebookRunsSchema });
  return body.runs;
}

/** The URL of a run's executed output (HTML to show in a frame, or the .ipynb). */
export function notebookOutputUrl(runId: string, format: "html" | "ipynb" = "html"): string {
  return apiUrl(`notebooks/runs/${encodeURIComponent(runId)}/output?format=${format}`);
}
