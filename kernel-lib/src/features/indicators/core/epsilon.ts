/** TA-Lib's TA_EPSILON: the relative dead-zone its newer kernels use to call a difference zero. */
export const TA_EPSILON = 1e-14;

/** TA-Lib's TA_IS_ZERO_SCALED: `v` is zero within TA_EPSILON of the operands' magnitude `scale`. */
export function isZeroScaled(v: number, scale: number): boolean {
  return Math.abs(v) <= TA_EPSILON * scale;
}

/** TA-Lib's TA_IS_ZERO: `v` lies strictly inside (−TA_EPSILON, TA_EPSILON). */
export function isZero(v: number): boolean {
  return v > -TA_EPSILON && v < TA_EPSILON;
}
