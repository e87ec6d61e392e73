/**
 * TensorFlow.js, loaded only when a sequence model is used (it takes a third of a second), on a
 * chosen backend: `wasm` (XNNPACK with SIMD; Node has no wasm threads in tfjs) or the plain-JS `cpu`.
 * The `.wasm` files are read from the installed package, never fetched.
 */
import { dirname, join } from "node:path";
import type * as Tf from "@tensorflow/tfjs";
import { Unavailable } from "../../errors.js";
import type { SequenceBackend } from "./params.js";
import { registerSequenceLayers } from "./layers.js";
import { packageRequire } from "./require-package.js";

/** The tfjs namespace. */
export type TfModule = typeof Tf;

let loaded: TfModule | undefined;

/** Loads tfjs and its wasm backend once (synchronously), quiets its console hints, registers our custom layers. */
export function loadTf(): TfModule {
  if (loaded) return loaded;
  const req = packageRequire("@tensorflow/tfjs/package.json");
  const tf = req("@tensorflow/tfjs") as TfModule;
  const wasm = req("@tensorflow/tfjs-backend-wasm") as { setWasmPaths(prefix: string): void };
  wasm.setWasmPaths(`${join(dirname(req.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist")}/`);
  // PROD silences tfjs' "install tfjs-node" banner (it cannot be installed here) and skips debug checks.
  tf.env().set("PROD", true);
  registerSequenceLayers(tf);
  loaded = tf;
  return tf;
}

/** Loads tfjs and makes `backend` the active one, initializing it on first use. */
export async function useBackend(backend: SequenceBackend): Promise<TfModule> {
  const tf = loadTf();
  if (tf.getBackend() !== backend) {
    const ok = await tf.setBackend(backend);
    if (!ok) throw new Unavailable(`The tfjs '${backend}' backend failed to start; set the hyperparameter backend to '${backend === "wasm" ? "cpu" : "wasm"}'.`);
  }
  await tf.ready();
  return tf;
}

/**
 * Makes an already started `backend` active without waiting (tfjs switches synchronously once a
 * backend is initialized), so synchronous predict() and fromJSON() can use it.
 */
export function activateStartedBackend(backend: SequenceBackend): TfModule {
  const tf = loadTf();
  if (tf.getBackend() === backend) return tf;
  if (!tf.findBackend(backend)) {
    throw new Unavailable(`The tfjs '${backend}' backend has not started yet: await prepareSequenceModels('${backend}') (or the model type's prepare()) before loading a saved model.`);
  }
  void tf.setBackend(backend);
  if (tf.getBackend() !== backend) throw new Unavailable(`Could not switch tfjs to its '${backend}' backend.`);
  return tf;
}

/** Starts tfjs on `backend` ahead of loading saved sequence models (the predictor awaits this). */
export async function prepareSequenceModels(backend: SequenceBackend = "wasm"): Promise<void> {
  await useBackend(backend);
}
