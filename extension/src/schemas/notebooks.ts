/**
 * The notebook runner's answers (GET /notebooks, GET /notebooks/runs): parameterised notebooks and
 * their executed runs. Unknown extra fields are dropped.
 */
import * as z from "zod/mini";

/** One parameter a notebook declares, with its type and default. */
export const NotebookParameterSchema = z.object({
  name: z.string(),
  type: z.enum(["string", "number", "boolean"]),
  default: z.optional(z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

/** A notebook the sidecar can run (path relative to notebooks/). */
export const NotebookSchema = z.object({ path: z.string(), parameters: z.array(NotebookParameterSchema) });

/** GET /notebooks */
export const NotebooksSchema = z.object({ notebooks: z.array(NotebookSchema) });

/** Where an executed notebook failed. */
export const NotebookRunErrorSchema = z.object({
  cellIndex: z.nullable(z.number()),
  ename: z.string(),
  message: z.string(),
});

/** One executed run of a notebook. */
export const NotebookRunSchema = z.object({
  id: z.string(),
  jobId: z.optional(z.nullable(z.string())),
  notebook: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  status: z.enum(["running", "succeeded", "failed", "timeout"]),
  trigger: z.optional(z.string()),
  startedAt: z.string(),
  finishedAt: z.optional(z.nullable(z.string())),
  durationMs: z.optional(z.nullable(z.number())),
  outputPath: z.optional(z.nullable(z.string())),
  htmlPath: z.optional(z.nullable(z.string())),
  error: z.optional(z.nullable(NotebookRunErrorSchema)),
  scheduleId: z.optional(z.nullable(z.string())),
});

/** GET /notebooks/runs */
export const NotebookRunsSchema = z.object({ runs: z.array(NotebookRunSchema) });

/** A notebook parameter. */
export type NotebookParameter = z.infer<typeof NotebookParameterSchema>;
/** A runnable notebook. */
export type Notebook = z.infer<typeof NotebookSchema>;
/** One executed notebook run. */
export type NotebookRun = z.infer<typeof NotebookRunSchema>;
