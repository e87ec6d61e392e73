/**
 * The comparison criterion between an OpenQuant output column (`actual`) and TA-Lib's (`expected`):
 *
 *  1. NaN positions are identical (same warm-up length, no stray NaN either side);
 *  2. wherever both are defined, |actual − expected| ≤ 1e-9 · max(|expected|, s), where s is the
 *     root-mean-square of the expected column's defined values.
 *
 * Why s and not 1: rounding differences arise in operands of the column's own magnitude (an RSI
 * near 0 is a ratio of sums, a MACD histogram a difference of two EMAs), so an error that is tiny
 * relative to the column's scale can be large relative to one value that happens to be near zero.
 * Using the column's RMS instead of the constant 1 makes the test *stricter* for small-valued
 * columns (prices of a penny stock, a MACD of 0.001) and equivalent to a plain relative test for
 * values of typical size.
 */

/** The tolerance factor of criterion 2. */
export const RELATIVE_TOLERANCE = 1e-9;

/** Outcome of comparing one column. */
export interface ColumnComparison {
  /** Values compared (defined on both sides). */
  compared: number;
  /** Largest |a − b| / max(|b|, s) seen. */
  maxScaledDiff: number;
  /** Largest |a − b| seen. */
  maxAbsDiff: number;
  /** Largest plain relative difference |a − b| / |b| over values with b ≠ 0 (reported, not enforced). */
  maxRelDiff: number;
  /** First failure, described for a human, or undefined when the column passes. */
  failure?: string;
}

/** Number of leading NaN values of a column. */
export function leadingNaNs(column: Float64Array): number {
  let i = 0;
  while (i < column.length && Number.isNaN(column[i])) i++;
  return i;
}

/** Compares one column against TA-Lib's with the criterion above. */
export function compareColumn(actual: Float64Array, expected: Float64Array): ColumnComparison {
  if (actual.length !== expected.length) {
    const inf = Number.POSITIVE_INFINITY;
    return { compared: 0, maxScaledDiff: inf, maxAbsDiff: inf, maxRelDiff: inf, failure: `length ${actual.length} ≠ ${expected.length}` };
  }
  let sumSquares = 0;
  let defined = 0;
  for (const b of expected) {
    if (!Number.isNaN(b)) {
      sumSquares += b * b;
      defined++;
    }
  }
  const scale = defined > 0 ? Math.sqrt(sumSquares / defined) : 0;
  let compared = 0;
  let maxScaledDiff = 0;
  let maxAbsDiff = 0;
  let maxRelDiff = 0;
  let failure: string | undefined;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const b = expected[i];
    const aNaN = Number.isNaN(a);
    const bNaN = Number.isNaN(b);
    if (aNaN || bNaN) {
      if (aNaN !== bNaN && failure === undefined) failure = `bar ${i}: ours ${a}, TA-Lib ${b} (NaN positions differ)`;
      continue;
    }
    compared++;
    const diff = Math.abs(a - b);
    const denominator = Math.max(Math.abs(b), scale);
    const scaled = denominator > 0 ? diff / denominator : diff;
    if (!(diff <= RELATIVE_TOLERANCE * denominator) && failure === undefined) {
      failure = `bar ${i}: ours ${a}, TA-Lib ${b} (|diff| ${diff.toExponential(3)} > 1e-9 · ${denominator.toExponential(3)})`;
    }
    if (scaled > maxScaledDiff) maxScaledDiff = scaled;
    if (diff > maxAbsDiff) maxAbsDiff = diff;
    if (b !== 0 && diff / Math.abs(b) > maxRelDiff) maxRelDiff = diff / Math.abs(b);
  }
  return { compared, maxScaledDiff, maxAbsDiff, maxRelDiff, failure };
}
