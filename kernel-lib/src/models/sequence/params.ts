/**
 * Hyperparameters of the sequence models (`lstm`, `transformer`): one zod vocabulary, validated
 * before any tensor exists, with errors that name the parameter and what it accepts.
 */
import { z } from "zod";

/** Activations both networks accept (tfjs names). */
export const SEQUENCE_ACTIVATIONS = ["tanh", "relu", "elu", "selu", "sigmoid", "swish", "linear"] as const;
/** Optimizers both networks accept. */
export const SEQUENCE_OPTIMIZERS = ["adam", "sgd", "rmsprop"] as const;
/** tfjs backends: `wasm` (WebAssembly with SIMD, the measured default) or `cpu` (plain JavaScript). */
export const SEQUENCE_BACKENDS = ["wasm", "cpu"] as const;

/** A tfjs backend name. */
export type SequenceBackend = (typeof SEQUENCE_BACKENDS)[number];

const oneOf = (values: readonly string[]) => ({ error: `must be one of ${values.join(", ")}` });
const wholeAtLeast = (min: number, what: string) =>
  z
    .number({ error: `must be a whole number of ${what}` })
    .int({ error: `must be a whole number of ${what}` })
    .min(min, { error: `must be at least ${min}` });

/** What both sequence model types take; each adds its own network shape. */
export const sequenceCommonShape = {
  /** Bars per sample: a sample at bar t sees the features of bars t − window + 1 … t. */
  window: wholeAtLeast(2, "bars").max(1024, { error: "must be at most 1024 bars" }).default(20),
  /** Dropout rate between layers while training. */
  dropout: z.number({ error: "must be a number in [0, 1)" }).min(0, { error: "must be ≥ 0" }).lt(1, { error: "must be < 1" }).default(0.1),
  learning_rate: z.number({ error: "must be a number" }).gt(0, { error: "must be > 0" }).lte(1, { error: "must be ≤ 1" }).default(0.001),
  /** Passes over the training rows (the most; early stopping may stop sooner). */
  epochs: wholeAtLeast(1, "epochs").max(10_000, { error: "must be at most 10000" }).default(30),
  batch_size: wholeAtLeast(1, "rows").max(65_536, { error: "must be at most 65536" }).default(64),
  /** Epochs without a better validation loss before stopping (patience); 0 = never. Needs a validation set. */
  early_stopping_rounds: wholeAtLeast(0, "epochs").default(5),
  /** Seeds the initializers, dropout masks and the shuffle of each epoch. */
  seed: z.int({ error: "must be a whole number" }).min(0, { error: "must be ≥ 0" }).max(2_147_483_647).default(42),
  activation: z.enum(SEQUENCE_ACTIVATIONS, oneOf(SEQUENCE_ACTIVATIONS)).default("tanh"),
  optimizer: z.enum(SEQUENCE_OPTIMIZERS, oneOf(SEQUENCE_OPTIMIZERS)).default("adam"),
  /** tfjs backend to train and predict on (the process has one active backend at a time). */
  backend: z.enum(SEQUENCE_BACKENDS, oneOf(SEQUENCE_BACKENDS)).default("wasm"),
};

/** `lstm`: stacked LSTM layers, the last one's final state into one output. */
export const lstmParamsSchema = z.strictObject({
  ...sequenceCommonShape,
  /** Stacked LSTM layers. */
  layers: wholeAtLeast(1, "layers").max(8, { error: "must be at most 8" }).default(1),
  /** Units (state size) of each LSTM layer. */
  units: wholeAtLeast(1, "units").max(1024, { error: "must be at most 1024" }).default(32),
});

/** `transformer`: a small encoder — projection, positional encoding, `layers` blocks of attention + feed-forward. */
export const transformerParamsSchema = z
  .strictObject({
    ...sequenceCommonShape,
    activation: z.enum(SEQUENCE_ACTIVATIONS, oneOf(SEQUENCE_ACTIVATIONS)).default("relu"),
    /** Encoder blocks. */
    layers: wholeAtLeast(1, "layers").max(8, { error: "must be at most 8" }).default(2),
    /** Width of each block's feed-forward layer. */
    units: wholeAtLeast(1, "units").max(4096, { error: "must be at most 4096" }).default(64),
    /** Attention heads per block; model_dim must be a multiple of it. */
    heads: wholeAtLeast(1, "heads").max(16, { error: "must be at most 16" }).default(2),
    /** Width of the encoder (features are projected to it). */
    model_dim: wholeAtLeast(2, "units").max(1024, { error: "must be at most 1024" }).default(16),
  })
  .refine((p) => p.model_dim % p.heads === 0, { error: "model_dim must be a multiple of heads (each head gets model_dim / heads units)", path: ["heads"] });

/** Validated `lstm` hyperparameters. */
export type LstmParams = z.output<typeof lstmParamsSchema>;
/** Validated `transformer` hyperparameters. */
export type TransformerParams = z.output<typeof transformerParamsSchema>;
/** What the training loop and windows need, common to both types. */
export type SequenceCommonParams = Pick<LstmParams, keyof typeof sequenceCommonShape>;
