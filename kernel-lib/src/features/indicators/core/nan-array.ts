/**
 * An output column of length `n` that is NaN over its first `warmup` bars (all of it when the
 * series is shorter) and 0 after, for kernels that write every bar after their warm-up: filling
 * only the warm-up saves a full pass over a column the kernel overwrites anyway.
 */
export function warmupArray(n: number, warmup: number): Float64Array {
  const out = new Float64Array(n);
  out.fill(Number.NaN, 0, Math.min(Math.max(warmup, 0), n));
  return out;
}
