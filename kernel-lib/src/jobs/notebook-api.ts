/** The notebook runner's part of kernel-lib's public API (re-exported by src/index.ts). */
export { type NotebookInfo, listNotebooks } from "./notebook-catalog.js";
export type { CellFailure } from "./notebook-exec.js";
export { type NotebookCell, type NotebookDocument, parseNotebook, readNotebook } from "./notebook-format.js";
export { HttpNotebooks } from "./notebook-http.js";
export { INJECTED_TAG, injectParameters } from "./notebook-inject.js";
export { checkedNotebookRequest, describeFailure, notebookJobHandler, notebookScheduleHandler } from "./notebook-job.js";
export { type NotebookParameter, notebookParameters, PARAMETERS_TAG, type ParameterType, type ParameterValue, parseParametersSource } from "./notebook-params.js";
export { type NotebookRunHandover, notebookRunHandoverSchema } from "./notebook-import.js";
export { type NotebookLocation, notebookPathSchema, resolveNotebookPath } from "./notebook-path.js";
export {
  type NotebookOutput,
  type NotebookRunFiles,
  type NotebookRunOptions,
  NotebookRunner,
  type NotebookRunnerOptions,
  type NotebookRunRequest,
  notebookRunRequestSchema,
  type PreparedRun,
} from "./notebook-runner.js";
export { NOTEBOOK_RUN_STATUSES, type NotebookRun, type NotebookRunQuery, notebookRunQuerySchema, notebookRunSchema, type NotebookRunStatus } from "./notebook-runs.js";
export { checkParameterValues, type ParameterValues, parameterValuesSchema } from "./notebook-values.js";
