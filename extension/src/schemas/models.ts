/**
 * The sidecar's model answers: model types with their hyperparameter JSON schemas, the train job's
 * result, MLflow runs for comparison, predictions and registrations. Unknown extra fields are
 * dropped, so a newer sidecar still works with this panel.
 */
import * as z from "zod/mini";

/** One model type of GET /models/types: its hyperparameters as a JSON schema, with defaults. */
export const ModelTypeSchema = z.object({
  name: z.string(),
  description: z.string(),
  tasks: z.array(z.string()),
  params: z.record(z.string(), z.unknown()),
  defaults: z.record(z.string(), z.unknown()),
});

/** GET /models/types */
export const ModelTypesSchema = z.array(ModelTypeSchema);

/** The 202 answer of POST /models/train and /models/cross-validate. */
export const TrainAcceptedSchema = z.object({ jobId: z.string(), location: z.string() });

/** One fold of a training run. */
export const TrainFoldSchema = z.object({
  fold: z.number(),
  trainRows: z.number(),
  testRows: z.number(),
  testStart: z.string(),
  testEnd: z.string(),
  metrics: z.record(z.string(), z.number()),
});

/** One ticker's backtest: summary numbers and the equity curve as [date, strategy, buy-and-hold]. */
export const TickerBacktestSchema = z.object({
  ticker: z.string(),
  summary: z.record(z.string(), z.number()),
  equity: z.array(z.tuple([z.string(), z.number(), z.number()])),
});

/** The `result` of a finished train or cross-validate job. */
export const TrainJobResultSchema = z.object({
  runId: z.optional(z.string()),
  localRunId: z.string(),
  destination: z.enum(["mlflow", "outbox"]),
  experiment: z.string(),
  modelType: z.string(),
  metrics: z.record(z.string(), z.number()),
  folds: z.array(TrainFoldSchema),
  registered: z.optional(z.object({ name: z.string(), version: z.string(), alias: z.optional(z.string()) })),
  /** What the fits decided that the user should know (e.g. collinear features a linear model left out). */
  notes: z.optional(z.array(z.string())),
  backtests: z.array(TickerBacktestSchema),
});

/** One MLflow run as a row of GET /models/runs. */
export const RunSchema = z.object({
  runId: z.string(),
  runName: z.string(),
  status: z.string(),
  startTime: z.string(),
  modelType: z.string(),
  params: z.record(z.string(), z.string()),
  metrics: z.record(z.string(), z.number()),
});

/** GET /models/runs */
export const RunsSchema = z.array(RunSchema);

/** POST /models/predict: one prediction per date (null where features were missing). */
export const PredictionSchema = z.object({
  ticker: z.string(),
  runId: z.string(),
  modelType: z.string(),
  task: z.string(),
  horizon: z.number(),
  dates: z.array(z.string()),
  predictions: z.array(z.nullable(z.number())),
});

/** POST /models/register: the new model version. */
export const RegisteredVersionSchema = z.object({ name: z.string(), version: z.string(), alias: z.optional(z.string()) });

/** GET /models/registered: MLflow's registered models (only the fields the panel shows). */
export const RegisteredModelsSchema = z.array(
  z.object({
    name: z.string(),
    /** alias → version, e.g. { champion: "3" }. */
    aliases: z.optional(z.record(z.string(), z.string())),
  }),
);

/** A model type with its hyperparameter schema. */
export type ModelType = z.infer<typeof ModelTypeSchema>;
/** Where to follow a training job. */
export type TrainAccepted = z.infer<typeof TrainAcceptedSchema>;
/** What a finished training job reports. */
export type TrainJobResult = z.infer<typeof TrainJobResultSchema>;
/** One ticker's backtest in a training result. */
export type TickerBacktest = z.infer<typeof TickerBacktestSchema>;
/** One MLflow run with its params and metrics. */
export type Run = z.infer<typeof RunSchema>;
/** A model's predictions for a ticker and range. */
export type Prediction = z.infer<typeof PredictionSchema>;
/** A registered model version. */
export type RegisteredVersion = z.infer<typeof RegisteredVersionSchema>;
/** A registered model with its aliases. */
export type RegisteredModel = z.infer<typeof RegisteredModelsSchema>[number];
