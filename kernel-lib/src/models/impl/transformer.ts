/**
 * `transformer`: a small Transformer encoder over a window of past bars per ticker (TensorFlow.js, wasm or cpu
 * backend). Regression on squared error of the standardized label, classification on log loss.
 */
import type { ModelType, SavedModel, Task } from "../types.js";
import { validate } from "../../util/validate.js";
import { buildTransformerNetwork } from "../sequence/networks.js";
import { type TransformerParams, transformerParamsSchema } from "../sequence/params.js";
import { SEQUENCE_FORMAT, SEQUENCE_MODEL_FILE, SEQUENCE_STATE_FILE, SequenceModel, type SequenceSetup } from "../sequence/sequence-model.js";
import { prepareSequenceModels } from "../sequence/tfjs.js";
import { fileText, savedFile } from "./saved-model.js";
import { checkTask } from "./task.js";

export { type TransformerParams, transformerParamsSchema } from "../sequence/params.js";

const TASKS: readonly Task[] = ["regression", "classification"];

function setup(task: Task, input: unknown): SequenceSetup<TransformerParams> {
  checkTask("transformer", task, TASKS);
  return { type: "transformer", task, params: validate(transformerParamsSchema, input, "transformer hyperparameters"), build: buildTransformerNetwork };
}

/** The `transformer` model type. */
export const transformerType: ModelType<TransformerParams> = {
  name: "transformer",
  description:
    "A small Transformer encoder (multi-head self-attention, feed-forward, layer norm, sinusoidal positions) over a window of past bars per ticker (TensorFlow.js); features standardized on the training fold; seeded; early stopping on a chronological validation tail; saved as a tfjs layers model.",
  tasks: TASKS,
  params: transformerParamsSchema,
  create: (task, params) => new SequenceModel(setup(task, params) as unknown as SequenceSetup),
  prepare: (saved) => prepareSequenceModels(validate(transformerParamsSchema, saved?.params ?? {}, "transformer hyperparameters").backend),
  fromJSON(saved: SavedModel) {
    const modelFile = savedFile(saved, "transformer", SEQUENCE_FORMAT, SEQUENCE_MODEL_FILE, TASKS);
    const stateFile = savedFile(saved, "transformer", SEQUENCE_FORMAT, SEQUENCE_STATE_FILE, TASKS);
    return SequenceModel.load(setup(saved.task, saved.params) as unknown as SequenceSetup, saved, fileText(modelFile), fileText(stateFile));
  },
};
