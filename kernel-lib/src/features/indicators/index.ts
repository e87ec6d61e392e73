/**
 * The built-in indicator kernels. Each file holds one indicator; this barrel lists them all.
 * Output columns are named `<stem>_<param values in schema order>` (see types.ts).
 */
import { adx } from "./adx.js";
import { aroon } from "./aroon.js";
import { atr } from "./atr.js";
import { bbands } from "./bbands.js";
import { cci } from "./cci.js";
import { dema } from "./dema.js";
import { donchian } from "./donchian.js";
import { dx } from "./dx.js";
import { ema } from "./ema.js";
import { hlRatio } from "./hl-ratio.js";
import { keltner } from "./keltner.js";
import { logReturns } from "./log-returns.js";
import { macd } from "./macd.js";
import { mfi } from "./mfi.js";
import { minusDi } from "./minus-di.js";
import { mom } from "./mom.js";
import { natr } from "./natr.js";
import { obv } from "./obv.js";
import { plusDi } from "./plus-di.js";
import { returns } from "./returns.js";
import { roc } from "./roc.js";
import { rsi } from "./rsi.js";
import { sma } from "./sma.js";
import { stoch } from "./stoch.js";
import { tema } from "./tema.js";
import { trange } from "./trange.js";
import type { IndicatorDef, IndicatorParams } from "./types.js";
import { volatility } from "./volatility.js";
import { volumeRatio } from "./volume-ratio.js";
import { volumeSma } from "./volume-sma.js";
import { vwap } from "./vwap.js";
import { willr } from "./willr.js";
import { wma } from "./wma.js";
import { zscore } from "./zscore.js";

export { defineIndicator } from "./define.js";
export { columnName } from "./naming.js";
export type { IndicatorDef, IndicatorInput, IndicatorParams } from "./types.js";
export {
  adx,
  aroon,
  atr,
  bbands,
  cci,
  dema,
  donchian,
  dx,
  ema,
  hlRatio,
  keltner,
  logReturns,
  macd,
  mfi,
  minusDi,
  mom,
  natr,
  obv,
  plusDi,
  returns,
  roc,
  rsi,
  sma,
  stoch,
  tema,
  trange,
  volatility,
  volumeRatio,
  volumeSma,
  vwap,
  willr,
  wma,
  zscore,
};

/** Every built-in indicator, in a stable order (moving averages, oscillators, volatility, volume, returns). */
export const builtinIndicators: readonly IndicatorDef<IndicatorParams>[] = [
  sma,
  ema,
  wma,
  dema,
  tema,
  macd,
  rsi,
  stoch,
  willr,
  cci,
  roc,
  mom,
  adx,
  plusDi,
  minusDi,
  dx,
  aroon,
  bbands,
  atr,
  natr,
  trange,
  donchian,
  keltner,
  volatility,
  zscore,
  obv,
  mfi,
  vwap,
  volumeSma,
  volumeRatio,
  returns,
  logReturns,
  hlRatio,
];
