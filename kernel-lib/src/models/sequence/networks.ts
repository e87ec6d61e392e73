/**
 * The two networks, built with explicit layer names so the same hyperparameters always give the
 * same topology (a saved model is rebuilt and checked against its saved topology on load). Every
 * initializer and dropout layer takes its own seed derived from the model's seed.
 */
import type * as Tf from "@tensorflow/tfjs";
import type { Task } from "../types.js";
import { sequenceLayers } from "./layers.js";
import type { LstmParams, TransformerParams } from "./params.js";

type TfModule = typeof Tf;
type Node = Tf.SymbolicTensor;

const apply = (layer: Tf.layers.Layer, input: Node | Node[]): Node => layer.apply(input) as Node;

/** tfjs warns that orthogonal initialization of a matrix over 2,000 values "may be slow"; at our sizes it takes milliseconds. */
function withoutOrthogonalWarning<T>(build: () => T): T {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).startsWith("Orthogonal initializer")) warn(...args);
  };
  try {
    return build();
  } finally {
    console.warn = warn;
  }
}

function output(tf: TfModule, task: Task, input: Node, seed: number): Node {
  const activation = task === "classification" ? "sigmoid" : "linear";
  return apply(tf.layers.dense({ units: 1, activation, kernelInitializer: tf.initializers.glorotUniform({ seed }), name: "output" }), input);
}

function dropout(input: Node, rate: number, seed: number, name: string): Node {
  return rate > 0 ? apply(sequenceLayers().seededDropout({ rate, seed, name }), input) : input;
}

/** Stacked LSTM layers over the window; the last layer's final state feeds one output unit. */
export function buildLstmNetwork(tf: TfModule, params: LstmParams, features: number, task: Task): Tf.LayersModel {
  return withoutOrthogonalWarning(() => {
    const input = tf.input({ shape: [params.window, features], name: "window" });
    let h: Node = input;
    for (let l = 0; l < params.layers; l++) {
      const seed = params.seed + 100 * (l + 1);
      const lstm = tf.layers.lstm({
        units: params.units,
        activation: params.activation,
        returnSequences: l < params.layers - 1,
        kernelInitializer: tf.initializers.glorotUniform({ seed }),
        recurrentInitializer: tf.initializers.orthogonal({ seed: seed + 1, gain: 1 }),
        name: `lstm_${l + 1}`,
      });
      h = dropout(apply(lstm, h), params.dropout, seed + 2, `dropout_${l + 1}`);
    }
    return tf.model({ inputs: input, outputs: output(tf, task, h, params.seed), name: "lstm" });
  });
}

/**
 * A small Transformer encoder: features projected to model_dim, sinusoidal positions added, then
 * `layers` blocks of [multi-head self-attention → dropout → add & layer norm → feed-forward
 * (units, activation) → dropout → add & layer norm]; the last step's vector feeds one output unit.
 * No causal mask is needed: the window ends at bar t, so every step attended to is ≤ t.
 */
export function buildTransformerNetwork(tf: TfModule, params: TransformerParams, features: number, task: Task): Tf.LayersModel {
  const custom = sequenceLayers();
  const glorot = (seed: number) => tf.initializers.glorotUniform({ seed });
  const input = tf.input({ shape: [params.window, features], name: "window" });
  let x = apply(tf.layers.dense({ units: params.model_dim, kernelInitializer: glorot(params.seed + 1), name: "projection" }), input);
  x = apply(custom.positionalEncoding({ name: "positions" }), x);
  for (let l = 1; l <= params.layers; l++) {
    const seed = params.seed + 100 * l;
    let attended = apply(custom.multiHeadSelfAttention({ heads: params.heads, seed, name: `attention_${l}` }), x);
    attended = dropout(attended, params.dropout, seed + 10, `attention_dropout_${l}`);
    x = apply(tf.layers.layerNormalization({ name: `attention_norm_${l}` }), apply(tf.layers.add({ name: `attention_residual_${l}` }), [x, attended]));
    let fed = apply(tf.layers.dense({ units: params.units, activation: params.activation, kernelInitializer: glorot(seed + 11), name: `feed_forward_${l}` }), x);
    fed = apply(tf.layers.dense({ units: params.model_dim, kernelInitializer: glorot(seed + 12), name: `feed_forward_out_${l}` }), fed);
    fed = dropout(fed, params.dropout, seed + 13, `feed_forward_dropout_${l}`);
    x = apply(tf.layers.layerNormalization({ name: `feed_forward_norm_${l}` }), apply(tf.layers.add({ name: `feed_forward_residual_${l}` }), [x, fed]));
  }
  const last = apply(custom.lastTimeStep({ name: "last_step" }), x);
  return tf.model({ inputs: input, outputs: output(tf, task, last, params.seed), name: "transformer" });
}

/** The optimizer named by the hyperparameters. */
export function makeOptimizer(tf: TfModule, name: "adam" | "sgd" | "rmsprop", learningRate: number): Tf.Optimizer {
  if (name === "sgd") return tf.train.sgd(learningRate);
  if (name === "rmsprop") return tf.train.rmsprop(learningRate);
  return tf.train.adam(learningRate);
}
