/**
 * `lstm`: stacked LSTM layers over a window of past bars per ticker (TensorFlow.js, wasm or cpu
 * backend). Regression on squared error of the standardized label, classification on log loss.
 */
import type { ModelType, SavedModel, Task } from "../types.js";
import { validate } from "../../util/validate.js";
import { buildLstmNetwork } from "../sequence/networks.js";
import { type LstmParams, lstmParamsSchema } from "../sequence/params.js";
import { SEQUENCE_FORMAT, SEQUENCE_MODEL_FILE, SEQUENCE_STATE_FILE, SequenceModel, type SequenceSetup } from "../sequence/sequence-model.js";
import { prepareSequenceModels } from "../sequence/tfjs.js";
import { fileText, savedFile } from "./saved-model.js";
import { checkTask } from "./task.js";

export { type LstmParams, lstmParamsSchema } from "../sequence/params.js";

const TASKS: readonly Task[] = ["regression", "classification"];

function setup(task: Task, input: unknown): SequenceSetup<LstmParams> {
  checkTask("lstm", task, TASKS);
  return { type: "lstm", task, params: validate(lstmParamsSchema, input, "lstm hyperparameters"), build: buildLstmNetwork };
}

/** The `lstm` model type. */
export const lstmType: ModelType<LstmParams> = {
  name: "lstm",
  description:
    "Stacked LSTM over a window of past bars per ticker (TensorFlow.js); features standardized on the training fold; seeded; early stopping on a chronological validation tail; saved as a tfjs layers model.",
  tasks: TASKS,
  params: lstmParamsSchema,
  create: (task, params) => new SequenceModel(setup(task, params) as unknown as SequenceSetup),
  prepare: (saved) => prepareSequenceModels(validate(lstmParamsSchema, saved?.params ?? {}, "lstm hyperparameters").backend),
  fromJSON(saved: SavedModel) {
    const modelFile = savedFile(saved, "lstm", SEQUENCE_FORMAT, SEQUENCE_MODEL_FILE, TASKS);
    const stateFile = savedFile(saved, "lstm", SEQUENCE_FORMAT, SEQUENCE_STATE_FILE, TASKS);
    return SequenceModel.load(setup(saved.task, saved.params) as unknown as SequenceSetup, saved, fileText(modelFile), fileText(stateFile));
  },
};
