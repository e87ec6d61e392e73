/** A Float64Array of length `n` filled with NaN: the starting state of every output column. */
export function nanArray(n: number): Float64Array {
  const out = new Float64Array(n);
  out.fill(Number.NaN);
  return out;
}
