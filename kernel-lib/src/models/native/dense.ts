/** The row-major matrix the native wrappers take (a Dataset's X with its shape). */

/** `rows` × `cols` values, row-major; NaN marks a missing value. */
export interface DenseMatrix {
  X: Float64Array;
  rows: number;
  cols: number;
}
