/** Chronological splits with purging and embargo: train/test, walk-forward and purged k-fold. */
export { purgedKFoldSplits } from "./purged-kfold.js";
export type { PurgedKFoldOptions } from "./purged-kfold.js";
export { embargoSchema, purgedKFoldSchema, splitSpecSchema, trainTestSchema, walkForwardSchema } from "./schema.js";
export { splitDataset } from "./split.js";
export type { SplitSpec } from "./split.js";
export { trainTestSplit } from "./train-test.js";
export type { TrainTestOptions } from "./train-test.js";
export type { Embargo, Fold, MinRows, Split, SplitInput } from "./types.js";
export { walkForwardSplits } from "./walk-forward.js";
export type { WalkForwardOptions } from "./walk-forward.js";
