/**
 * Sliding-window maximum and minimum in O(1) per bar, worst case included, with the van Herk /
 * Gil-Werman block scheme (the one TA-Lib's WILLR uses): bars are grouped in blocks of `window`;
 * a window ending at bar i spans the tail of the previous block and the head of the current one,
 * so its extreme is the better of the previous block's suffix extreme (computed once per block,
 * scanning backward) and the current block's running prefix extreme. Unlike a monotonic deque it
 * has no data-dependent pops, which keeps branch mispredictions rare on noisy prices.
 *
 * Bars are pushed in order, one per call; each push returns the index of the extreme of the last
 * `window` bars pushed (fewer at the start). On ties the latest bar wins, as in TA-Lib's AROON.
 * Memory: two arrays of `window` slots. Max and min are separate classes so the hot path has no
 * comparator branch.
 */

/** Index of the maximum of `src` over the last `window` bars pushed. */
export class WindowMax {
  private readonly suffixIndex: Int32Array;
  private readonly suffixValue: Float64Array;
  private pushed = 0;
  private offset = 0;
  private prefixIndex = -1;
  private prefixValue = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly src: Float64Array,
    private readonly window: number,
  ) {
    this.suffixIndex = new Int32Array(window);
    this.suffixValue = new Float64Array(window);
  }

  /** Adds bar `i` (the bar after the previous push) and returns the index of the window maximum. */
  push(i: number): number {
    const { src, window, suffixIndex, suffixValue } = this;
    const value = src[i];
    if (this.offset === window) this.offset = 0;
    if (this.offset === 0) {
      // Bar i opens a block: index the suffix maxima of the block that just closed, [i − window, i − 1].
      if (this.pushed >= window) {
        let best = i - 1;
        let bestValue = src[best];
        suffixIndex[window - 1] = best;
        suffixValue[window - 1] = bestValue;
        for (let k = window - 2, j = i - 2; k >= 0; k--, j--) {
          const v = src[j];
          // Strictly greater: an equal, older bar does not displace a later one.
          if (v > bestValue) {
            bestValue = v;
            best = j;
          }
          suffixIndex[k] = best;
          suffixValue[k] = bestValue;
        }
      }
      this.prefixIndex = i;
      this.prefixValue = value;
    } else if (value >= this.prefixValue) {
      this.prefixIndex = i;
      this.prefixValue = value;
    }
    this.offset++;
    this.pushed++;
    // The window starts at `offset` within the previous block, or is exactly the current block.
    if (this.offset === window || this.pushed <= window) return this.prefixIndex;
    return suffixValue[this.offset] > this.prefixValue ? suffixIndex[this.offset] : this.prefixIndex;
  }
}

/** Index of the minimum of `src` over the last `window` bars pushed. */
export class WindowMin {
  private readonly suffixIndex: Int32Array;
  private readonly suffixValue: Float64Array;
  private pushed = 0;
  private offset = 0;
  private prefixIndex = -1;
  private prefixValue = Number.POSITIVE_INFINITY;

  constructor(
    private readonly src: Float64Array,
    private readonly window: number,
  ) {
    this.suffixIndex = new Int32Array(window);
    this.suffixValue = new Float64Array(window);
  }

  /** Adds bar `i` (the bar after the previous push) and returns the index of the window minimum. */
  push(i: number): number {
    const { src, window, suffixIndex, suffixValue } = this;
    const value = src[i];
    if (this.offset === window) this.offset = 0;
    if (this.offset === 0) {
      if (this.pushed >= window) {
        let best = i - 1;
        let bestValue = src[best];
        suffixIndex[window - 1] = best;
        suffixValue[window - 1] = bestValue;
        for (let k = window - 2, j = i - 2; k >= 0; k--, j--) {
          const v = src[j];
          if (v < bestValue) {
            bestValue = v;
            best = j;
          }
          suffixIndex[k] = best;
          suffixValue[k] = bestValue;
        }
      }
      this.prefixIndex = i;
      this.prefixValue = value;
    } else if (value <= this.prefixValue) {
      this.prefixIndex = i;
      this.prefixValue = value;
    }
    this.offset++;
    this.pushed++;
    if (this.offset === window || this.pushed <= window) return this.prefixIndex;
    return suffixValue[this.offset] < this.prefixValue ? suffixIndex[this.offset] : this.prefixIndex;
  }
}
