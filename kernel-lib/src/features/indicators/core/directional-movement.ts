import { isZero } from "./epsilon.js";
import { trueRange } from "./true-range.js";

/** Output arrays for `directionalMovementInto`; pass only the ones you need. */
export interface DirectionalOutputs {
  /** +DI, from bar `period`. */
  plusDI?: Float64Array;
  /** −DI, from bar `period`. */
  minusDI?: Float64Array;
  /** DX, from bar `period`. */
  dx?: Float64Array;
  /** ADX, from bar 2·period − 1. */
  adx?: Float64Array;
}

/**
 * Wilder's directional movement system in one pass, following TA-Lib's PLUS_DI, MINUS_DI, DX and ADX:
 * +DM/−DM/TR are summed over the first period − 1 changes, then Wilder-smoothed
 * (`x − x/period + today`); DI = 100·DM/TR, DX = 100·|−DI − +DI|/(−DI + +DI), and ADX is the mean
 * of the first `period` DX values, then Wilder-smoothed. Degenerate bars follow TA-Lib: DI is 0 when
 * TR is 0; DX repeats its previous value (0 at first) and ADX skips the bar when DX is undefined.
 */
export function directionalMovementInto(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period: number,
  out: DirectionalOutputs,
): void {
  const n = close.length;
  if (period >= n) return;
  const { plusDI: plusOut, minusDI: minusOut, dx: dxOut, adx: adxOut } = out;
  let prevHigh = high[0];
  let prevLow = low[0];
  let prevClose = close[0];
  let plusDM = 0;
  let minusDM = 0;
  let tr = 0;
  let dx = 0;
  let sumDX = 0;
  let adx = 0;
  const adxStart = 2 * period - 1;
  // Wilder smoothing divides by the period on loop-carried chains; multiplying by 1/period
  // instead shortens them (results within a few ulps of TA-Lib's).
  const inv = 1 / period;
  for (let i = 1; i < n; i++) {
    const h = high[i];
    const l = low[i];
    const up = h - prevHigh;
    const down = prevLow - l;
    const range = trueRange(h, l, prevClose);
    prevHigh = h;
    prevLow = l;
    prevClose = close[i];
    if (i >= period) {
      plusDM -= plusDM * inv;
      minusDM -= minusDM * inv;
    }
    // Branch-free: which of +DM and −DM moves (if either) is a coin toss from bar to bar, and a
    // mispredicted branch costs more than adding an exact 0 to both.
    const minusMoves = +(down > 0) & +(up < down);
    const plusMoves = +(up > 0) & +(up > down);
    minusDM += minusMoves * down;
    plusDM += plusMoves * up;
    tr = i < period ? tr + range : tr - tr * inv + range;
    if (i < period) continue;

    let plus = 0;
    let minus = 0;
    let dxDefined = false;
    if (tr > 0) {
      minus = 100 * (minusDM / tr);
      plus = 100 * (plusDM / tr);
      const sum = minus + plus;
      if (!isZero(sum)) {
        dx = 100 * (Math.abs(minus - plus) / sum);
        dxDefined = true;
      }
    }
    if (plusOut) plusOut[i] = plus;
    if (minusOut) minusOut[i] = minus;
    if (dxOut) dxOut[i] = dx;
    if (adxOut) {
      if (i < adxStart) {
        if (dxDefined) sumDX += dx;
      } else if (i === adxStart) {
        if (dxDefined) sumDX += dx;
        adx = sumDX / period;
        adxOut[i] = adx;
      } else {
        if (dxDefined) adx = (adx * (period - 1) + dx) * inv;
        adxOut[i] = adx;
      }
    }
  }
}
