/**
 * The one registration of job kinds, shared by the sidecar (in-process or as the queue's producer)
 * and every `openquant worker` (DESIGN.md decision 8: the same job code runs in both). A kind
 * registered here runs on workers in queue mode; register new kinds here so they do too.
 */
import type { OpenQuant } from "../openquant.js";
import type { JobHandlers } from "./job-handlers.js";
import { ingestJobHandler } from "./job-ingest.js";
import { crossValidateSpecSchema } from "../models/spec.js";
import { trainJobHandler } from "./job-train.js";
import { notebookJobHandler } from "./notebook-job.js";
import type { NotebookRunner } from "./notebook-runner.js";
import { FOLD_KIND, foldJobHandler } from "./queue-folds.js";

/** What the handlers call: the process's OpenQuant (embedded in the sidecar, client mode in a worker). */
export type JobPlatform = Pick<OpenQuant, "ingest" | "train" | "crossValidate" | "featureEngine">;

/** Registers every shared job kind on `handlers` and returns the kinds registered. */
export function registerJobHandlers(handlers: JobHandlers, platform: () => JobPlatform, notebooks: () => NotebookRunner): string[] {
  const before = new Set(handlers.kinds());
  handlers.register("ingest", ingestJobHandler((tickers, options) => platform().ingest(tickers, options)));
  handlers.register("train", trainJobHandler((spec, o) => platform().train(spec, o), "Train a model, evaluate it out of sample and log the run to MLflow."));
  handlers.register(
    "cross-validate",
    trainJobHandler((spec, o) => platform().crossValidate(spec, o), "Cross-validate a training spec (walk-forward by default) and log the run.", crossValidateSpecSchema),
  );
  handlers.register(FOLD_KIND, foldJobHandler(() => platform().featureEngine));
  handlers.register("notebook", notebookJobHandler(notebooks));
  return handlers.kinds().filter((kind) => !before.has(kind));
}
