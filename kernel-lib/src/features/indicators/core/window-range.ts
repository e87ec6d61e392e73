/**
 * Sliding-window maximum of one series and minimum of another (highest high and lowest low),
 * produced chunk by chunk into two small buffers.
 *
 * Van Herk / Gil-Werman: bars are grouped in blocks of `window`; the window ending at bar i is the
 * tail of the previous block plus the head of the current one, so its extreme is the better of
 * the previous block's suffix extreme and the current block's prefix extreme. Every comparison
 * is turned into a 0/1 number and a select by multiplication (`c·a + (1 − c)·b`, exact for finite
 * values), because V8 compiles float `?:` and Math.max to branches, and on prices those branches
 * mispredict about half the time. The high and low chains run interleaved in one loop so their
 * latencies overlap. A NaN in a window makes that window's extremes NaN.
 *
 * Plain functions over typed arrays rather than a class: V8 throws away optimized code that uses
 * short-lived class instances at every garbage collection ("weak objects"), and re-optimizing
 * costs more than a whole kernel on a ticker.
 */

/** Buffers for windowRangeInto: `top`/`bottom` receive a chunk of results; `scratch` is working space. */
export interface WindowRangeBuffers {
  /** Bars per chunk: a whole number of blocks, about a thousand bars. */
  chunk: number;
  /** Highest high of the window ending at bar `from + k`, for the chunk last filled. */
  top: Float64Array;
  /** Lowest low of the window ending at bar `from + k`, for the chunk last filled. */
  bottom: Float64Array;
  /** Prefix extremes of the current block and suffix extremes of the previous one (4 × window). */
  scratch: Float64Array;
}

/**
 * Allocates the buffers for a window of `window` bars. With `into` (two columns as long as the
 * series), the results go straight into those columns, in one chunk spanning the series.
 */
export function windowRangeBuffers(window: number, into?: { top: Float64Array; bottom: Float64Array }): WindowRangeBuffers {
  const scratch = new Float64Array(4 * window);
  if (into) return { chunk: into.top.length, top: into.top, bottom: into.bottom, scratch };
  const chunk = window * Math.max(1, Math.ceil(1024 / window));
  return { chunk, top: new Float64Array(chunk), bottom: new Float64Array(chunk), scratch };
}

/**
 * Fills `top[k]` and `bottom[k]` with the extremes of the window ending at bar `from + k`, for
 * every bar of the chunk starting at `from` (a multiple of `buffers.chunk`); returns the bar after
 * the chunk's last. Bars before `window − 1` get the extremes of the bars so far.
 */
export function windowRangeInto(
  high: Float64Array,
  low: Float64Array,
  window: number,
  from: number,
  buffers: WindowRangeBuffers,
): number {
  const { top, bottom, scratch } = buffers;
  const to = Math.min(high.length, from + buffers.chunk);
  // scratch layout: [prefix highs | prefix lows | suffix highs | suffix lows], `window` each.
  const prefixLow = window;
  const suffixHigh = 2 * window;
  const suffixLow = 3 * window;
  for (let block = from; block < to; block += window) {
    const size = Math.min(window, to - block);
    const at = block - from;
    let ph = high[block];
    let pl = low[block];
    if (block === 0) {
      for (let k = 0; k < size; k++) {
        const h = high[k];
        const l = low[k];
        const ch = +(h > ph);
        const cl = +(l < pl);
        ph = ch * h + (1 - ch) * ph;
        pl = cl * l + (1 - cl) * pl;
        top[k] = ph;
        bottom[k] = pl;
      }
      continue;
    }
    // Forward prefix of this block and backward suffix of the previous one, interleaved.
    let sh = high[block - 1];
    let sl = low[block - 1];
    scratch[0] = ph;
    scratch[prefixLow] = pl;
    scratch[suffixHigh + window - 1] = sh;
    scratch[suffixLow + window - 1] = sl;
    for (let k = 1; k < window; k++) {
      if (k < size) {
        const h = high[block + k];
        const l = low[block + k];
        const ch = +(h > ph);
        const cl = +(l < pl);
        ph = ch * h + (1 - ch) * ph;
        pl = cl * l + (1 - cl) * pl;
        scratch[k] = ph;
        scratch[prefixLow + k] = pl;
      }
      const j = block - 1 - k;
      const h = high[j];
      const l = low[j];
      const ch = +(h > sh);
      const cl = +(l < sl);
      sh = ch * h + (1 - ch) * sh;
      sl = cl * l + (1 - cl) * sl;
      scratch[suffixHigh + window - 1 - k] = sh;
      scratch[suffixLow + window - 1 - k] = sl;
    }
    // The window ending at block + k: the previous block from k + 1 on, and this block up to k.
    const mixed = size === window ? window - 1 : size;
    for (let k = 0; k < mixed; k++) {
      const p = scratch[k];
      const q = scratch[prefixLow + k];
      const s = scratch[suffixHigh + k + 1];
      const t = scratch[suffixLow + k + 1];
      const ch = +(s > p);
      const cl = +(t < q);
      top[at + k] = ch * s + (1 - ch) * p;
      bottom[at + k] = cl * t + (1 - cl) * q;
    }
    if (mixed < size) {
      top[at + mixed] = scratch[mixed];
      bottom[at + mixed] = scratch[prefixLow + mixed];
    }
  }
  return to;
}
