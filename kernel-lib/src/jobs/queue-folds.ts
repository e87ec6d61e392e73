/**
 * Cross-validation on the work queue: one "cross-validate-fold" job per fold, each fitted by any
 * worker, then pooled by the sidecar exactly as an in-process run pools its folds (same metrics,
 * backtests and MLflow run). A fold's predictions travel as the bytes of their Float64Array, so
 * they arrive bit for bit.
 */
import { z } from "zod";
import { Conflict } from "../errors.js";
import type { FeatureEngine } from "../features/engine.js";
import { predictFold } from "../models/fold-predict.js";
import type { TrainSpec } from "../models/spec.js";
import { crossValidateSpecSchema } from "../models/spec.js";
import type { RemoteFoldPlan } from "../models/trainer.js";
import { validate } from "../util/validate.js";
import { type TrainFunction, trainJobHandler } from "./job-train.js";
import type { JobContext, JobHandler } from "./job-types.js";
import { type Coordinator, linkedAbort, type PartRunner } from "./queue-parts.js";

/** The kind of a fold's job. */
export const FOLD_KIND = "cross-validate-fold";

/** Params of a fold's job: the spec (features resolved), the hyperparameters, the fold and its expected test rows. */
export const foldParamsSchema = z
  .object({
    spec: z.record(z.string(), z.unknown()),
    modelParams: z.record(z.string(), z.unknown()),
    fold: z.number().int().min(0).max(1000),
    testRows: z.number().int().min(0),
  })
  .strict();

/** What a fold's job returns. */
export interface FoldJobResult {
  fold: number;
  testRows: number;
  /** base64 of the predictions' Float64Array bytes (little-endian). */
  predicted: string;
}

/** Predictions as base64 of their bytes. */
export function encodeFloats(values: Float64Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString("base64");
}

/** Predictions back from base64. */
export function decodeFloats(text: string): Float64Array {
  const bytes = Buffer.from(text, "base64");
  const out = new Float64Array(bytes.byteLength / 8);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/** The fold job's handler: fits one fold with the features of `engine` (in a worker, bars come from the sidecar). */
export function foldJobHandler(engine: () => FeatureEngine): JobHandler<typeof foldParamsSchema, FoldJobResult> {
  return {
    params: foldParamsSchema,
    description: "Fit and predict one fold of a cross-validation (a piece of a cross-validate job on the work queue).",
    run: async (params, ctx) => {
      const label = `fold ${params.fold + 1}`;
      const r = await predictFold(params.spec as TrainSpec, params.modelParams, params.fold, engine(), {
        signal: ctx.signal,
        onProgress: (p) => ctx.progress({ fraction: p.iteration / Math.max(1, p.total), message: `${label}: ${p.iteration}/${p.total}` }),
      });
      if (r.testRows !== params.testRows) {
        throw new Conflict(`The bars changed while the folds ran: ${label} has ${r.testRows} test rows here, ${params.testRows} in the sidecar. Run the cross-validation again.`);
      }
      ctx.log(`${label} done: ${r.testRows} test rows predicted`);
      return { fold: r.fold, testRows: r.testRows, predicted: encodeFloats(r.predicted) };
    },
  };
}

/** Puts every fold of `plan` on the queue and returns their predictions in fold order; the first failure cancels the others. */
export async function runFoldsOnQueue(plan: RemoteFoldPlan, jobId: string, ctx: JobContext, started: () => void, runPart: PartRunner): Promise<Float64Array[]> {
  const n = plan.folds.length;
  const fractions = new Array<number>(n).fill(0);
  const abort = linkedAbort(ctx.signal);
  ctx.log(`fitting ${n} fold(s) on the work queue`);
  const results = await Promise.all(
    plan.folds.map(async (f, i) => {
      try {
        const out = (await runPart(
          { id: `${jobId}-fold${f.fold + 1}`, kind: FOLD_KIND, params: { spec: plan.spec, modelParams: plan.modelParams, fold: f.fold, testRows: f.testRows } },
          {
            signal: abort.signal,
            onActive: started,
            onMessage: (m) => {
              if (m.progress?.fraction !== undefined) fractions[i] = m.progress.fraction;
              // the same share of the run's progress as the in-process fold loop gives the folds
              if (m.progress) ctx.progress({ fraction: 0.12 + (0.7 * fractions.reduce((s, x) => s + x, 0)) / n, ...(m.progress.message ? { message: m.progress.message } : {}) });
              for (const line of m.log ?? []) ctx.log(line);
            },
          },
        )) as FoldJobResult;
        const predicted = decodeFloats(out.predicted);
        if (out.fold !== f.fold || predicted.length !== f.testRows) {
          throw new Conflict(`Fold ${f.fold + 1} came back with ${predicted.length} predictions for ${f.testRows} test rows. Run the cross-validation again.`);
        }
        return predicted;
      } catch (error) {
        abort.abort(error);
        throw error;
      }
    }),
  );
  return results;
}

/** The cross-validation coordinator over `crossValidate` (OpenQuant.crossValidate): the sidecar pools, workers fit. */
export function crossValidateCoordinator(crossValidate: () => TrainFunction): Coordinator {
  return (job, ctx, started, runPart) => {
    // the features, dataset and pooled evaluation run here: the job runs from now
    started();
    const handler = trainJobHandler(
      (spec, options) => crossValidate()(spec, { ...options, remoteFolds: (plan) => runFoldsOnQueue(plan, job.id, ctx, started, runPart) }),
      "Cross-validate a training spec with its folds fitted on the work queue's workers.",
    );
    return handler.run(validate(crossValidateSpecSchema, job.params, "params of the cross-validate job"), ctx);
  };
}
