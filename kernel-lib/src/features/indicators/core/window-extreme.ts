/**
 * Bar index of the sliding-window maximum of one series and minimum of another (the bar of the
 * highest high and of the lowest low), produced chunk by chunk, for indicators that need where
 * the extreme was (Aroon). On ties the latest bar wins, as in TA-Lib's AROON.
 *
 * Same van Herk / Gil-Werman block scheme and branch-free selects as window-range.ts (see there
 * for why), carrying each extreme's index along with its value: the index select is integer
 * arithmetic, `k + c·(j − k)`.
 */

/** Buffers for windowExtremeIndexInto: `topIndex`/`bottomIndex` receive a chunk of results. */
export interface WindowExtremeBuffers {
  /** Bars per chunk: a whole number of blocks, about a thousand bars. */
  chunk: number;
  /** Bar of the highest high of the window ending at bar `from + k`, for the chunk last filled. */
  topIndex: Int32Array;
  /** Bar of the lowest low of the window ending at bar `from + k`, for the chunk last filled. */
  bottomIndex: Int32Array;
  /** Prefix extremes of the current block and suffix extremes of the previous one (4 × window). */
  values: Float64Array;
  /** Their bar indices (4 × window). */
  indices: Int32Array;
}

/** Allocates the buffers for a window of `window` bars. */
export function windowExtremeBuffers(window: number): WindowExtremeBuffers {
  const chunk = window * Math.max(1, Math.ceil(1024 / window));
  return {
    chunk,
    topIndex: new Int32Array(chunk),
    bottomIndex: new Int32Array(chunk),
    values: new Float64Array(4 * window),
    indices: new Int32Array(4 * window),
  };
}

/**
 * Fills `topIndex[k]` and `bottomIndex[k]` with the bars of the extremes of the window ending at
 * bar `from + k`, for every bar of the chunk starting at `from` (a multiple of `buffers.chunk`);
 * returns the bar after the chunk's last. Bars before `window − 1` look at the bars so far.
 */
export function windowExtremeIndexInto(
  high: Float64Array,
  low: Float64Array,
  window: number,
  from: number,
  buffers: WindowExtremeBuffers,
): number {
  const { topIndex, bottomIndex, values, indices } = buffers;
  const to = Math.min(high.length, from + buffers.chunk);
  // values / indices layout: [prefix highs | prefix lows | suffix highs | suffix lows], `window` each.
  const prefixLow = window;
  const suffixHigh = 2 * window;
  const suffixLow = 3 * window;
  for (let block = from; block < to; block += window) {
    const size = Math.min(window, to - block);
    const at = block - from;
    let ph = high[block];
    let pl = low[block];
    let phi = block;
    let pli = block;
    if (block === 0) {
      for (let k = 0; k < size; k++) {
        // Forward: an equal, later bar takes over (>=, <=).
        const ch = +(high[k] >= ph);
        const cl = +(low[k] <= pl);
        ph = ch * high[k] + (1 - ch) * ph;
        pl = cl * low[k] + (1 - cl) * pl;
        phi += ch * (k - phi);
        pli += cl * (k - pli);
        topIndex[k] = phi;
        bottomIndex[k] = pli;
      }
      continue;
    }
    let sh = high[block - 1];
    let sl = low[block - 1];
    let shi = block - 1;
    let sli = block - 1;
    values[0] = ph;
    values[prefixLow] = pl;
    indices[0] = phi;
    indices[prefixLow] = pli;
    values[suffixHigh + window - 1] = sh;
    values[suffixLow + window - 1] = sl;
    indices[suffixHigh + window - 1] = shi;
    indices[suffixLow + window - 1] = sli;
    for (let k = 1; k < window; k++) {
      if (k < size) {
        const i = block + k;
        const ch = +(high[i] >= ph);
        const cl = +(low[i] <= pl);
        ph = ch * high[i] + (1 - ch) * ph;
        pl = cl * low[i] + (1 - cl) * pl;
        phi += ch * (i - phi);
        pli += cl * (i - pli);
        values[k] = ph;
        values[prefixLow + k] = pl;
        indices[k] = phi;
        indices[prefixLow + k] = pli;
      }
      // Backward: an equal, earlier bar does not displace the later one held (>, <).
      const j = block - 1 - k;
      const ch = +(high[j] > sh);
      const cl = +(low[j] < sl);
      sh = ch * high[j] + (1 - ch) * sh;
      sl = cl * low[j] + (1 - cl) * sl;
      shi += ch * (j - shi);
      sli += cl * (j - sli);
      values[suffixHigh + window - 1 - k] = sh;
      values[suffixLow + window - 1 - k] = sl;
      indices[suffixHigh + window - 1 - k] = shi;
      indices[suffixLow + window - 1 - k] = sli;
    }
    // The window ending at block + k: the older bars win only when strictly better.
    const mixed = size === window ? window - 1 : size;
    for (let k = 0; k < mixed; k++) {
      const ch = +(values[suffixHigh + k + 1] > values[k]);
      const cl = +(values[suffixLow + k + 1] < values[prefixLow + k]);
      const hi = indices[k];
      const li = indices[prefixLow + k];
      topIndex[at + k] = hi + ch * (indices[suffixHigh + k + 1] - hi);
      bottomIndex[at + k] = li + cl * (indices[suffixLow + k + 1] - li);
    }
    if (mixed < size) {
      topIndex[at + mixed] = indices[mixed];
      bottomIndex[at + mixed] = indices[prefixLow + mixed];
    }
  }
  return to;
}
