/**
 * The common market factor of the sample universe: daily log returns with GARCH(1,1) variance and
 * Student-t shocks, plus stress windows (variance multiplied, drift replaced) for 2008 and 2020.
 */
import { requireIsoDate } from "../dates.js";
import { seededRandom } from "./random.js";
import type { MarketFactorSpec } from "./universe.js";

/** The market factor on each trading day. */
export interface MarketFactorSeries {
  /** Daily log return. */
  ret: Float64Array;
  /** Conditional variance of that day's return (after the stress multiplier). */
  variance: Float64Array;
  /** 1 inside a stress window, 0 outside. */
  stressed: Uint8Array;
}

/**
 * Generates the market factor for `days` (epoch ms at 00:00 UTC), seeded by `seed`; `stream` names
 * the random stream, so other factors of the same kind (the sample500 sectors) draw their own.
 */
export function generateMarketFactor(
  spec: MarketFactorSpec,
  seed: number,
  days: readonly number[],
  stream = "market-factor",
): MarketFactorSeries {
  const rng = seededRandom(`${seed}:${stream}`);
  const n = days.length;
  const out: MarketFactorSeries = { ret: new Float64Array(n), variance: new Float64Array(n), stressed: new Uint8Array(n) };
  const windows = spec.stress.map((w) => ({
    from: requireIsoDate(w.from, "stress start"),
    to: requireIsoDate(w.to, "stress end"),
    varianceMult: w.varianceMult,
    drift: w.drift,
  }));
  const longRunVariance = (spec.vol * spec.vol) / 252;
  const omega = longRunVariance * (1 - spec.arch - spec.garch);
  let h = longRunVariance;
  for (let t = 0; t < n; t++) {
    const window = windows.find((w) => days[t] >= w.from && days[t] <= w.to);
    const variance = h * (window ? window.varianceMult : 1);
    const z = rng.studentT(spec.tailDof);
    out.ret[t] = (window ? window.drift : spec.drift) / 252 + Math.sqrt(variance) * z;
    out.variance[t] = variance;
    out.stressed[t] = window ? 1 : 0;
    // The recursion sees the unstressed shock: feeding the multiplied one back would explode.
    h = omega + spec.arch * h * z * z + spec.garch * h;
  }
  return out;
}
