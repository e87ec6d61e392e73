/**
 * The "train" and "cross-validate" jobs: a training spec run as a job, with progress per fold and
 * boosting round, cancellation, and the MLflow run id and metrics as the result.
 */
import { type crossValidateSpecSchema, trainSpecSchema } from "../models/spec.js";
import type { TrainOptions, TrainProgress, TrainResult } from "../models/trainer.js";
import type { TrainSpec } from "../models/spec.js";
import type { JobHandler } from "./job-types.js";

/** What the job calls: `OpenQuant.train` or `OpenQuant.crossValidate`. */
export type TrainFunction = (spec: TrainSpec, options: Omit<TrainOptions, "keepModel">) => Promise<TrainResult>;

/** A job's summary of a training run: the run, metrics and folds (predictions stay in MLflow). */
export interface TrainJobResult {
  runId?: string;
  localRunId: string;
  destination: "mlflow" | "outbox";
  experiment: string;
  modelType: string;
  metrics: Record<string, number>;
  folds: TrainResult["folds"];
  registered?: TrainResult["registered"];
  /** What the fits decided that the user should know (e.g. collinear features left out). */
  notes: string[];
  backtests: Array<{ ticker: string; summary: Record<string, number>; equity: Array<[string, number, number]> }>;
}

/** A job handler over a train function; a cross-validation's params default to a walk-forward split. */
export function trainJobHandler(
  run: TrainFunction,
  description: string,
  params: typeof trainSpecSchema | typeof crossValidateSpecSchema = trainSpecSchema,
): JobHandler<typeof trainSpecSchema | typeof crossValidateSpecSchema, TrainJobResult> {
  return {
    params,
    description,
    run: async (params, ctx) => {
      let lastLogged = "";
      const result = await run(params as TrainSpec, {
        signal: ctx.signal,
        jobId: ctx.jobId,
        onProgress: (p: TrainProgress) => {
          ctx.progress({ fraction: p.fraction, message: p.message });
          if (p.stage !== "fit" || p.message.endsWith("done")) {
            if (p.message !== lastLogged) ctx.log(p.message);
            lastLogged = p.message;
          }
        },
      });
      ctx.log(`run ${result.runId ?? result.localRunId} (${result.destination}): rmse/accuracy ${JSON.stringify(result.metrics.rmse ?? result.metrics.accuracy)}`);
      return {
        runId: result.runId,
        localRunId: result.localRunId,
        destination: result.destination,
        experiment: result.experiment,
        modelType: result.spec.model.type,
        metrics: result.metrics,
        folds: result.folds,
        registered: result.registered,
        notes: result.notes,
        backtests: result.backtests.map((b) => ({
          ticker: b.ticker,
          summary: b.summary,
          equity: Array.from(b.result.ts, (t, i) => [new Date(t).toISOString().slice(0, 10), b.result.equity[i], b.result.buyAndHoldEquity[i]]),
        })),
      };
    },
  };
}
