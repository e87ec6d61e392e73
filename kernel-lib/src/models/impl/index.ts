/** The model types kernel-lib knows, by name. */
import { InvalidInput } from "../../errors.js";
import { closeMatches } from "../../util/suggest.js";
import type { ModelType } from "../types.js";
import { lightgbmType } from "./lightgbm.js";
import { linearType } from "./linear.js";
import { lstmType } from "./lstm.js";
import { randomForestType } from "./random-forest.js";
import { ridgeType } from "./ridge.js";
import { transformerType } from "./transformer.js";
import { xgboostType } from "./xgboost.js";

export { type LightGbmParams, lightgbmParamsSchema, lightgbmType } from "./lightgbm.js";
export { type LinearParams, linearParamsSchema, linearType } from "./linear.js";
export { type LinearCoefficients, LinearModel } from "./linear-model.js";
export { type LstmParams, lstmParamsSchema, lstmType } from "./lstm.js";
export { type TransformerParams, transformerParamsSchema, transformerType } from "./transformer.js";
export { prepareSequenceModels } from "../sequence/tfjs.js";
export { type RandomForestParams, randomForestParamsSchema, randomForestType } from "./random-forest.js";
export { type RidgeParams, ridgeParamsSchema, ridgeType } from "./ridge.js";
export { type XGBoostParams, xgboostParamsSchema, xgboostType } from "./xgboost.js";
export { NativeLibraryError } from "../native/native-error.js";
export { nativeLibraryPath, type NativeLibraryName } from "../native/library-path.js";

/** Every model type, in the order they are listed to users. */
export const modelTypes: readonly ModelType[] = [linearType, ridgeType, randomForestType, xgboostType, lightgbmType, lstmType, transformerType] as unknown as readonly ModelType[];

/** The model type called `name`; throws InvalidInput listing the known types and the close matches. */
export function findModelType(name: string): ModelType {
  const found = modelTypes.find((t) => t.name === name);
  if (found) return found;
  const names = modelTypes.map((t) => t.name);
  const close = closeMatches(String(name), names);
  const hint = close.length > 0 ? ` Did you mean ${close.map((n) => `'${n}'`).join(" or ")}?` : "";
  throw new InvalidInput(`Unknown model type '${name}'.${hint} Known types: ${names.join(", ")}.`, [{ path: "model", message: `one of ${names.join(", ")}` }]);
}
