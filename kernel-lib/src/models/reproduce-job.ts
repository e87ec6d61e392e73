/** The "reproduce" job: `reproduce(runId)` with progress and cancellation; the comparison is its result. */
import { z } from "zod";
import type { JobHandler } from "../jobs/job-types.js";
import { type ReproduceResult, runIdSchema } from "./reproduce.js";
import type { TrainOptions } from "./trainer.js";

/** The job's params. */
export const reproduceJobSchema = z.strictObject({ runId: runIdSchema });

/** What the job calls: `OpenQuant.reproduce`. */
export type ReproduceFunction = (runId: string, options: Omit<TrainOptions, "keepModel" | "tags">) => Promise<ReproduceResult>;

/** A job handler over a reproduce function. */
export function reproduceJobHandler(run: ReproduceFunction): JobHandler<typeof reproduceJobSchema, ReproduceResult> {
  return {
    params: reproduceJobSchema,
    description: "Retrain a run from its pinned data and spec, log it as a new run and compare metrics and predictions with the original.",
    run: async (params, ctx) => {
      const result = await run(params.runId, { signal: ctx.signal, onProgress: (p) => ctx.progress({ fraction: p.fraction, message: p.message }) });
      const mismatched = result.metrics.filter((m) => !m.match).map((m) => m.metric);
      ctx.log(`reproduced ${result.originalRunId} as ${result.runId ?? result.localRunId}: ${result.match ? "match" : `differs (${mismatched.join(", ") || "predictions"})`}`);
      return result;
    },
  };
}
