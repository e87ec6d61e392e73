/**
 * The sample500 generator: all 500 tickers jointly, day by day, because the planted signals
 * (signals.ts) make each day's drift depend on where every ticker ranks on that morning.
 *
 * Model, per listed ticker i and NYSE session t (same family as generator.ts of the ten tickers):
 * - Log return r_t = β·m_t + γ·f_{sector,t} + e_t + J_t + d_t (+ the collapse before some delistings),
 *   m_t the market factor, f the ticker's sector factor (both GARCH(1,1) with Student-t shocks and
 *   the 2008–09 and 2020 stress windows), d_t the planted-signal drift. There is no per-ticker alpha.
 * - e_t = √h_t·z_t: GARCH(1,1) h, Student-t z (4–6 degrees of freedom) rescaled to unit variance;
 *   the variance doubles in the stress windows and is 2.25× after a collapse (distress).
 * - News jumps (J ~ N(0, jumpVol²), most overnight), plain overnight gaps, open/high/low and cents
 *   rounding as in generator.ts, so high ≥ max(open, close) ≥ min(open, close) ≥ low > 0.
 * - Volume: log V = log baseVolume (set by size) + 0.2·min(|r|/σ̄, 12) + ½·log(σ_t/σ̄) + AR(1) noise.
 * - Splits follow the price: a raw close above the ticker's threshold ($150–400) splits 2-for-1
 *   (or 3-for-1) the next session; a raw close below $1 reverse-splits 1-for-10 (never for a ticker
 *   that will collapse). Raw prices and volumes change at the split, adjClose (backward
 *   adjusted, Yahoo's method) does not. No dividends: adjClose moves only at splits.
 * - A delisted ticker's series ends on its last day; four in ten of them first collapse overnight
 *   to a few cents ($0.05–0.40) and trade there, distressed, until then (tickers.ts says why).
 * Random streams (shocks.ts): `${seed}:sample500:${ticker}` per ticker, one per sector and one for the market,
 * so the same seed gives bit-identical bars. Columns are typed arrays; nothing per bar is allocated.
 */
import { allocFrame, type BarFrame } from "../../../frame.js";
import { generateMarketFactor, type MarketFactorSeries } from "../market-factor.js";
import { seededRandom } from "../random.js";
import { MARKET_FACTOR } from "../universe.js";
import { sample500Days } from "./calendar.js";
import { rankScores } from "./rank-score.js";
import { SECTOR_SPECS } from "./sectors.js";
import { type Shocks, shocksFrom } from "./shocks.js";
import { SAMPLE500_SIGNALS } from "./signals.js";
import { type Sample500TickerSpec, sample500Specs } from "./tickers.js";

const TRADING_DAYS = 252;
const REVERSE_SPLIT_BELOW = 1;
const RAW_FLOOR = 0.01;

/** The generated sample500 market. */
export interface Sample500Market {
  seed: number;
  /** The sessions, epoch ms at 00:00 UTC. */
  days: readonly number[];
  specs: readonly Sample500TickerSpec[];
  /** One frame per ticker (in specs order) over its listed sessions only. */
  frames: readonly BarFrame[];
}

function roundCents(x: number): number {
  return Math.round(x * 100) / 100;
}

function sectorFactors(seed: number, days: readonly number[]): MarketFactorSeries[] {
  const stress = MARKET_FACTOR.stress.map((w) => ({ ...w, varianceMult: 2, drift: 0 }));
  return SECTOR_SPECS.map((s) =>
    generateMarketFactor({ drift: 0, vol: s.vol, arch: 0.08, garch: 0.9, tailDof: 5, stress }, seed, days, `sample500:sector:${s.name}`),
  );
}

/** Per-ticker state carried from one session to the next. */
interface TickerState {
  rng: Shocks;
  frame: BarFrame;
  /** GARCH variance of the idiosyncratic shock. */
  h: number;
  omega: number;
  /** New shares per original share so far, and the close per original share ("economic" price). */
  shares: number;
  close: number;
  volumeNoise: number;
  typicalVol: number;
  /** Split ratio per local bar index (sparse). */
  splits: Map<number, number>;
}

/** Generates the whole sample500 market for `seed` (about 2.4 million bars). */
export function generateSample500(seed: number): Sample500Market {
  const days = sample500Days();
  const specs = sample500Specs(seed);
  const T = days.length;
  const N = specs.length;
  const market = generateMarketFactor(MARKET_FACTOR, seed, days, "sample500:market-factor");
  const sectors = sectorFactors(seed, days);
  const mean = (x: Float64Array) => x.reduce((s, v) => s + v, 0) / x.length;
  const marketVar = mean(market.variance);
  const sectorVar = sectors.map((s) => mean(s.variance));

  const states: TickerState[] = specs.map((spec) => {
    const idioVar = (spec.idioVol * spec.idioVol) / TRADING_DAYS;
    const typicalVar = spec.beta ** 2 * marketVar + spec.sectorLoading ** 2 * sectorVar[spec.sector] + idioVar;
    return {
      rng: shocksFrom(seededRandom(`${seed}:sample500:${spec.ticker}`)),
      frame: allocFrame(spec.ticker, "1d", spec.lastDay - spec.listedDay + 1),
      h: idioVar,
      omega: idioVar * (1 - spec.arch - spec.garch),
      shares: 1,
      close: spec.startPrice,
      volumeNoise: 0,
      typicalVol: Math.sqrt(typicalVar),
      splits: new Map(),
    };
  });

  // Log economic closes of every ticker and session (NaN when not listed): the signals' input.
  const logClose = new Float64Array(N * T).fill(Number.NaN);
  const drift = new Float64Array(N);
  const values = new Float64Array(N);
  const scores = new Float64Array(N);
  const members = new Uint32Array(N);
  const sorted = new Float64Array(N);
  const { reversal, momentum } = SAMPLE500_SIGNALS;

  /** Adds `coefficient` × the rank score of log(P_{t−1−to} / P_{t−1−from}) to the drift of each ticker trading at t with that history. */
  const plant = (t: number, from: number, to: number, coefficient: number) => {
    let n = 0;
    for (let i = 0; i < N; i++) {
      const spec = specs[i];
      if (spec.listedDay > t - 1 - from || spec.lastDay < t) continue;
      values[n] = logClose[i * T + t - 1 - to] - logClose[i * T + t - 1 - from];
      members[n++] = i;
    }
    if (n < 2) return;
    rankScores(values, n, scores, sorted);
    for (let k = 0; k < n; k++) drift[members[k]] += coefficient * scores[k];
  };

  for (let t = 0; t < T; t++) {
    drift.fill(0);
    plant(t, reversal.window.from, reversal.window.to, reversal.driftPerScore);
    plant(t, momentum.window.from, momentum.window.to, momentum.driftPerScore);
    for (let i = 0; i < N; i++) {
      const spec = specs[i];
      if (t < spec.listedDay || t > spec.lastDay) continue;
      const state = states[i];
      if (t === spec.listedDay) listingBar(spec, state);
      else tradingBar(spec, state, t, t - spec.listedDay, market, sectors[spec.sector], drift[i]);
      logClose[i * T + t] = Math.log(state.close);
      state.frame.ts[t - spec.listedDay] = days[t];
    }
  }
  for (const state of states) fillAdjustedClose(state.frame, state.splits);
  return { seed, days, specs, frames: states.map((s) => s.frame) };
}

/** The first bar: the listing price, an ordinary range around it. */
function listingBar(spec: Sample500TickerSpec, state: TickerState): void {
  const { rng, frame } = state;
  const vol = state.typicalVol;
  const open = Math.max(0.01, roundCents(spec.startPrice * Math.exp(0.3 * vol * rng.normal())));
  const close = roundCents(spec.startPrice);
  frame.open[0] = open;
  frame.close[0] = close;
  frame.high[0] = Math.max(open, close, Math.ceil(Math.max(open, close) * Math.exp(spec.rangeScale * vol * Math.abs(rng.normal())) * 100) / 100);
  frame.low[0] = Math.max(0.01, Math.min(open, close, Math.floor(Math.min(open, close) * Math.exp(-spec.rangeScale * vol * Math.abs(rng.normal())) * 100) / 100));
  state.volumeNoise = spec.volumeNoise * rng.normal();
  frame.volume[0] = Math.max(1, Math.round(spec.baseVolume * Math.exp(state.volumeNoise)));
}

/** One ordinary session `t` (local bar index `k`) of a listed ticker. */
function tradingBar(
  spec: Sample500TickerSpec,
  state: TickerState,
  t: number,
  k: number,
  market: MarketFactorSeries,
  sector: MarketFactorSeries,
  signalDrift: number,
): void {
  const { rng, frame } = state;
  const distressed = spec.collapseDay >= 0 && t >= spec.collapseDay;
  const previousRaw = state.close / state.shares;
  const canReverseSplit = spec.collapseDay < 0 && previousRaw < REVERSE_SPLIT_BELOW;
  const split = previousRaw > spec.splitAbove ? (rng.uniform() < 0.7 ? 2 : 3) : canReverseSplit ? 0.1 : 1;
  if (split !== 1) {
    state.shares *= split;
    state.splits.set(k, split);
  }
  // The collapse: an overnight fall to about collapseTo (raw), unforeseeable from the past bars.
  const collapse = t === spec.collapseDay ? Math.min(0, Math.log((spec.collapseTo * state.shares) / state.close)) : 0;

  const idioVariance = state.h * (market.stressed[t] ? 2 : 1) * (distressed ? 2.25 : 1);
  const sectorVariance = spec.sectorLoading ** 2 * sector.variance[t];
  const dayVol = Math.sqrt(spec.beta ** 2 * market.variance[t] + sectorVariance + idioVariance);
  const z = rng.studentT(spec.tailDof);
  const shock = Math.sqrt(idioVariance) * z;
  const isJump = rng.uniform() < spec.jumpProb;
  const jump = isJump ? spec.jumpVol * rng.normal() : 0;
  const jumpOvernight = isJump && rng.uniform() < 0.7;
  const gap = rng.uniform() < spec.gapProb ? 3 * dayVol * rng.normal() : 0;

  const diffusion = spec.beta * market.ret[t] + spec.sectorLoading * sector.ret[t] + shock + signalDrift;
  let ret = diffusion + jump + 0.5 * gap + collapse;
  state.h = state.omega + spec.arch * (state.h * z * z + 0.25 * jump * jump) + spec.garch * state.h;

  const base = state.close;
  const floor = RAW_FLOOR * state.shares;
  if (base * Math.exp(ret) < floor) ret = 2 * Math.log(floor / base) - ret; // reflect off the floor
  const overnight = 0.25 * diffusion + 0.2 * dayVol * rng.normal() + gap + (jumpOvernight ? jump : 0) + collapse;
  const openEconomic = base * Math.exp(overnight);
  const closeEconomic = base * Math.exp(ret);
  const upExtension = Math.exp(spec.rangeScale * dayVol * Math.abs(rng.normal()));
  const downExtension = Math.exp(-spec.rangeScale * dayVol * Math.abs(rng.normal()));

  const open = Math.max(0.01, roundCents(openEconomic / state.shares));
  const close = Math.max(0.01, roundCents(closeEconomic / state.shares));
  frame.open[k] = open;
  frame.close[k] = close;
  frame.high[k] = Math.max(Math.ceil(Math.max(open, close) * upExtension * 100) / 100, open, close);
  frame.low[k] = Math.max(0.01, Math.min(Math.floor(Math.min(open, close) * downExtension * 100) / 100, open, close));

  state.volumeNoise = 0.8 * state.volumeNoise + spec.volumeNoise * rng.normal();
  const logVolume =
    Math.log(spec.baseVolume) +
    0.2 * Math.min(Math.abs(ret) / state.typicalVol, 12) +
    0.5 * Math.log(dayVol / state.typicalVol) +
    state.volumeNoise;
  frame.volume[k] = Math.max(1, Math.round(Math.exp(logVolume) * state.shares));
  state.close = closeEconomic;
}

/** adjClose by backward adjustment for splits: each split divides the bars before it by its ratio. */
function fillAdjustedClose(frame: BarFrame, splits: ReadonlyMap<number, number>): void {
  let factor = 1;
  for (let k = frame.ts.length - 1; k >= 0; k--) {
    frame.adjClose[k] = Math.round(frame.close[k] * factor * 1e6) / 1e6;
    const ratio = splits.get(k);
    if (ratio !== undefined) factor /= ratio;
  }
}
