/**
 * The training spec: one zod schema for what to train, shared by notebooks (`oq.train(spec)`),
 * the CLI (`--config configs/model_config.yaml`), REST bodies, schedules and MLflow params.
 */
import { z } from "zod";
import { INTERVALS } from "../data/frame.js";
import { tickerSchema } from "../data/providers/ticker.js";
import { asOfInputSchema } from "../data/store/as-of.js";
import { featureSetInputSchema } from "../features/feature-set.js";
import { dateInput } from "../util/dates.js";
import { splitSpecSchema } from "./splits/schema.js";

/** How predictions become positions in the backtest. */
export const backtestSpecSchema = z
  .strictObject({
    /** long_flat: long when the signal is above the threshold, else flat; long_short: long above, short below. */
    rule: z.enum(["long_flat", "long_short"]).default("long_flat"),
    /** Signal threshold: a return for regression (default 0), a probability for classification (default 0.5). */
    threshold: z.number().optional(),
    /** Cost per unit of position change, in basis points. */
    costBps: z.number().min(0).max(1000).default(5),
  })
  .prefault({});

/** What to train and how to evaluate it. */
export const trainSpecSchema = z.strictObject({
  /** MLflow experiment (default from configs/model_config.yaml). */
  experiment: z.string().min(1).max(200).optional(),
  runName: z.string().min(1).max(200).optional(),
  tickers: z.array(tickerSchema).min(1, "at least one ticker").max(500),
  interval: z.enum(INTERVALS).default("1d"),
  start: dateInput.optional(),
  end: dateInput.optional(),
  /** Train on the bars as recorded by this time (epoch ms, ISO) or in this snapshot (its name); default: the training start. */
  asOf: asOfInputSchema.optional(),
  featureSet: featureSetInputSchema.default("default"),
  /** Label horizon in bars: the forward return from t to t + horizon. */
  horizon: z.number().int("must be a whole number of bars").min(1, "must be at least 1 bar").max(1000).default(5),
  task: z.enum(["regression", "classification"]).default("regression"),
  model: z.strictObject({
    type: z.string().min(1),
    params: z.record(z.string(), z.unknown()).default({}),
  }),
  split: splitSpecSchema.default({ method: "train_test", testFraction: 0.2, embargo: 0, minTrainRows: 10, minTestRows: 2 }),
  backtest: backtestSpecSchema,
  /** Seed for every random choice (models that take one). */
  seed: z.number().int().min(0).default(42),
  /** Register the trained model under this name (and alias) in MLflow's model registry. */
  register: z.strictObject({ name: z.string().min(1).max(200), alias: z.string().regex(/^[A-Za-z][\w-]{0,63}$/).optional() }).optional(),
});

/** A cross-validation's spec: a training spec whose split defaults to a 5-fold expanding walk-forward. */
export const crossValidateSpecSchema = trainSpecSchema.extend({ split: splitSpecSchema.prefault({ method: "walk_forward", folds: 5 }) });

/** What to train, as written in notebooks, configs and REST bodies (defaults optional). */
export type TrainSpec = z.input<typeof trainSpecSchema>;
/** A training spec with every default filled in, as logged to MLflow. */
export type ResolvedTrainSpec = z.output<typeof trainSpecSchema>;
