/** Checks the arrays a metric reads: Float64Arrays of equal, non-zero length with finite values. */
import { z } from "zod";
import { InvalidInput } from "../../errors.js";
import { validate } from "../../util/validate.js";

const pairSchema = z.object({
  yTrue: z.instanceof(Float64Array, { error: "must be a Float64Array" }),
  yPred: z.instanceof(Float64Array, { error: "must be a Float64Array" }),
});

/** Validates a (truth, prediction) pair for `what` (the metric's name, for the message). */
export function checkPair(yTrue: Float64Array, yPred: Float64Array, what: string): void {
  validate(pairSchema, { yTrue, yPred }, `${what} input`);
  if (yTrue.length !== yPred.length) {
    throw new InvalidInput(`${what}: ${yTrue.length} true values but ${yPred.length} predictions; they must match row for row`);
  }
  if (yTrue.length === 0) throw new InvalidInput(`${what}: no rows to evaluate`);
  for (let i = 0; i < yTrue.length; i++) {
    if (!Number.isFinite(yTrue[i]) || !Number.isFinite(yPred[i])) {
      throw new InvalidInput(`${what}: row ${i} is not finite (true ${yTrue[i]}, predicted ${yPred[i]}); drop rows without a label or prediction first`);
    }
  }
}

/** Validates 0/1 labels and probabilities in [0, 1]. */
export function checkBinary(yTrue: Float64Array, prob: Float64Array, what: string): void {
  checkPair(yTrue, prob, what);
  for (let i = 0; i < yTrue.length; i++) {
    if (yTrue[i] !== 0 && yTrue[i] !== 1) throw new InvalidInput(`${what}: label ${yTrue[i]} at row ${i} is not 0 or 1`);
    if (prob[i] < 0 || prob[i] > 1) throw new InvalidInput(`${what}: predicted probability ${prob[i]} at row ${i} is outside [0, 1]`);
  }
}
